// List ops (len, indexing, append, slicing, comparison...) with PyTorch
// 1.13's schemas; dict and str ops are registered from here too.
#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "core/check.h"
#include "runtime/ops/ops.h"
#include "runtime/ops/ops_internal.h"

namespace wick {

namespace ops {

size_t normalizeIndex(int64_t idx, size_t size, const char* what) {
  int64_t n = static_cast<int64_t>(size);
  int64_t i = idx < 0 ? idx + n : idx;
  WICK_CHECK(i >= 0 && i < n, "IndexError: {} index out of range (index {} for length {})", what, idx, n);
  return static_cast<size_t>(i);
}

}  // namespace ops

namespace {

using ops::get;
using ops::normalizeIndex;

std::vector<IValue>& elems(const IValue& v) { return v.listRef().elements; }

// Python's slice bounds: clamps start/end into [0, n] after wrapping
// negatives; None means the whole range.
void sliceBounds(const IValue& startV, const IValue& endV, int64_t step, int64_t n, int64_t* start,
                 int64_t* end) {
  WICK_CHECK(step != 0, "ValueError: slice step cannot be zero");
  auto clamp = [&](const IValue& v, int64_t dflt) {
    if (v.isNone()) return dflt;
    int64_t i = v.toInt();
    if (i < 0) i += n;
    if (step > 0) return std::clamp<int64_t>(i, 0, n);
    return std::clamp<int64_t>(i, -1, n - 1);
  };
  *start = clamp(startV, step > 0 ? 0 : n - 1);
  *end = clamp(endV, step > 0 ? n : -1);
}

bool listEquals(const IValue& a, const IValue& b) {
  const auto& x = elems(a);
  const auto& y = elems(b);
  if (x.size() != y.size()) return false;
  for (size_t i = 0; i < x.size(); ++i)
    if (!x[i].equals(y[i])) return false;
  return true;
}

template <bool Negate>
void listEq(Stack& s) {
  bool eq = listEquals(s[s.size() - 2], s.back());
  drop(s, 2);
  push(s, IValue(Negate ? !eq : eq));
}

void listContains(Stack& s) {
  IValue item = pop(s);
  bool found = false;
  for (const auto& e : elems(s.back()))
    if (e.equals(item)) {
      found = true;
      break;
    }
  s.back() = IValue(found);
}

// min/max over a list (prim::min.self_int, ...).
template <bool IsMax>
void listExtreme(Stack& s) {
  const auto& v = elems(s.back());
  WICK_CHECK(!v.empty(), "ValueError: {}() arg is an empty sequence", IsMax ? "max" : "min");
  IValue best = v[0];
  for (size_t i = 1; i < v.size(); ++i) {
    bool better = v[i].isDouble() ? (IsMax ? v[i].toDouble() > best.toDouble() : v[i].toDouble() < best.toDouble())
                                  : (IsMax ? v[i].toScalar().toInt() > best.toScalar().toInt()
                                           : v[i].toScalar().toInt() < best.toScalar().toInt());
    if (better) best = v[i];
  }
  s.back() = best;
}

template <typename T>
void listSum(Stack& s) {
  T total = 0;
  for (const auto& e : elems(s.back())) {
    if constexpr (std::is_same_v<T, double>) total += e.toDouble();
    else total += e.isBool() ? int64_t(e.toBool()) : e.toInt();
  }
  s.back() = IValue(total);
}

}  // namespace

void registerContainerOps(OperatorRegistry& r) {
  r.add("aten::len.t(t[] a) -> int", +[](Stack& s) { s.back() = IValue(int64_t(elems(s.back()).size())); });
  r.add("aten::len.any(Any[] a) -> int", +[](Stack& s) { s.back() = IValue(int64_t(elems(s.back()).size())); });
  r.add("aten::__getitem__.t(t[](a) list, int idx) -> t(*)", +[](Stack& s) {
    int64_t idx = s.back().toInt();
    s.pop_back();
    const auto& v = elems(s.back());
    s.back() = IValue(v[normalizeIndex(idx, v.size())]);
  });
  r.add("aten::append.t(t[](a!) self, t(c -> *) el) -> t[](a!)", +[](Stack& s) {
    IValue el = pop(s);
    elems(s.back()).push_back(std::move(el));
  });
  r.add("aten::_set_item.t(t[](a!) l, int idx, t(b -> *) el) -> t[](a!)", +[](Stack& s) {
    IValue el = pop(s);
    int64_t idx = pop(s).toInt();
    auto& v = elems(s.back());
    v[normalizeIndex(idx, v.size())] = std::move(el);
  });
  r.add("aten::list.t(t[] l) -> t[]", +[](Stack& s) { s.back() = IValue(makeList(elems(s.back()))); });
  r.add("aten::copy.t(t[](a) self) -> t[]", +[](Stack& s) { s.back() = IValue(makeList(elems(s.back()))); });
  r.add("aten::add.t(t[] a, t[] b) -> t[]", +[](Stack& s) {
    std::vector<IValue> out = elems(s[s.size() - 2]);
    const auto& b = elems(s.back());
    out.insert(out.end(), b.begin(), b.end());
    drop(s, 2);
    push(s, IValue(makeList(std::move(out))));
  });
  r.add("aten::extend.t(t[](a!) self, t[] other) -> ()", +[](Stack& s) {
    std::vector<IValue> other = elems(s.back());  // copy: `l.extend(l)` is legal
    auto& v = elems(s[s.size() - 2]);
    v.insert(v.end(), other.begin(), other.end());
    drop(s, 2);
  });
  r.add("aten::insert.t(t[](a!) self, int idx, t(b -> *) el) -> ()", +[](Stack& s) {
    IValue el = pop(s);
    int64_t idx = pop(s).toInt();
    IValue self = pop(s);  // holds the list: it may be its last reference
    auto& v = elems(self);
    int64_t n = static_cast<int64_t>(v.size());
    int64_t i = std::clamp<int64_t>(idx < 0 ? idx + n : idx, 0, n);
    v.insert(v.begin() + i, std::move(el));
  });
  r.add("aten::pop.t(t[](a!) self, int idx=-1) -> t(*)", +[](Stack& s) {
    int64_t idx = pop(s).toInt();
    auto& v = elems(s.back());
    WICK_CHECK(!v.empty(), "IndexError: pop from empty list");
    size_t i = normalizeIndex(idx, v.size());
    IValue out = std::move(v[i]);
    v.erase(v.begin() + i);
    s.back() = std::move(out);
  });
  r.add("aten::clear.t(t[](a!) self) -> ()", +[](Stack& s) { elems(pop(s)).clear(); });
  r.add("aten::reverse.t(t[](a!) self) -> ()", +[](Stack& s) {
    IValue self = pop(s);  // holds the list: it may be its last reference
    auto& v = elems(self);
    std::reverse(v.begin(), v.end());
  });
  r.add("aten::slice.t(t[] l, int? start=None, int? end=None, int step=1) -> t[]", +[](Stack& s) {
    int64_t step = s.back().toInt();
    const auto& v = elems(s[s.size() - 4]);
    int64_t start, end;
    sliceBounds(s[s.size() - 3], s[s.size() - 2], step, static_cast<int64_t>(v.size()), &start, &end);
    std::vector<IValue> out;
    for (int64_t i = start; step > 0 ? i < end : i > end; i += step) out.push_back(v[i]);
    drop(s, 4);
    push(s, IValue(makeList(std::move(out))));
  });
  r.add("aten::mul.left_t(t[] l, int n) -> t[]", +[](Stack& s) {
    int64_t n = pop(s).toInt();
    const auto& v = elems(s.back());
    std::vector<IValue> out;
    for (int64_t k = 0; k < n; ++k) out.insert(out.end(), v.begin(), v.end());
    s.back() = IValue(makeList(std::move(out)));
  });
  r.add("aten::mul.right_(int n, t[] l) -> t[]", +[](Stack& s) {
    IValue l = pop(s);
    int64_t n = s.back().toInt();
    std::vector<IValue> out;
    for (int64_t k = 0; k < n; ++k) out.insert(out.end(), elems(l).begin(), elems(l).end());
    s.back() = IValue(makeList(std::move(out)));
  });
  for (const char* t : {"int", "float", "bool", "str"}) {
    r.add(fmt::format("aten::eq.{0}_list({0}[] a, {0}[] b) -> bool", t), &listEq<false>);
    r.add(fmt::format("aten::ne.{0}_list({0}[] a, {0}[] b) -> bool", t), &listEq<true>);
  }
  for (const char* t : {"int", "float", "str"})
    r.add(fmt::format("aten::__contains__.{0}_list({0}[] l, {0} item) -> bool", t), &listContains);
  r.add("aten::sum.int(int[] self) -> int", &listSum<int64_t>);
  r.add("aten::sum.float(float[] self) -> float", &listSum<double>);
  r.add("aten::sum.bool(bool[] self) -> int", &listSum<int64_t>);
  for (const char* t : {"int", "float", "bool"}) {
    r.add(fmt::format("prim::min.self_{0}({0}[] self) -> {0}", t), &listExtreme<false>);
    r.add(fmt::format("prim::max.self_{0}({0}[] self) -> {0}", t), &listExtreme<true>);
  }

  ops::registerDictOps(r);
  ops::registerStringOps(r);
  ops::registerSequenceOps(r);
}

}  // namespace wick
