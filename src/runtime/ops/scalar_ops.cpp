// TorchScript's arithmetic, comparison and logic ops on int, float, bool and
// Scalar, with PyTorch 1.13's schemas. Casts and math functions live in
// scalar_cast_ops.cpp and scalar_math_ops.cpp.
#include <algorithm>
#include <cmath>
#include <string>

#include "runtime/ops/ops.h"
#include "runtime/ops/ops_internal.h"
#include "runtime/scalar_math.h"

namespace wick {

namespace {

using ops::get;

using smath::Add;
using smath::Div;
using smath::Eq;
using smath::FloorDiv;
using smath::Ge;
using smath::Gt;
using smath::Le;
using smath::Lt;
using smath::Mul;
using smath::Ne;
using smath::Sub;
using Remainder = smath::Rem;

// int ** int is a float in TorchScript (aten::pow.int -> float).
struct Pow {
  static double apply(int64_t a, int64_t b) { return smath::pow(static_cast<double>(a), static_cast<double>(b)); }
  static double apply(double a, double b) { return smath::pow(a, b); }
};
struct Min {
  static int64_t apply(int64_t a, int64_t b) { return std::min(a, b); }
  static double apply(double a, double b) { return std::isnan(a) || std::isnan(b) ? NAN : std::min(a, b); }
};
struct Max {
  static int64_t apply(int64_t a, int64_t b) { return std::max(a, b); }
  static double apply(double a, double b) { return std::isnan(a) || std::isnan(b) ? NAN : std::max(a, b); }
};

// (A a, B b) -> R with A, B in {int64_t, double}.
template <typename F, typename A, typename B>
void binary(Stack& s) {
  A a = get<A>(s[s.size() - 2]);
  B b = get<B>(s.back());
  s.pop_back();
  if constexpr (std::is_same_v<A, B>) s.back() = IValue(F::apply(a, b));
  else s.back() = IValue(F::apply(static_cast<double>(a), static_cast<double>(b)));
}

// (Scalar a, Scalar b): ints (and bools) stay ints, anything else is float.
template <typename F>
void binaryScalar(Stack& s) {
  Scalar a = s[s.size() - 2].toScalar();
  Scalar b = s.back().toScalar();
  s.pop_back();
  if (!a.isFloat() && !b.isFloat()) s.back() = IValue(F::apply(a.toInt(), b.toInt()));
  else s.back() = IValue(F::apply(a.toDouble(), b.toDouble()));
}

// Registers name.int, name.float, name.int_float, name.float_int and
// name(Scalar, Scalar) with the given return types.
template <typename F>
void addNumeric(OperatorRegistry& r, const std::string& name, const std::string& intRet,
                const std::string& floatRet, const std::string& scalarRet, bool mixed = true) {
  r.add(name + ".int(int a, int b) -> " + intRet, &binary<F, int64_t, int64_t>);
  r.add(name + ".float(float a, float b) -> " + floatRet, &binary<F, double, double>);
  if (mixed) {
    r.add(name + ".int_float(int a, float b) -> " + floatRet, &binary<F, int64_t, double>);
    r.add(name + ".float_int(float a, int b) -> " + floatRet, &binary<F, double, int64_t>);
  }
  r.add(name + "(Scalar a, Scalar b) -> " + scalarRet, &binaryScalar<F>);
}

template <typename F>
void addComparison(OperatorRegistry& r, const std::string& name) {
  addNumeric<F>(r, name, "bool", "bool", "bool");
  r.add(name + ".str(str a, str b) -> bool", +[](Stack& s) {
    bool v = F::apply(s[s.size() - 2].toStringRef(), s.back().toStringRef());
    s.pop_back();
    s.back() = IValue(v);
  });
}

template <typename F>
void boolBinary(Stack& s) {
  bool b = s.back().toBool();
  s.pop_back();
  bool a = s.back().toBool();
  s.back() = IValue(static_cast<bool>(F::apply(static_cast<int64_t>(a), static_cast<int64_t>(b))));
}

struct And {
  static int64_t apply(int64_t a, int64_t b) { return a & b; }
};
struct Or {
  static int64_t apply(int64_t a, int64_t b) { return a | b; }
};
struct Xor {
  static int64_t apply(int64_t a, int64_t b) { return a ^ b; }
};

template <typename F>
void addLogic(OperatorRegistry& r, const std::string& name) {
  r.add(name + ".bool(bool a, bool b) -> bool", &boolBinary<F>);
  r.add(name + ".int(int a, int b) -> int", &binary<F, int64_t, int64_t>);
}

template <typename T>
T absOf(T v) {
  return v < 0 ? -v : v;
}

}  // namespace

void registerScalarOps(OperatorRegistry& r) {
  addNumeric<Add>(r, "aten::add", "int", "float", "Scalar");
  addNumeric<Sub>(r, "aten::sub", "int", "float", "Scalar");
  addNumeric<Mul>(r, "aten::mul", "int", "float", "Scalar");
  // aten::div has no mixed overloads: TorchScript resolves them to
  // div(Scalar, Scalar).
  addNumeric<Div>(r, "aten::div", "float", "float", "float", /*mixed=*/false);
  addNumeric<FloorDiv>(r, "aten::floordiv", "int", "float", "Scalar");
  addNumeric<Remainder>(r, "aten::remainder", "int", "float", "Scalar");
  r.add("aten::pow.int(int a, int b) -> float", &binary<Pow, int64_t, int64_t>);
  r.add("aten::pow.float(float a, float b) -> float", &binary<Pow, double, double>);
  r.add("aten::pow.int_float(int a, float b) -> float", &binary<Pow, int64_t, double>);
  r.add("aten::pow.float_int(float a, int b) -> float", &binary<Pow, double, int64_t>);
  r.add("aten::pow.Scalar_Scalar(Scalar a, Scalar b) -> float", +[](Stack& s) {
    double b = s.back().toScalar().toDouble();
    s.pop_back();
    s.back() = IValue(smath::pow(s.back().toScalar().toDouble(), b));
  });
  r.add("aten::pow.int_to_int(int a, int b) -> int", +[](Stack& s) {
    int64_t b = s.back().toInt();
    s.pop_back();
    s.back() = IValue(smath::powInt(s.back().toInt(), b));
  });
  addNumeric<Min>(r, "prim::min", "int", "float", "Scalar");
  addNumeric<Max>(r, "prim::max", "int", "float", "Scalar");

  r.add("aten::neg.int(int a) -> int", +[](Stack& s) { s.back() = IValue(smath::sub(0, s.back().toInt())); });
  r.add("aten::neg.float(float a) -> float", +[](Stack& s) { s.back() = IValue(-s.back().toDouble()); });
  r.add("aten::neg.Scalar(Scalar a) -> Scalar", +[](Stack& s) {
    Scalar a = s.back().toScalar();
    s.back() = a.isFloat() ? IValue(-a.toDouble()) : IValue(smath::sub(0, a.toInt()));
  });
  r.add("prim::abs.int(int a) -> int", +[](Stack& s) { s.back() = IValue(absOf(s.back().toInt())); });
  r.add("prim::abs.float(float a) -> float", +[](Stack& s) { s.back() = IValue(std::fabs(s.back().toDouble())); });
  r.add("prim::abs.Scalar(Scalar a) -> Scalar", +[](Stack& s) {
    Scalar a = s.back().toScalar();
    s.back() = a.isFloat() ? IValue(std::fabs(a.toDouble())) : IValue(absOf(a.toInt()));
  });

  addComparison<Eq>(r, "aten::eq");
  addComparison<Ne>(r, "aten::ne");
  addComparison<Lt>(r, "aten::lt");
  addComparison<Le>(r, "aten::le");
  addComparison<Gt>(r, "aten::gt");
  addComparison<Ge>(r, "aten::ge");
  r.add("aten::eq.bool(bool a, bool b) -> bool", &boolBinary<Eq>);
  r.add("aten::ne.bool(bool a, bool b) -> bool", &boolBinary<Ne>);

  r.add("aten::__not__(bool self) -> bool", +[](Stack& s) { s.back() = IValue(!s.back().toBool()); });
  addLogic<And>(r, "aten::__and__");
  addLogic<Or>(r, "aten::__or__");
  addLogic<Xor>(r, "aten::__xor__");

  ops::registerScalarCastOps(r);
  ops::registerScalarMathOps(r);
}

}  // namespace wick
