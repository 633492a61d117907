// Scalar: a number that is an int64, a double or a bool, as TorchScript's
// `Scalar` type and the value of a one-element tensor.
#pragma once

#include <cstdint>
#include <string>

#include "wick/dtype.h"

namespace wick {

class Scalar {
 public:
  enum class Kind : int8_t { Int, Float, Bool };

  Scalar() : kind_(Kind::Int) { v_.i = 0; }
  Scalar(int64_t i) : kind_(Kind::Int) { v_.i = i; }            // NOLINT
  Scalar(int i) : kind_(Kind::Int) { v_.i = i; }                // NOLINT
  Scalar(double d) : kind_(Kind::Float) { v_.d = d; }           // NOLINT
  Scalar(float d) : kind_(Kind::Float) { v_.d = d; }            // NOLINT
  Scalar(bool b) : kind_(Kind::Bool) { v_.i = b ? 1 : 0; }      // NOLINT

  Kind kind() const { return kind_; }
  bool isInt() const { return kind_ == Kind::Int; }
  bool isFloat() const { return kind_ == Kind::Float; }
  bool isBool() const { return kind_ == Kind::Bool; }

  double toDouble() const { return kind_ == Kind::Float ? v_.d : static_cast<double>(v_.i); }
  int64_t toInt() const { return kind_ == Kind::Float ? static_cast<int64_t>(v_.d) : v_.i; }
  bool toBool() const { return kind_ == Kind::Float ? v_.d != 0 : v_.i != 0; }
  template <typename T>
  T to() const {
    if constexpr (std::is_same_v<T, bool>) return toBool();
    else if constexpr (std::is_floating_point_v<T>) return static_cast<T>(toDouble());
    else if constexpr (std::is_integral_v<T>) return static_cast<T>(toInt());
    else return T(static_cast<float>(toDouble()));  // Half, BFloat16
  }

  // The dtype PyTorch gives a tensor made from this scalar alone:
  // int64, float32 (the default dtype), bool.
  DType defaultDType() const {
    return kind_ == Kind::Float ? DType::Float32 : kind_ == Kind::Int ? DType::Int64 : DType::Bool;
  }
  std::string str() const;

 private:
  union {
    int64_t i;
    double d;
  } v_;
  Kind kind_;
};

}  // namespace wick
