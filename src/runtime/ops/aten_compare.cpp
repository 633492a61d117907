// Registers the aten:: comparison, logical, where, clamp, fill_ and copy_
// ops (part of the elementwise family), binding kernels/cpu/elementwise.h.
#include "kernels/cpu/elementwise.h"
#include "runtime/operator.h"
#include "runtime/ops/aten_args.h"

namespace wick {
namespace {

using namespace atenargs;
namespace k = kernels;

template <k::CompareOp Op>
void addCompare(OperatorRegistry& r, const std::string& n) {
  r.add("aten::" + n + ".Tensor(Tensor self, Tensor other) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::compare(Op, a[0].toTensor(), a[1].toTensor()));
  });
  r.add("aten::" + n + ".Scalar(Tensor self, Scalar other) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::compare(Op, a[0].toTensor(), a[1].toScalar()));
  });
  r.add("aten::" + n + ".Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 3);
          ret(s, 3, k::compare(Op, a[0].toTensor(), a[1].toTensor(), a[2].toTensor()));
        });
  r.add("aten::" + n + ".Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 3);
          ret(s, 3, k::compare(Op, a[0].toTensor(), a[1].toScalar(), a[2].toTensor()));
        });
  r.add("aten::" + n + "_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::compareInPlace(Op, a[0].toTensor(), a[1].toTensor()));
  });
  r.add("aten::" + n + "_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::compareInPlace(Op, a[0].toTensor(), a[1].toScalar()));
  });
}

template <k::LogicalOp Op>
void addLogical(OperatorRegistry& r, const std::string& n) {
  r.add("aten::" + n + "(Tensor self, Tensor other) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::logical(Op, a[0].toTensor(), a[1].toTensor()));
  });
  r.add("aten::" + n + ".out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::logical(Op, a[0].toTensor(), a[1].toTensor(), a[2].toTensor()));
  });
  r.add("aten::" + n + "_(Tensor(a!) self, Tensor other) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::logicalInPlace(Op, a[0].toTensor(), a[1].toTensor()));
  });
}

std::optional<k::Input> scalarBound(const IValue& v) {
  if (v.isNone()) return std::nullopt;
  return k::Input(v.toScalar());
}
std::optional<k::Input> tensorBound(const IValue& v) {
  if (v.isNone()) return std::nullopt;
  return k::Input(v.toTensor());
}

void registerWhereClamp(OperatorRegistry& r) {
  r.add("aten::where.self(Tensor condition, Tensor self, Tensor other) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::where(a[0].toTensor(), a[1].toTensor(), a[2].toTensor()));
  });
  r.add("aten::where.ScalarOther(Tensor condition, Tensor self, Scalar other) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::where(a[0].toTensor(), a[1].toTensor(), a[2].toScalar()));
  });
  r.add("aten::where.ScalarSelf(Tensor condition, Scalar self, Tensor other) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::where(a[0].toTensor(), a[1].toScalar(), a[2].toTensor()));
  });
  r.add("aten::where.Scalar(Tensor condition, Scalar self, Scalar other) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::where(a[0].toTensor(), a[1].toScalar(), a[2].toScalar()));
  });
  r.add("aten::where.self_out(Tensor condition, Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::where(a[0].toTensor(), a[1].toTensor(), a[2].toTensor(), a[3].toTensor()));
        });

  r.add("aten::clamp(Tensor self, Scalar? min=None, Scalar? max=None) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::clamp(a[0].toTensor(), scalarBound(a[1]), scalarBound(a[2])));
  });
  r.add("aten::clamp.Tensor(Tensor self, Tensor? min=None, Tensor? max=None) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::clamp(a[0].toTensor(), tensorBound(a[1]), tensorBound(a[2])));
  });
  r.add("aten::clamp.out(Tensor self, Scalar? min=None, Scalar? max=None, *, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::clamp(a[0].toTensor(), scalarBound(a[1]), scalarBound(a[2]), a[3].toTensor()));
        });
  r.add("aten::clamp.Tensor_out(Tensor self, Tensor? min=None, Tensor? max=None, *, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, k::clamp(a[0].toTensor(), tensorBound(a[1]), tensorBound(a[2]), a[3].toTensor()));
        });
  r.add("aten::clamp_(Tensor(a!) self, Scalar? min=None, Scalar? max=None) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::clampInPlace(a[0].toTensor(), scalarBound(a[1]), scalarBound(a[2])));
  });
  r.add("aten::clamp_.Tensor(Tensor(a!) self, Tensor? min=None, Tensor? max=None) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 3);
          ret(s, 3, k::clampInPlace(a[0].toTensor(), tensorBound(a[1]), tensorBound(a[2])));
        });
}

