// Python's math module on int and float as TorchScript exposes it
// (aten::sqrt.int, aten::floor.float, ...), with PyTorch 1.13's schemas.
#include <cmath>
#include <numeric>
#include <string>

#include "core/check.h"
#include "runtime/ops/ops_internal.h"
#include "runtime/scalar_math.h"

namespace wick::ops {

namespace {

using UnaryFn = double (*)(double);

// f.int(int a) -> float, f.float(float a) -> float, f.Scalar(Scalar a) ->
// Scalar (a float), one function per math routine.
template <UnaryFn F>
void addFloatUnary(OperatorRegistry& r, const std::string& name) {
  r.add(name + ".int(int a) -> float", +[](Stack& s) { s.back() = IValue(F(double(s.back().toInt()))); });
  r.add(name + ".float(float a) -> float", +[](Stack& s) { s.back() = IValue(F(s.back().toDouble())); });
  r.add(name + ".Scalar(Scalar a) -> Scalar", +[](Stack& s) { s.back() = IValue(F(s.back().toScalar().toDouble())); });
}

double sqrtFn(double v) { return std::sqrt(v); }
double expFn(double v) { return std::exp(v); }
double logFn(double v) { return std::log(v); }
double log10Fn(double v) { return std::log10(v); }
double sinFn(double v) { return std::sin(v); }
double cosFn(double v) { return std::cos(v); }
double tanFn(double v) { return std::tan(v); }
double tanhFn(double v) { return std::tanh(v); }
double fabsFn(double v) { return std::fabs(v); }
// Python rounds half to even; so does nearbyint in the default rounding mode.
double roundFn(double v) { return std::nearbyint(v); }

using RoundFn = double (*)(double);

// floor / ceil: int -> int (identity), float -> int, Scalar -> Scalar.
template <RoundFn F>
void addIntRounding(OperatorRegistry& r, const std::string& name) {
  r.add(name + ".int(int a) -> int", +[](Stack& s) {});
  r.add(name + ".float(float a) -> int", +[](Stack& s) {
    double d = F(s.back().toDouble());
    WICK_CHECK(std::isfinite(d), "cannot convert float {} to integer", d);
    s.back() = IValue(static_cast<int64_t>(d));
  });
  r.add(name + ".Scalar(Scalar a) -> Scalar", +[](Stack& s) {
    Scalar a = s.back().toScalar();
    if (a.isFloat()) s.back() = IValue(static_cast<int64_t>(F(a.toDouble())));
  });
}

double floorFn(double v) { return std::floor(v); }
double ceilFn(double v) { return std::ceil(v); }

// divmod(x, y) -> (x // y, x % y).
template <typename T>
void divmod(Stack& s) {
  T b = get<T>(s.back());
  s.pop_back();
  T a = get<T>(s.back());
  s.back() = IValue(makeTuple({IValue(smath::floorDiv(a, b)), IValue(smath::remainder(a, b))}));
}
template <typename A, typename B>
void divmodMixed(Stack& s) {
  double b = static_cast<double>(get<B>(s.back()));
  s.pop_back();
  double a = static_cast<double>(get<A>(s.back()));
  s.back() = IValue(makeTuple({IValue(smath::floorDiv(a, b)), IValue(smath::remainder(a, b))}));
}

}  // namespace

void registerScalarMathOps(OperatorRegistry& r) {
  addFloatUnary<sqrtFn>(r, "aten::sqrt");
  addFloatUnary<expFn>(r, "aten::exp");
  addFloatUnary<logFn>(r, "aten::log");
  addFloatUnary<log10Fn>(r, "aten::log10");
  addFloatUnary<sinFn>(r, "aten::sin");
  addFloatUnary<cosFn>(r, "aten::cos");
  addFloatUnary<tanFn>(r, "aten::tan");
  addFloatUnary<tanhFn>(r, "aten::tanh");
  addFloatUnary<fabsFn>(r, "aten::fabs");
  addFloatUnary<roundFn>(r, "aten::round");
  addIntRounding<floorFn>(r, "aten::floor");
  addIntRounding<ceilFn>(r, "aten::ceil");

  r.add("aten::isnan.float(float a) -> bool", +[](Stack& s) { s.back() = IValue(bool(std::isnan(s.back().toDouble()))); });
  r.add("aten::isinf.float(float a) -> bool", +[](Stack& s) { s.back() = IValue(bool(std::isinf(s.back().toDouble()))); });
  r.add("aten::factorial.int(int a) -> int", +[](Stack& s) {
    int64_t n = s.back().toInt();
    WICK_CHECK(n >= 0, "ValueError: factorial() not defined for negative values");
    int64_t f = 1;
    for (int64_t i = 2; i <= n; ++i) f = smath::mul(f, i);
    s.back() = IValue(f);
  });
  r.add("aten::gcd.int(int a, int b) -> int", +[](Stack& s) {
    int64_t b = s.back().toInt();
    s.pop_back();
    s.back() = IValue(static_cast<int64_t>(std::gcd(s.back().toInt(), b)));
  });
  r.add("aten::divmod.int(int x, int y) -> (int, int)", &divmod<int64_t>);
  r.add("aten::divmod.float(float x, float y) -> (float, float)", &divmod<double>);
  r.add("aten::divmod.int_float(int x, float y) -> (float, float)", &divmodMixed<int64_t, double>);
  r.add("aten::divmod.float_int(float x, int y) -> (float, float)", &divmodMixed<double, int64_t>);
}

}  // namespace wick::ops
