// prim:: ops the interpreter does not execute inline (tuple indexing,
// exceptions, printing, number/tensor conversion, identity, range helpers)
// with PyTorch 1.13's schemas.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>

#include "core/check.h"
#include "runtime/ops/ops.h"
#include "runtime/ops/ops_internal.h"
#include "runtime/value_str.h"

namespace wick {

namespace {

// Python's len(range(lo, hi, step)).
int64_t rangeLength(int64_t lo, int64_t hi, int64_t step) {
  WICK_CHECK(step != 0, "ValueError: range() arg 3 must not be zero");
  if (step > 0 && lo < hi) return 1 + (hi - 1 - lo) / step;
  if (step < 0 && lo > hi) return 1 + (lo - 1 - hi) / (0 - step);
  return 0;
}

// The elements [beg, end) of a tuple, with Python's clamping.
IValue sliceTuple(const IValue& tup, int64_t beg, int64_t end) {
  const auto& els = tup.tupleRef().elements;
  int64_t n = static_cast<int64_t>(els.size());
  if (beg < 0) beg += n;
  if (end < 0) end += n;
  beg = std::clamp<int64_t>(beg, 0, n);
  end = std::clamp<int64_t>(end, beg, n);
  return IValue(makeTuple(std::vector<IValue>(els.begin() + beg, els.begin() + end)));
}

Operation tupleSlice(const ir::Node& node) {
  Operation op;
  // Older graphs carry the bounds as attributes; newer ones pass them as
  // inputs.
  if (node.hasAttribute("beg")) {
    int64_t beg = node.i("beg");
    int64_t end = node.hasAttribute("end") ? node.i("end") : INT64_MAX;
    op.closure = [beg, end](Stack& s) { s.back() = sliceTuple(s.back(), beg, end); };
  } else {
    WICK_CHECK(node.inputs().size() == 3, "prim::TupleSlice expects a tuple and two bounds");
    op.fn = +[](Stack& s) {
      int64_t end = pop(s).toInt();
      int64_t beg = pop(s).toInt();
      s.back() = sliceTuple(s.back(), beg, end);
    };
  }
  return op;
}

Operation print(const ir::Node& node) {
  size_t n = node.inputs().size();
  Operation op;
  op.closure = [n](Stack& s) {
    std::string line;
    for (size_t i = 0; i < n; ++i) line += (i ? " " : "") + displayString(s[s.size() - n + i]);
    drop(s, n);
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fflush(stdout);
  };
  return op;
}

}  // namespace

void registerPrimOps(OperatorRegistry& r) {
  r.add("prim::TupleIndex(Any tup, int i) -> Any", +[](Stack& s) {
    int64_t i = pop(s).toInt();
    const auto& els = s.back().tupleRef().elements;
    s.back() = IValue(els[ops::normalizeIndex(i, els.size(), "tuple")]);
  });
  r.add("prim::TupleSlice(Any tup, ...) -> Any", &tupleSlice);
  r.add("prim::RaiseException(str msg, str? cls=None) -> ()", +[](Stack& s) {
    IValue cls = pop(s);
    std::string msg = pop(s).toStringRef();
    throw Error(cls.isNone() ? "Exception: " + msg : cls.toStringRef() + ": " + msg);
  });
  r.add("prim::Uninitialized() -> Any", +[](Stack& s) { s.emplace_back(); });
  r.add("prim::unchecked_cast(t x) -> t", +[](Stack& s) {});
  r.add("prim::unchecked_unwrap_optional(t(a)? optional) -> t(a)", +[](Stack& s) {});
  r.add("aten::warn(str message, int stacklevel=2) -> ()", +[](Stack& s) {
    drop(s, 1);
    std::string msg = "UserWarning: " + pop(s).toStringRef() + "\n";
    std::fwrite(msg.data(), 1, msg.size(), stderr);
  });
  r.add("prim::Print(...) -> ()", &print);
  r.add("prim::NumToTensor.Scalar(Scalar a) -> Tensor",
        +[](Stack& s) { s.back() = IValue(Tensor::scalar(s.back().toScalar())); });
  r.add("prim::NumToTensor.bool(bool a) -> Tensor",
        +[](Stack& s) { s.back() = IValue(Tensor::scalar(Scalar(s.back().toBool()))); });
  r.add("aten::__is__(t1 self, t2 obj) -> bool", +[](Stack& s) {
    IValue b = pop(s);
    s.back() = IValue(s.back().isSameIdentity(b));
  });
  r.add("aten::__isnot__(t1 self, t2 obj) -> bool", +[](Stack& s) {
    IValue b = pop(s);
    s.back() = IValue(!s.back().isSameIdentity(b));
  });
  r.add("aten::__range_length(int lo, int hi, int step) -> int", +[](Stack& s) {
    int64_t step = pop(s).toInt();
    int64_t hi = pop(s).toInt();
    s.back() = IValue(rangeLength(s.back().toInt(), hi, step));
  });
  r.add("aten::__derive_index(int index, int start, int step) -> int", +[](Stack& s) {
    int64_t step = pop(s).toInt();
    int64_t start = pop(s).toInt();
    s.back() = IValue(start + s.back().toInt() * step);
  });
  r.add("prim::StringIndex(str string, int index) -> str", +[](Stack& s) {
    int64_t i = pop(s).toInt();
    const std::string& v = s.back().toStringRef();
    s.back() = IValue(std::string(1, v[ops::normalizeIndex(i, v.size(), "string")]));
  });
  r.add("prim::device(Tensor a) -> Device", +[](Stack& s) { s.back() = IValue(s.back().toTensor().device()); });
  r.add("prim::dtype(Tensor a) -> int",
        +[](Stack& s) { s.back() = IValue(int64_t(static_cast<int8_t>(s.back().toTensor().dtype()))); });
  r.add("prim::is_cuda(Tensor a) -> bool",
        +[](Stack& s) { s.back() = IValue(s.back().toTensor().device().type == DeviceType::CUDA); });
  r.add("prim::requires_grad(Tensor a) -> bool", +[](Stack& s) { s.back() = IValue(false); });
}

}  // namespace wick
