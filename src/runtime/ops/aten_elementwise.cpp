// Registers the aten:: elementwise arithmetic and math ops (add, sub, rsub,
// mul, div, pow and the unary math/activation ops) with their Scalar,
// out= and in-place overloads, binding kernels/cpu/elementwise.h.
#include "kernels/cpu/elementwise.h"
#include "kernels/cpu/scalar_fast_path.h"
#include "runtime/operator.h"
#include "runtime/ops/aten_args.h"
#include "runtime/ops/ops.h"

namespace wick {
namespace {

using namespace atenargs;
namespace k = kernels;

// Unary ops: Op(self), Op.out(self, *, out), Op_(self).
template <k::UnaryOp Op>
void unaryOp(Stack& s) {
  IValue* a = args(s, 1);
  ret(s, 1, k::unary(Op, a[0].toTensor()));
}
template <k::UnaryOp Op>
void unaryOut(Stack& s) {
  IValue* a = args(s, 2);
  ret(s, 2, k::unary(Op, a[0].toTensor(), a[1].toTensor()));
}
template <k::UnaryOp Op>
void unaryInPlace(Stack& s) {
  IValue* a = args(s, 1);
  ret(s, 1, k::unaryInPlace(Op, a[0].toTensor()));
}

template <k::UnaryOp Op>
void addUnary(OperatorRegistry& r, const char* name) {
  std::string n(name);
  r.add("aten::" + n + "(Tensor self) -> Tensor", &unaryOp<Op>);
  r.add("aten::" + n + ".out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)", &unaryOut<Op>);
  r.add("aten::" + n + "_(Tensor(a!) self) -> Tensor(a!)", &unaryInPlace<Op>);
}

void registerArithmetic(OperatorRegistry& r) {
  // add / sub: self + alpha * other.
  r.add("aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::add(a[0].toTensor(), a[1].toTensor(), a[2].toScalar()));
  });
  r.add("aten::add.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    Tensor fast = k::tryTinyScalarArith(k::ScalarArith::Add, a[0].toTensor(), a[1].toScalar(), a[2].toScalar());
    ret(s, 3, fast.defined() ? fast : k::add(a[0].toTensor(), a[1].toScalar(), a[2].toScalar()));
  });
  r.add("aten::add.out(Tensor self, Tensor other, *, Scalar alpha=1, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::add(a[0].toTensor(), a[1].toTensor(), a[2].toScalar(), a[3].toTensor()));
        });
  r.add("aten::add.Scalar_out(Tensor self, Scalar other, Scalar alpha=1, *, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::add(a[0].toTensor(), a[1].toScalar(), a[2].toScalar(), a[3].toTensor()));
        });
  r.add("aten::add_.Tensor(Tensor(a!) self, Tensor other, *, Scalar alpha=1) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::addInPlace(a[0].toTensor(), a[1].toTensor(), a[2].toScalar()));
  });
  r.add("aten::add_.Scalar(Tensor(a!) self, Scalar other, Scalar alpha=1) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::addInPlace(a[0].toTensor(), a[1].toScalar(), a[2].toScalar()));
  });
  r.add("aten::sub.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::sub(a[0].toTensor(), a[1].toTensor(), a[2].toScalar()));
  });
  r.add("aten::sub.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    Tensor fast = k::tryTinyScalarArith(k::ScalarArith::Add, a[0].toTensor(), a[1].toScalar(), k::negatedAlpha(a[2].toScalar()));
    ret(s, 3, fast.defined() ? fast : k::sub(a[0].toTensor(), a[1].toScalar(), a[2].toScalar()));
  });
  r.add("aten::sub.out(Tensor self, Tensor other, *, Scalar alpha=1, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::sub(a[0].toTensor(), a[1].toTensor(), a[2].toScalar(), a[3].toTensor()));
        });
  r.add("aten::sub.Scalar_out(Tensor self, Scalar other, Scalar alpha=1, *, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::sub(a[0].toTensor(), a[1].toScalar(), a[2].toScalar(), a[3].toTensor()));
        });
  r.add("aten::sub_.Tensor(Tensor(a!) self, Tensor other, *, Scalar alpha=1) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::subInPlace(a[0].toTensor(), a[1].toTensor(), a[2].toScalar()));
  });
  r.add("aten::sub_.Scalar(Tensor(a!) self, Scalar other, Scalar alpha=1) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::subInPlace(a[0].toTensor(), a[1].toScalar(), a[2].toScalar()));
  });
  // rsub: other - alpha * self (TorchScript's `1 - x`).
  r.add("aten::rsub.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::sub(a[1].toTensor(), a[0].toTensor(), a[2].toScalar()));
  });
  r.add("aten::rsub.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    Tensor self = a[0].toTensor();
    k::Input other(a[1].toScalar());
    ret(s, 3, k::add(other, self, k::negatedAlpha(a[2].toScalar())));
  });

  r.add("aten::mul.Tensor(Tensor self, Tensor other) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::mul(a[0].toTensor(), a[1].toTensor()));
  });
  r.add("aten::mul.Scalar(Tensor self, Scalar other) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    Tensor fast = k::tryTinyScalarArith(k::ScalarArith::Mul, a[0].toTensor(), a[1].toScalar());
    ret(s, 2, fast.defined() ? fast : k::mul(a[0].toTensor(), a[1].toScalar()));
  });
  r.add("aten::mul.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::mul(a[0].toTensor(), a[1].toTensor(), a[2].toTensor()));
  });
  r.add("aten::mul.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::mul(a[0].toTensor(), a[1].toScalar(), a[2].toTensor()));
  });
  r.add("aten::mul_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::mulInPlace(a[0].toTensor(), a[1].toTensor()));
  });
  r.add("aten::mul_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::mulInPlace(a[0].toTensor(), a[1].toScalar()));
  });
}

