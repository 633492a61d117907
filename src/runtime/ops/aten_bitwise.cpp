// Registers the aten:: bitwise ops (bitwise_and/or/xor/not, the shifts, and
// the __and__ / __or__ / __xor__ / __lshift__ / __rshift__ operator forms
// with their in-place __i*__ forms), part of
// the elementwise family, binding kernels/cpu/elementwise.h.
#include "kernels/cpu/elementwise.h"
#include "runtime/operator.h"
#include "runtime/ops/aten_args.h"

namespace wick {
namespace {

using namespace atenargs;
namespace k = kernels;

template <k::BitwiseOp Op>
void binaryTT(Stack& s) {
  IValue* a = args(s, 2);
  ret(s, 2, k::bitwise(Op, a[0].toTensor(), a[1].toTensor()));
}
template <k::BitwiseOp Op>
void binaryTS(Stack& s) {
  IValue* a = args(s, 2);
  ret(s, 2, k::bitwise(Op, a[0].toTensor(), a[1].toScalar()));
}
template <k::BitwiseOp Op>
void binaryST(Stack& s) {
  IValue* a = args(s, 2);
  ret(s, 2, k::bitwise(Op, a[0].toScalar(), a[1].toTensor()));
}
template <k::BitwiseOp Op>
void outTT(Stack& s) {
  IValue* a = args(s, 3);
  ret(s, 3, k::bitwise(Op, a[0].toTensor(), a[1].toTensor(), a[2].toTensor()));
}
template <k::BitwiseOp Op>
void outTS(Stack& s) {
  IValue* a = args(s, 3);
  ret(s, 3, k::bitwise(Op, a[0].toTensor(), a[1].toScalar(), a[2].toTensor()));
}
template <k::BitwiseOp Op>
void outST(Stack& s) {
  IValue* a = args(s, 3);
  ret(s, 3, k::bitwise(Op, a[0].toScalar(), a[1].toTensor(), a[2].toTensor()));
}
template <k::BitwiseOp Op>
void inPlaceT(Stack& s) {
  IValue* a = args(s, 2);
  ret(s, 2, k::bitwiseInPlace(Op, a[0].toTensor(), a[1].toTensor()));
}
template <k::BitwiseOp Op>
void inPlaceS(Stack& s) {
  IValue* a = args(s, 2);
  ret(s, 2, k::bitwiseInPlace(Op, a[0].toTensor(), a[1].toScalar()));
}

// bitwise_<n> with its overloads, and the dunder forms `__<d>__`.
template <k::BitwiseOp Op>
void addBitwise(OperatorRegistry& r, const std::string& n, const std::string& d) {
  const std::string b = "aten::bitwise_" + n;
  r.add(b + ".Tensor(Tensor self, Tensor other) -> Tensor", &binaryTT<Op>);
  r.add(b + ".Scalar(Tensor self, Scalar other) -> Tensor", &binaryTS<Op>);
  r.add(b + ".Scalar_Tensor(Scalar self, Tensor other) -> Tensor", &binaryST<Op>);
  r.add(b + ".Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)", &outTT<Op>);
  r.add(b + ".Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)", &outTS<Op>);
  r.add(b + ".Scalar_Tensor_out(Scalar self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)", &outST<Op>);
  r.add("aten::__" + d + "__.Tensor(Tensor self, Tensor other) -> Tensor", &binaryTT<Op>);
  r.add("aten::__" + d + "__.Scalar(Tensor self, Scalar other) -> Tensor", &binaryTS<Op>);
  r.add(b + "_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)", &inPlaceT<Op>);
  r.add(b + "_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)", &inPlaceS<Op>);
  r.add("aten::__i" + d + "__.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)", &inPlaceT<Op>);
  r.add("aten::__i" + d + "__.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)", &inPlaceS<Op>);
}

// bitwise_<n>_shift and `__<d>shift__`: the shifts name their overloads
// Tensor_Scalar / Scalar_Tensor.
template <k::BitwiseOp Op>
void addShift(OperatorRegistry& r, const std::string& n, const std::string& d) {
  const std::string b = "aten::bitwise_" + n + "_shift";
  r.add(b + ".Tensor(Tensor self, Tensor other) -> Tensor", &binaryTT<Op>);
  r.add(b + ".Tensor_Scalar(Tensor self, Scalar other) -> Tensor", &binaryTS<Op>);
  r.add(b + ".Scalar_Tensor(Scalar self, Tensor other) -> Tensor", &binaryST<Op>);
  r.add(b + ".Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)", &outTT<Op>);
  r.add(b + ".Tensor_Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)", &outTS<Op>);
  r.add(b + ".Scalar_Tensor_out(Scalar self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)", &outST<Op>);
  r.add(b + "_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)", &inPlaceT<Op>);
  r.add(b + "_.Tensor_Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)", &inPlaceS<Op>);
  r.add("aten::__" + d + "shift__.Tensor(Tensor self, Tensor other) -> Tensor", &binaryTT<Op>);
  r.add("aten::__" + d + "shift__.Scalar(Tensor self, Scalar other) -> Tensor", &binaryTS<Op>);
  r.add("aten::__" + d + "shift__.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)", &outTT<Op>);
  r.add("aten::__" + d + "shift__.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)", &outTS<Op>);
  r.add("aten::__i" + d + "shift__.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)", &inPlaceT<Op>);
  r.add("aten::__i" + d + "shift__.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)", &inPlaceS<Op>);
}

}  // namespace

void registerBitwiseOps(OperatorRegistry& r) {
  addBitwise<k::BitwiseOp::And>(r, "and", "and");
  addBitwise<k::BitwiseOp::Or>(r, "or", "or");
  addBitwise<k::BitwiseOp::Xor>(r, "xor", "xor");
  addShift<k::BitwiseOp::LShift>(r, "left", "l");
  addShift<k::BitwiseOp::RShift>(r, "right", "r");
  r.add("aten::bitwise_not(Tensor self) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 1);
    ret(s, 1, k::bitwiseNot(a[0].toTensor()));
  });
  r.add("aten::bitwise_not.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, k::bitwiseNot(a[0].toTensor(), a[1].toTensor()));
  });
  r.add("aten::bitwise_not_(Tensor(a!) self) -> Tensor(a!)", [](Stack& s) {
    IValue* a = args(s, 1);
    Tensor self = a[0].toTensor();
    ret(s, 1, k::bitwiseNot(self, self, true));
  });
}

}  // namespace wick
