// Registers the remaining aten:: elementwise math (floor, ceil, round,
// trunc/fix, sign, reciprocal, exp2, expm1, log1p, log2, log10, isnan,
// isinf, isfinite, isposinf, isneginf, fmod, atan2, lerp, addcmul, addcdiv)
// with their out= and in-place overloads, binding kernels/cpu/elementwise.h.
#include <string>

#include "kernels/cpu/elementwise.h"
#include "runtime/operator.h"
#include "runtime/ops/aten_args.h"

namespace wick {
namespace {

using namespace atenargs;
namespace k = kernels;

template <k::UnaryOp Op>
void addUnary(OperatorRegistry& r, const std::string& n) {
  r.add("aten::" + n + "(Tensor self) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 1);
    ret(s, 1, k::unary(Op, a[0].toTensor()));
  });
  r.add("aten::" + n + ".out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::unary(Op, a[0].toTensor(), a[1].toTensor()));
  });
  r.add("aten::" + n + "_(Tensor(a!) self) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 1);
    ret(s, 1, k::unaryInPlace(Op, a[0].toTensor()));
  });
}

template <k::FloatClass Op>
void addFloatClass(OperatorRegistry& r, const std::string& n, bool withOut) {
  r.add("aten::" + n + "(Tensor self) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 1);
    ret(s, 1, k::floatClass(Op, a[0].toTensor()));
  });
  if (!withOut) return;
  r.add("aten::" + n + ".out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::floatClass(Op, a[0].toTensor(), a[1].toTensor()));
  });
}

void registerUnaryMath(OperatorRegistry& r) {
  addUnary<k::UnaryOp::Floor>(r, "floor");
  addUnary<k::UnaryOp::Ceil>(r, "ceil");
  addUnary<k::UnaryOp::Trunc>(r, "trunc");
  addUnary<k::UnaryOp::Trunc>(r, "fix");
  addUnary<k::UnaryOp::Sign>(r, "sign");
  addUnary<k::UnaryOp::Reciprocal>(r, "reciprocal");
  addUnary<k::UnaryOp::Exp2>(r, "exp2");
  addUnary<k::UnaryOp::Expm1>(r, "expm1");
  addUnary<k::UnaryOp::Log1p>(r, "log1p");
  addUnary<k::UnaryOp::Log2>(r, "log2");
  addUnary<k::UnaryOp::Log10>(r, "log10");
  addUnary<k::UnaryOp::Round>(r, "round");
  r.add("aten::round.decimals(Tensor self, *, int decimals) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::roundDecimals(a[0].toTensor(), a[1].toInt()));
  });
  r.add("aten::round.decimals_out(Tensor self, *, int decimals, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::roundDecimals(a[0].toTensor(), a[1].toInt(), a[2].toTensor()));
  });
  r.add("aten::round_.decimals(Tensor(a!) self, *, int decimals) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::roundDecimals(a[0].toTensor(), a[1].toInt(), {}, true));
  });
  addFloatClass<k::FloatClass::IsNan>(r, "isnan", true);
  addFloatClass<k::FloatClass::IsInf>(r, "isinf", true);
  addFloatClass<k::FloatClass::IsFinite>(r, "isfinite", false);
  addFloatClass<k::FloatClass::IsPosInf>(r, "isposinf", true);
  addFloatClass<k::FloatClass::IsNegInf>(r, "isneginf", true);
}