void registerDivision(OperatorRegistry& r) {
  r.add("aten::div.Tensor(Tensor self, Tensor other) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::div(a[0].toTensor(), a[1].toTensor()));
  });
  r.add("aten::div.Scalar(Tensor self, Scalar other) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::div(a[0].toTensor(), a[1].toScalar()));
  });
  r.add("aten::div.Tensor_mode(Tensor self, Tensor other, *, str? rounding_mode) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::div(a[0].toTensor(), a[1].toTensor(), optString(a[2])));
  });
  r.add("aten::div.Scalar_mode(Tensor self, Scalar other, *, str? rounding_mode) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::div(a[0].toTensor(), a[1].toScalar(), optString(a[2])));
  });
  r.add("aten::div.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::div(a[0].toTensor(), a[1].toTensor(), std::nullopt, a[2].toTensor()));
  });
  r.add("aten::div.out_mode(Tensor self, Tensor other, *, str? rounding_mode, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::div(a[0].toTensor(), a[1].toTensor(), optString(a[2]), a[3].toTensor()));
        });
  r.add("aten::div.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::div(a[0].toTensor(), a[1].toScalar(), std::nullopt, a[2].toTensor()));
  });
  r.add("aten::div.Scalar_mode_out(Tensor self, Scalar other, *, str? rounding_mode, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::div(a[0].toTensor(), a[1].toScalar(), optString(a[2]), a[3].toTensor()));
        });
  r.add("aten::div_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::divInPlace(a[0].toTensor(), a[1].toTensor()));
  });
  r.add("aten::div_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::divInPlace(a[0].toTensor(), a[1].toScalar()));
  });
  r.add("aten::div_.Tensor_mode(Tensor(a!) self, Tensor other, *, str? rounding_mode) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 3);
          ret(s, 3, k::divInPlace(a[0].toTensor(), a[1].toTensor(), optString(a[2])));
        });
  r.add("aten::div_.Scalar_mode(Tensor(a!) self, Scalar other, *, str? rounding_mode) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 3);
          ret(s, 3, k::divInPlace(a[0].toTensor(), a[1].toScalar(), optString(a[2])));
        });

  r.add("aten::pow.Tensor_Tensor(Tensor self, Tensor exponent) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::pow(a[0].toTensor(), a[1].toTensor()));
  });
  r.add("aten::pow.Tensor_Scalar(Tensor self, Scalar exponent) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::pow(a[0].toTensor(), a[1].toScalar()));
  });
  r.add("aten::pow.Scalar(Scalar self, Tensor exponent) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::pow(a[0].toScalar(), a[1].toTensor()));
  });
  r.add("aten::pow.Tensor_Tensor_out(Tensor self, Tensor exponent, *, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 3);
          ret(s, 3, k::pow(a[0].toTensor(), a[1].toTensor(), a[2].toTensor()));
        });
  r.add("aten::pow.Tensor_Scalar_out(Tensor self, Scalar exponent, *, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 3);
          ret(s, 3, k::pow(a[0].toTensor(), a[1].toScalar(), a[2].toTensor()));
        });
  r.add("aten::pow.Scalar_out(Scalar self, Tensor exponent, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::pow(a[0].toScalar(), a[1].toTensor(), a[2].toTensor()));
  });
  r.add("aten::pow_.Tensor(Tensor(a!) self, Tensor exponent) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::powInPlace(a[0].toTensor(), a[1].toTensor()));
  });
  r.add("aten::pow_.Scalar(Tensor(a!) self, Scalar exponent) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::powInPlace(a[0].toTensor(), a[1].toScalar()));
  });
}