// clamp_min / clamp_max: `Min` selects which bound the one argument is.
template <bool Min>
void addClampSide(OperatorRegistry& r) {
  static const char* kName = Min ? "aten::clamp_min" : "aten::clamp_max";
  static const char* kNameInPlace = Min ? "aten::clamp_min_" : "aten::clamp_max_";
  const std::string n = Min ? "clamp_min" : "clamp_max";
  const std::string arg = Min ? "min" : "max";
  r.add("aten::" + n + "(Tensor self, Scalar " + arg + ") -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    std::optional<k::Input> b = k::Input(a[1].toScalar());
    ret(s, 2, Min ? k::clampOneSide(kName, a[0].toTensor(), b, std::nullopt, {}, false)
                  : k::clampOneSide(kName, a[0].toTensor(), std::nullopt, b, {}, false));
  });
  r.add("aten::" + n + ".Tensor(Tensor self, Tensor " + arg + ") -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    std::optional<k::Input> b = k::Input(a[1].toTensor());
    ret(s, 2, Min ? k::clampOneSide(kName, a[0].toTensor(), b, std::nullopt, {}, false)
                  : k::clampOneSide(kName, a[0].toTensor(), std::nullopt, b, {}, false));
  });
  r.add("aten::" + n + ".out(Tensor self, Scalar " + arg + ", *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    std::optional<k::Input> b = k::Input(a[1].toScalar());
    Tensor out = a[2].toTensor();
    ret(s, 3, Min ? k::clampOneSide(kName, a[0].toTensor(), b, std::nullopt, out, false)
                  : k::clampOneSide(kName, a[0].toTensor(), std::nullopt, b, out, false));
  });
  r.add("aten::" + n + ".Tensor_out(Tensor self, Tensor " + arg + ", *, Tensor(a!) out) -> Tensor(a!)",
        [](Stack& s) {
          IValue* a = args(s, 3);
          std::optional<k::Input> b = k::Input(a[1].toTensor());
          Tensor out = a[2].toTensor();
          ret(s, 3, Min ? k::clampOneSide(kName, a[0].toTensor(), b, std::nullopt, out, false)
                        : k::clampOneSide(kName, a[0].toTensor(), std::nullopt, b, out, false));
        });
  r.add("aten::" + n + "_(Tensor(a!) self, Scalar " + arg + ") -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    std::optional<k::Input> b = k::Input(a[1].toScalar());
    ret(s, 2, Min ? k::clampOneSide(kNameInPlace, a[0].toTensor(), b, std::nullopt, {}, true)
                  : k::clampOneSide(kNameInPlace, a[0].toTensor(), std::nullopt, b, {}, true));
  });
  r.add("aten::" + n + "_.Tensor(Tensor(a!) self, Tensor " + arg + ") -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    std::optional<k::Input> b = k::Input(a[1].toTensor());
    ret(s, 2, Min ? k::clampOneSide(kNameInPlace, a[0].toTensor(), b, std::nullopt, {}, true)
                  : k::clampOneSide(kNameInPlace, a[0].toTensor(), std::nullopt, b, {}, true));
  });
}

void registerMaxMinMask(OperatorRegistry& r) {
  r.add("aten::maximum(Tensor self, Tensor other) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::maximum(a[0].toTensor(), a[1].toTensor(), true));
  });
  r.add("aten::maximum.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::maximum(a[0].toTensor(), a[1].toTensor(), true, a[2].toTensor()));
  });
  r.add("aten::minimum(Tensor self, Tensor other) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::maximum(a[0].toTensor(), a[1].toTensor(), false));
  });
  r.add("aten::minimum.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::maximum(a[0].toTensor(), a[1].toTensor(), false, a[2].toTensor()));
  });
  r.add("aten::masked_fill.Scalar(Tensor self, Tensor mask, Scalar value) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::maskedFill(a[0].toTensor(), a[1].toTensor(), a[2].toScalar()));
  });
  r.add("aten::masked_fill.Tensor(Tensor self, Tensor mask, Tensor value) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::maskedFill(a[0].toTensor(), a[1].toTensor(), a[2].toTensor()));
  });
  r.add("aten::masked_fill_.Scalar(Tensor(a!) self, Tensor mask, Scalar value) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::maskedFill(a[0].toTensor(), a[1].toTensor(), a[2].toScalar(), true));
  });
  r.add("aten::masked_fill_.Tensor(Tensor(a!) self, Tensor mask, Tensor value) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::maskedFill(a[0].toTensor(), a[1].toTensor(), a[2].toTensor(), true));
  });
}

void registerFillCopy(OperatorRegistry& r) {
  r.add("aten::fill_.Scalar(Tensor(a!) self, Scalar value) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::fillInPlace(a[0].toTensor(), a[1].toScalar()));
  });
  r.add("aten::fill_.Tensor(Tensor(a!) self, Tensor value) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    Tensor v = a[1].toTensor();
    WICK_CHECK(v.dim() == 0, "aten::fill_: only supports 0-dimension value tensor but got tensor with {} dimensions",
               v.dim());
    ret(s, 2, k::copyInPlace(a[0].toTensor(), v));
  });
  r.add("aten::zero_(Tensor(a!) self) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 1);
    ret(s, 1, k::fillInPlace(a[0].toTensor(), 0));
  });
  r.add("aten::copy_(Tensor(a!) self, Tensor src, bool non_blocking=False) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, k::copyInPlace(a[0].toTensor(), a[1].toTensor()));
  });
}

}  // namespace

void registerCompareOps(OperatorRegistry& r) {
  addCompare<k::CompareOp::Eq>(r, "eq");
  addCompare<k::CompareOp::Ne>(r, "ne");
  addCompare<k::CompareOp::Lt>(r, "lt");
  addCompare<k::CompareOp::Le>(r, "le");
  addCompare<k::CompareOp::Gt>(r, "gt");
  addCompare<k::CompareOp::Ge>(r, "ge");
  addLogical<k::LogicalOp::And>(r, "logical_and");
  addLogical<k::LogicalOp::Or>(r, "logical_or");
  addLogical<k::LogicalOp::Xor>(r, "logical_xor");
  r.add("aten::logical_not(Tensor self) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 1);
    ret(s, 1, k::logicalNot(a[0].toTensor()));
  });
  r.add("aten::logical_not.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::logicalNot(a[0].toTensor(), a[1].toTensor()));
  });
  r.add("aten::logical_not_(Tensor(a!) self) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 1);
    ret(s, 1, k::logicalNotInPlace(a[0].toTensor()));
  });
  registerWhereClamp(r);
  addClampSide<true>(r);
  addClampSide<false>(r);
  registerMaxMinMask(r);
  registerFillCopy(r);
}

}  // namespace wick
