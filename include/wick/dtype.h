// Element types of tensors, their sizes and names, and PyTorch's type
// promotion lattice.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace wick {

// The numbering matches PyTorch's c10::ScalarType, because TorchScript code
// and archives print dtypes as these integers (torch.float32 is 6).
enum class DType : int8_t {
  UInt8 = 0,
  Int8 = 1,
  Int16 = 2,
  Int32 = 3,
  Int64 = 4,
  Float16 = 5,
  Float32 = 6,
  Float64 = 7,
  Bool = 11,
  BFloat16 = 15,
};

// X-macro over every supported dtype: X(CppType, DTypeName).
#define WICK_FORALL_DTYPES(X) \
  X(uint8_t, UInt8)           \
  X(int8_t, Int8)             \
  X(int16_t, Int16)           \
  X(int32_t, Int32)           \
  X(int64_t, Int64)           \
  X(::wick::Half, Float16)    \
  X(float, Float32)           \
  X(double, Float64)          \
  X(bool, Bool)               \
  X(::wick::BFloat16, BFloat16)

// IEEE binary16, stored as bits; arithmetic goes through float.
struct Half {
  uint16_t bits = 0;
  Half() = default;
  Half(float f) : bits(fromFloat(f)) {}  // NOLINT: implicit like PyTorch's
  operator float() const { return toFloat(bits); }

  static uint16_t fromFloat(float f) {
    uint32_t x;
    std::memcpy(&x, &f, 4);
    uint32_t sign = (x >> 16) & 0x8000u;
    uint32_t absx = x & 0x7fffffffu;
    if (absx >= 0x7f800000u) {  // inf or nan
      return static_cast<uint16_t>(sign | 0x7c00u | (absx > 0x7f800000u ? 0x200u : 0u));
    }
    if (absx >= 0x477ff000u) return static_cast<uint16_t>(sign | 0x7c00u);  // overflow
    if (absx < 0x38800000u) {  // subnormal or zero in half
      float af;
      std::memcpy(&af, &absx, 4);
      // Adding 0.5 shifts the value so the FPU rounds to a multiple of 2^-24.
      af += 0.5f;
      uint32_t r;
      std::memcpy(&r, &af, 4);
      return static_cast<uint16_t>(sign | (r - 0x3f000000u));
    }
    uint32_t mant_odd = (absx >> 13) & 1u;
    absx += 0xc8000fffu + mant_odd;  // rebias exponent and round to nearest even
    return static_cast<uint16_t>(sign | (absx >> 13));
  }
  static float toFloat(uint16_t h) {
    uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
    uint32_t exp = (h >> 10) & 0x1fu;
    uint32_t mant = h & 0x3ffu;
    uint32_t out;
    if (exp == 0) {
      if (mant == 0) {
        out = sign;
      } else {  // subnormal: normalize
        float f = static_cast<float>(mant) * (1.0f / 16777216.0f);
        std::memcpy(&out, &f, 4);
        out |= sign;
      }
    } else if (exp == 31) {
      out = sign | 0x7f800000u | (mant << 13);
    } else {
      out = sign | ((exp + 112u) << 23) | (mant << 13);
    }
    float f;
    std::memcpy(&f, &out, 4);
    return f;
  }
};

// bfloat16: the upper half of a float32, rounded to nearest even.
struct BFloat16 {
  uint16_t bits = 0;
  BFloat16() = default;
  BFloat16(float f) : bits(fromFloat(f)) {}  // NOLINT
  operator float() const {
    uint32_t x = static_cast<uint32_t>(bits) << 16;
    float f;
    std::memcpy(&f, &x, 4);
    return f;
  }
  static uint16_t fromFloat(float f) {
    uint32_t x;
    std::memcpy(&x, &f, 4);
    if ((x & 0x7fffffffu) > 0x7f800000u) return static_cast<uint16_t>((x >> 16) | 0x40u);  // quiet nan
    uint32_t rounding_bias = 0x7fffu + ((x >> 16) & 1u);
    return static_cast<uint16_t>((x + rounding_bias) >> 16);
  }
};

// Size in bytes of one element.
int64_t elementSize(DType t);
// PyTorch's name: "float32", "int64", "bool", ...
std::string_view dtypeName(DType t);
// Parses a name as printed by PyTorch ("float", "float32", "torch.float32",
// "Long", "int64", ...). Returns false when unknown.
bool parseDType(std::string_view name, DType* out);
// Converts PyTorch's ScalarType number; false for unsupported ones (complex,
// quantized).
bool dtypeFromInt(int64_t v, DType* out);

inline bool isFloating(DType t) {
  return t == DType::Float32 || t == DType::Float64 || t == DType::Float16 || t == DType::BFloat16;
}
inline bool isIntegral(DType t, bool includeBool) {
  return t == DType::UInt8 || t == DType::Int8 || t == DType::Int16 || t == DType::Int32 ||
         t == DType::Int64 || (includeBool && t == DType::Bool);
}

// PyTorch's promoteTypes(a, b) for the dtypes above.
DType promoteTypes(DType a, DType b);

template <typename T>
struct CppTypeToDType;
#define WICK_DEFINE_CPP_TO_DTYPE(T, N) \
  template <>                          \
  struct CppTypeToDType<T> {           \
    static constexpr DType value = DType::N; \
  };
WICK_FORALL_DTYPES(WICK_DEFINE_CPP_TO_DTYPE)
#undef WICK_DEFINE_CPP_TO_DTYPE

}  // namespace wick
