// Registers the ops that move Python values into tensors and back:
// torch.tensor / torch.as_tensor of numbers and (nested) lists, and
// Tensor.item().
#include <fmt/format.h>

#include "runtime/operator.h"
#include "runtime/ops/aten_args.h"
#include "runtime/ops/ops.h"

namespace wick {
namespace {

using namespace atenargs;

// The shape of a nested list of numbers and the dtype PyTorch infers for
// it (any float makes it float32, else any int int64, else bool).
void inferShape(const IValue& v, size_t depth, DimVector& shape, int& kind) {
  if (v.isList()) {
    const auto& e = v.listRef().elements;
    if (depth == shape.size()) shape.push_back(static_cast<int64_t>(e.size()));
    WICK_CHECK(shape[depth] == static_cast<int64_t>(e.size()),
               "aten::tensor: expected a sequence of length {} at dim {} (got {})", shape[depth], depth, e.size());
    for (const IValue& x : e) inferShape(x, depth + 1, shape, kind);
    return;
  }
  WICK_CHECK(depth == shape.size(), "aten::tensor: a number where a list was expected at dim {}", depth);
  if (v.isDouble()) kind = std::max(kind, 2);
  else if (v.isInt()) kind = std::max(kind, 1);
  else WICK_CHECK(v.isBool(), "aten::tensor: expected numbers, got {}", v.repr());
}

void flatten(const IValue& v, std::vector<Scalar>& out) {
  if (v.isList()) {
    for (const IValue& x : v.listRef().elements) flatten(x, out);
  } else {
    out.push_back(v.toScalar());
  }
}

Tensor tensorFromData(const char* op, const IValue& data, const IValue& dtype, const IValue& device) {
  checkTensorOptions(op, IValue(), device);
  DimVector shape;
  int kind = 0;
  inferShape(data, 0, shape, kind);
  std::vector<Scalar> values;
  flatten(data, values);
  DType dt = dtype.isNone() ? (kind == 2 ? DType::Float32 : kind == 1 ? DType::Int64 : DType::Bool) : dtypeArg(dtype);
  Tensor t = Tensor::empty(shape, dt);
  // Element by element through a 0-dim view keeps the dtype conversion rules
  // in one place (Tensor::copyFrom).
  Tensor flat = t.asStrided({static_cast<int64_t>(values.size())}, {1}, 0);
  for (size_t i = 0; i < values.size(); ++i) {
    flat.asStrided({}, {}, static_cast<int64_t>(i)).copyFrom(Tensor::scalar(values[i]));
  }
  return t;
}

}  // namespace

void registerTensorDataOps(OperatorRegistry& r) {
  for (const char* t : {"float", "int", "bool"}) {
    r.add(fmt::format("aten::tensor.{0}({0} t, *, ScalarType? dtype=None, Device? device=None, "
                      "bool requires_grad=False) -> Tensor",
                      t),
          [](Stack& s) {
            IValue* a = args(s, 4);
            ret(s, 4, tensorFromData("aten::tensor", a[0], a[1], a[2]));
          });
  }
  r.add("aten::tensor(t[] data, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False) -> Tensor",
        [](Stack& s) {
          IValue* a = args(s, 4);
          ret(s, 4, tensorFromData("aten::tensor", a[0], a[1], a[2]));
        });
  r.add("aten::as_tensor.list(t[] data, *, ScalarType? dtype=None, Device? device=None) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 3);
    ret(s, 3, tensorFromData("aten::as_tensor", a[0], a[1], a[2]));
  });
  r.add("aten::as_tensor(Tensor(a) data, *, ScalarType? dtype=None, Device? device=None) -> Tensor(a|b)",
        [](Stack& s) {
          IValue* a = args(s, 3);
          checkTensorOptions("aten::as_tensor", IValue(), a[2]);
          Tensor t = a[0].toTensor();
          if (!a[1].isNone()) t = t.to(dtypeArg(a[1]));
          ret(s, 3, std::move(t));
        });
  r.add("aten::item(Tensor self) -> Scalar", [](Stack& s) {
    const Tensor& t = s.back().toTensor();
    WICK_CHECK(t.numel() == 1, "aten::item: a Tensor with {} elements cannot be converted to Scalar", t.numel());
    s.back() = IValue(t.item());
  });
}

}  // namespace wick