// floor_divide is div with rounding_mode='floor' (PyTorch 1.13); remainder
// is Python's %.
void registerFloorDivRemainder(OperatorRegistry& r) {
  r.add("aten::floor_divide(Tensor self, Tensor other) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::div(a[0].toTensor(), a[1].toTensor(), "floor"));
  });
  r.add("aten::floor_divide.Scalar(Tensor self, Scalar other) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::div(a[0].toTensor(), a[1].toScalar(), "floor"));
  });
  r.add("aten::floor_divide.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::div(a[0].toTensor(), a[1].toTensor(), "floor", a[2].toTensor()));
  });
  r.add("aten::floor_divide_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::divInPlace(a[0].toTensor(), a[1].toTensor(), "floor"));
  });
  r.add("aten::floor_divide_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::divInPlace(a[0].toTensor(), a[1].toScalar(), "floor"));
  });
  r.add("aten::remainder.Tensor(Tensor self, Tensor other) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::remainder(a[0].toTensor(), a[1].toTensor()));
  });
  r.add("aten::remainder.Scalar(Tensor self, Scalar other) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::remainder(a[0].toTensor(), a[1].toScalar()));
  });
  r.add("aten::remainder.Scalar_Tensor(Scalar self, Tensor other) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::remainder(a[0].toScalar(), a[1].toTensor()));
  });
  r.add("aten::remainder.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::remainder(a[0].toTensor(), a[1].toTensor(), a[2].toTensor()));
  });
  r.add("aten::remainder.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::remainder(a[0].toTensor(), a[1].toScalar(), a[2].toTensor()));
  });
  r.add("aten::remainder.Scalar_Tensor_out(Scalar self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::remainder(a[0].toScalar(), a[1].toTensor(), a[2].toTensor()));
  });
  r.add("aten::remainder_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::remainderInPlace(a[0].toTensor(), a[1].toTensor()));
  });
  r.add("aten::remainder_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::remainderInPlace(a[0].toTensor(), a[1].toScalar()));
  });
}

void registerUnary(OperatorRegistry& r) {
  addUnary<k::UnaryOp::Neg>(r, "neg");
  addUnary<k::UnaryOp::Abs>(r, "abs");
  addUnary<k::UnaryOp::Exp>(r, "exp");
  addUnary<k::UnaryOp::Log>(r, "log");
  addUnary<k::UnaryOp::Sqrt>(r, "sqrt");
  addUnary<k::UnaryOp::Rsqrt>(r, "rsqrt");
  addUnary<k::UnaryOp::Sin>(r, "sin");
  addUnary<k::UnaryOp::Cos>(r, "cos");
  addUnary<k::UnaryOp::Tanh>(r, "tanh");
  addUnary<k::UnaryOp::Sigmoid>(r, "sigmoid");
  addUnary<k::UnaryOp::Erf>(r, "erf");
  addUnary<k::UnaryOp::Relu>(r, "relu");
  addUnary<k::UnaryOp::Silu>(r, "silu");
  r.add("aten::gelu(Tensor self, *, str approximate=\"none\") -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::unary(k::geluKind(a[1].toStringRef()), a[0].toTensor()));
  });
  r.add("aten::gelu.out(Tensor self, *, str approximate=\"none\", Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 3);
          ret(s, 3, k::unary(k::geluKind(a[1].toStringRef()), a[0].toTensor(), a[2].toTensor()));
        });
  r.add("aten::gelu_(Tensor(a!) self, *, str approximate=\"none\") -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::unaryInPlace(k::geluKind(a[1].toStringRef()), a[0].toTensor()));
  });
}

}  // namespace

void registerElementwiseOps(OperatorRegistry& r) {
  registerArithmetic(r);
  registerDivision(r);
  registerFloorDivRemainder(r);
  registerUnary(r);
  registerCompareOps(r);
  registerBitwiseOps(r);
  registerMathOps(r);
}

}  // namespace wick
