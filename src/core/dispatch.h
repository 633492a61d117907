// Dtype dispatch: runs a generic lambda with `scalar_t` bound to the C++
// type of a runtime dtype.
#pragma once

#include "core/check.h"
#include "wick/dtype.h"

#define WICK_DISPATCH_CASE(T, N) \
  case ::wick::DType::N:         \
    return fn(T{});

// Every dtype.
#define WICK_DISPATCH_ALL(dtype, opname, ...)                                            \
  [&] {                                                                                  \
    auto fn = [&](auto wick_tag_) { using scalar_t = decltype(wick_tag_); __VA_ARGS__ };                                                      \
    switch (dtype) {                                                                     \
      WICK_FORALL_DTYPES(WICK_DISPATCH_CASE)                                             \
      default:                                                                           \
        WICK_FAIL("{}: unsupported dtype {}", opname, ::wick::dtypeName(dtype));         \
    }                                                                                    \
  }()

// float32, float64, float16, bfloat16.
#define WICK_DISPATCH_FLOATING(dtype, opname, ...)                                       \
  [&] {                                                                                  \
    auto fn = [&](auto wick_tag_) { using scalar_t = decltype(wick_tag_); __VA_ARGS__ };                                                      \
    switch (dtype) {                                                                     \
      WICK_DISPATCH_CASE(float, Float32)                                                 \
      WICK_DISPATCH_CASE(double, Float64)                                                \
      WICK_DISPATCH_CASE(::wick::Half, Float16)                                          \
      WICK_DISPATCH_CASE(::wick::BFloat16, BFloat16)                                     \
      default:                                                                           \
        WICK_FAIL("{}: expected a floating-point tensor, got {}", opname,                 \
                  ::wick::dtypeName(dtype));                                             \
    }                                                                                    \
  }()

// Integer dtypes and bool.
#define WICK_DISPATCH_INTEGRAL(dtype, opname, ...)                                       \
  [&] {                                                                                  \
    auto fn = [&](auto wick_tag_) { using scalar_t = decltype(wick_tag_); __VA_ARGS__ };                                                      \
    switch (dtype) {                                                                     \
      WICK_DISPATCH_CASE(uint8_t, UInt8)                                                 \
      WICK_DISPATCH_CASE(int8_t, Int8)                                                   \
      WICK_DISPATCH_CASE(int16_t, Int16)                                                 \
      WICK_DISPATCH_CASE(int32_t, Int32)                                                 \
      WICK_DISPATCH_CASE(int64_t, Int64)                                                 \
      WICK_DISPATCH_CASE(bool, Bool)                                                     \
      default:                                                                           \
        WICK_FAIL("{}: expected an integer tensor, got {}", opname,                      \
                  ::wick::dtypeName(dtype));                                             \
    }                                                                                    \
  }()
