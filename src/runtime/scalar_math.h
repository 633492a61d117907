// TorchScript's semantics of int and float arithmetic, shared by the scalar
// ops and the interpreter's specialized instructions so both agree exactly.
//
// ints are 64-bit and wrap on overflow (as TorchScript's int64 does);
// floor division and modulo round toward negative infinity and take the
// sign of the divisor, like Python; int division or modulo by zero raises,
// while float ops follow PyTorch (inf / nan, no error).
#pragma once

#include <cmath>
#include <cstdint>

#include "wick/error.h"

namespace wick::smath {

[[noreturn]] inline void zeroDivision() {
  throw Error("ZeroDivisionError: integer division or modulo by zero");
}

inline int64_t add(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}
inline int64_t sub(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b));
}
inline int64_t mul(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
}
inline double add(double a, double b) { return a + b; }
inline double sub(double a, double b) { return a - b; }
inline double mul(double a, double b) { return a * b; }

inline int64_t floorDiv(int64_t a, int64_t b) {
  if (b == 0) zeroDivision();
  if (b == -1) return sub(0, a);  // INT64_MIN / -1 wraps instead of trapping
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}
inline int64_t remainder(int64_t a, int64_t b) {
  if (b == 0) zeroDivision();
  if (b == -1) return 0;
  int64_t r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}
// Python's float floor division: floor of the exact quotient, computed from
// fmod so that 7.5 // -2.0 == -4.0. Division by zero gives inf or nan.
inline double floorDiv(double a, double b) {
  if (b == 0) return a / b;
  double mod = std::fmod(a, b);
  double div = (a - mod) / b;
  if (mod != 0 && ((b < 0) != (mod < 0))) div -= 1.0;
  if (div == 0) return std::copysign(0.0, a / b);
  double fl = std::floor(div);
  if (div - fl > 0.5) fl += 1.0;
  return fl;
}
inline double remainder(double a, double b) {
  double mod = std::fmod(a, b);
  if (mod != 0 && ((b < 0) != (mod < 0))) mod += b;
  return mod;
}
inline double trueDiv(double a, double b) { return a / b; }

inline double pow(double a, double b) {
  if (a == 0 && b < 0) throw Error("ZeroDivisionError: 0.0 cannot be raised to a negative power");
  return std::pow(a, b);
}
inline int64_t powInt(int64_t a, int64_t b) {
  if (b < 0) throw Error("Integers to negative integer powers are not allowed.");
  int64_t r = 1;
  while (b) {
    if (b & 1) r = mul(r, a);
    a = mul(a, a);
    b >>= 1;
  }
  return r;
}

// The binary ops as types with apply(int64_t, int64_t) and apply(double,
// double): the scalar ops and the interpreter's instructions instantiate
// their int, float and mixed forms from these (mixed operands are promoted
// to double, as in Python).
struct Add {
  static int64_t apply(int64_t a, int64_t b) { return add(a, b); }
  static double apply(double a, double b) { return a + b; }
};
struct Sub {
  static int64_t apply(int64_t a, int64_t b) { return sub(a, b); }
  static double apply(double a, double b) { return a - b; }
};
struct Mul {
  static int64_t apply(int64_t a, int64_t b) { return mul(a, b); }
  static double apply(double a, double b) { return a * b; }
};
// int / int is a float in TorchScript.
struct Div {
  static double apply(int64_t a, int64_t b) { return static_cast<double>(a) / static_cast<double>(b); }
  static double apply(double a, double b) { return a / b; }
};
struct FloorDiv {
  static int64_t apply(int64_t a, int64_t b) { return floorDiv(a, b); }
  static double apply(double a, double b) { return floorDiv(a, b); }
};
struct Rem {
  static int64_t apply(int64_t a, int64_t b) { return remainder(a, b); }
  static double apply(double a, double b) { return remainder(a, b); }
};

// Comparisons also apply to strings.
#define WICK_SMATH_CMP(Name, op)                    \
  struct Name {                                     \
    template <typename T>                           \
    static bool apply(const T& a, const T& b) {     \
      return a op b;                                \
    }                                               \
  };
WICK_SMATH_CMP(Eq, ==)
WICK_SMATH_CMP(Ne, !=)
WICK_SMATH_CMP(Lt, <)
WICK_SMATH_CMP(Le, <=)
WICK_SMATH_CMP(Gt, >)
WICK_SMATH_CMP(Ge, >=)
#undef WICK_SMATH_CMP

}  // namespace wick::smath