void registerBinaryMath(OperatorRegistry& r) {
  r.add("aten::fmod.Tensor(Tensor self, Tensor other) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::fmod(a[0].toTensor(), a[1].toTensor()));
  });
  r.add("aten::fmod.Scalar(Tensor self, Scalar other) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::fmod(a[0].toTensor(), a[1].toScalar()));
  });
  r.add("aten::fmod.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::fmod(a[0].toTensor(), a[1].toTensor(), a[2].toTensor()));
  });
  r.add("aten::fmod.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::fmod(a[0].toTensor(), a[1].toScalar(), a[2].toTensor()));
  });
  r.add("aten::fmod_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::fmod(a[0].toTensor(), a[1].toTensor(), {}, true));
  });
  r.add("aten::fmod_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::fmod(a[0].toTensor(), a[1].toScalar(), {}, true));
  });
  for (const char* n : {"atan2", "arctan2"}) {
    std::string name(n);
    r.add("aten::" + name + "(Tensor self, Tensor other) -> Tensor", [](Stack& s) {
      IValue* a = args(s, 2);
      ret(s, 2, k::atan2(a[0].toTensor(), a[1].toTensor()));
    });
    r.add("aten::" + name + ".out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
      IValue* a = args(s, 3);
      ret(s, 3, k::atan2(a[0].toTensor(), a[1].toTensor(), a[2].toTensor()));
    });
    r.add("aten::" + name + "_(Tensor(a!) self, Tensor other) -> Tensor(a!)", [](Stack& s) {
      IValue* a = args(s, 2);
      ret(s, 2, k::atan2(a[0].toTensor(), a[1].toTensor(), {}, true));
    });
  }
}

using AddcFn = Tensor (*)(const Tensor&, const Tensor&, const Tensor&, Scalar, const Tensor&, bool);

template <AddcFn Fn>
void addAddc(OperatorRegistry& r, const std::string& n) {
  r.add("aten::" + n + "(Tensor self, Tensor tensor1, Tensor tensor2, *, Scalar value=1) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, Fn(a[0].toTensor(), a[1].toTensor(), a[2].toTensor(), a[3].toScalar(), {}, false));
        });
  r.add("aten::" + n +
            ".out(Tensor self, Tensor tensor1, Tensor tensor2, *, Scalar value=1, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 5);
          ret(s, 5, Fn(a[0].toTensor(), a[1].toTensor(), a[2].toTensor(), a[3].toScalar(), a[4].toTensor(), false));
        });
  r.add("aten::" + n + "_(Tensor(a!) self, Tensor tensor1, Tensor tensor2, *, Scalar value=1) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, Fn(a[0].toTensor(), a[1].toTensor(), a[2].toTensor(), a[3].toScalar(), {}, true));
        });
}

void registerTernaryMath(OperatorRegistry& r) {
  r.add("aten::lerp.Scalar(Tensor self, Tensor end, Scalar weight) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::lerp(a[0].toTensor(), a[1].toTensor(), a[2].toScalar()));
  });
  r.add("aten::lerp.Tensor(Tensor self, Tensor end, Tensor weight) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::lerp(a[0].toTensor(), a[1].toTensor(), a[2].toTensor()));
  });
  r.add("aten::lerp.Scalar_out(Tensor self, Tensor end, Scalar weight, *, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::lerp(a[0].toTensor(), a[1].toTensor(), a[2].toScalar(), a[3].toTensor()));
        });
  r.add("aten::lerp.Tensor_out(Tensor self, Tensor end, Tensor weight, *, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::lerp(a[0].toTensor(), a[1].toTensor(), a[2].toTensor(), a[3].toTensor()));
        });
  r.add("aten::lerp_.Scalar(Tensor(a!) self, Tensor end, Scalar weight) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::lerp(a[0].toTensor(), a[1].toTensor(), a[2].toScalar(), {}, true));
  });
  r.add("aten::lerp_.Tensor(Tensor(a!) self, Tensor end, Tensor weight) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::lerp(a[0].toTensor(), a[1].toTensor(), a[2].toTensor(), {}, true));
  });
  addAddc<&k::addcmul>(r, "addcmul");
  addAddc<&k::addcdiv>(r, "addcdiv");
}

}  // namespace

void registerMathOps(OperatorRegistry& r) {
  registerUnaryMath(r);
  registerBinaryMath(r);
  registerTernaryMath(r);
}

}  // namespace wick
