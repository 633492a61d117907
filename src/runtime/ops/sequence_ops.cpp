// List, dict and str ops that printed TorchScript uses beyond the basics of
// container_ops.cpp: list.remove/index/count/sort, sorted(), `del`
// (aten::Delete) on lists and dicts, min/max of two lists' worth of
// elements, and str slicing. Schemas are PyTorch 1.13's.
#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "core/check.h"
#include "runtime/ops/ops_internal.h"

namespace wick::ops {
namespace {

std::vector<IValue>& elems(const IValue& v) { return v.listRef().elements; }

// Python's ordering of two list elements of one type.
template <typename T>
bool less(const IValue& a, const IValue& b) {
  if constexpr (std::is_same_v<T, int64_t>) return a.toInt() < b.toInt();
  else if constexpr (std::is_same_v<T, double>) return a.toDouble() < b.toDouble();
  else if constexpr (std::is_same_v<T, bool>) return !a.toBool() && b.toBool();
  else return a.toStringRef() < b.toStringRef();
}

template <typename T>
void sortInPlace(std::vector<IValue>& v, bool reverse) {
  std::stable_sort(v.begin(), v.end(), [&](const IValue& a, const IValue& b) {
    return reverse ? less<T>(b, a) : less<T>(a, b);
  });
}

// list.sort(reverse=False): in place.
template <typename T>
void listSort(Stack& s) {
  bool reverse = pop(s).toBool();
  IValue list = pop(s);
  sortInPlace<T>(elems(list), reverse);
}

// sorted(list): a sorted copy.
template <typename T>
void listSorted(Stack& s) {
  std::vector<IValue> v = elems(s.back());
  sortInPlace<T>(v, false);
  s.back() = IValue(makeList(std::move(v)));
}

void listRemove(Stack& s) {
  IValue el = pop(s);
  IValue list = pop(s);
  auto& v = elems(list);
  auto it = std::find_if(v.begin(), v.end(), [&](const IValue& e) { return e.equals(el); });
  WICK_CHECK(it != v.end(), "ValueError: list.remove(x): x not in list");
  v.erase(it);
}

void listIndex(Stack& s) {
  IValue el = pop(s);
  const auto& v = elems(s.back());
  auto it = std::find_if(v.begin(), v.end(), [&](const IValue& e) { return e.equals(el); });
  WICK_CHECK(it != v.end(), "ValueError: {} is not in list", el.repr());
  s.back() = IValue(static_cast<int64_t>(it - v.begin()));
}

void listCount(Stack& s) {
  IValue el = pop(s);
  const auto& v = elems(s.back());
  s.back() = IValue(static_cast<int64_t>(std::count_if(v.begin(), v.end(), [&](const IValue& e) { return e.equals(el); })));
}

// `del xs[i]`.
void listDelete(Stack& s) {
  int64_t idx = pop(s).toInt();
  IValue list = pop(s);
  auto& v = elems(list);
  v.erase(v.begin() + static_cast<int64_t>(normalizeIndex(idx, v.size())));
}

// `del d[k]`.
void dictDelete(Stack& s) {
  IValue key = pop(s);
  IValue dict = pop(s);
  WICK_CHECK(dict.dictRef().erase(key), "KeyError: {}", key.repr());
}

// s[start:end:step] on a str (code points are bytes here, as TorchScript's
// str is).
void strSlice(Stack& s) {
  int64_t step = pop(s).toInt();
  IValue endV = pop(s);
  IValue startV = pop(s);
  const std::string& str = s.back().toStringRef();
  WICK_CHECK(step != 0, "ValueError: slice step cannot be zero");
  const int64_t n = static_cast<int64_t>(str.size());
  auto clamp = [&](const IValue& v, int64_t dflt) {
    if (v.isNone()) return dflt;
    int64_t i = v.toInt();
    if (i < 0) i += n;
    return step > 0 ? std::clamp<int64_t>(i, 0, n) : std::clamp<int64_t>(i, -1, n - 1);
  };
  int64_t start = clamp(startV, step > 0 ? 0 : n - 1), end = clamp(endV, step > 0 ? n : -1);
  std::string out;
  for (int64_t i = start; step > 0 ? i < end : i > end; i += step) out += str[static_cast<size_t>(i)];
  s.back() = IValue(std::move(out));
}

}  // namespace

void registerSequenceOps(OperatorRegistry& r) {
  r.add("aten::sort.int(int[](a!) self, bool reverse=False) -> ()", &listSort<int64_t>);
  r.add("aten::sort.float(float[](a!) self, bool reverse=False) -> ()", &listSort<double>);
  r.add("aten::sort.bool(bool[](a!) self, bool reverse=False) -> ()", &listSort<bool>);
  r.add("aten::sort.str(str[](a!) self, bool reverse=False) -> ()", &listSort<std::string>);
  r.add("aten::sorted.int(int[](a) input) -> int[]", &listSorted<int64_t>);
  r.add("aten::sorted.float(float[](a) input) -> float[]", &listSorted<double>);
  r.add("aten::sorted.bool(bool[](a) input) -> bool[]", &listSorted<bool>);
  r.add("aten::sorted.str(str[](a) input) -> str[]", &listSorted<std::string>);
  for (const char* t : {"int", "float", "bool", "str"}) {
    r.add(fmt::format("aten::remove.{0}({0}[](a!) self, {0} el) -> ()", t), &listRemove);
    r.add(fmt::format("aten::index.list_{0}({0}[] self, {0} el) -> int", t), &listIndex);
    r.add(fmt::format("aten::count.{0}({0}[] self, {0} el) -> int", t), &listCount);
  }
  r.add("aten::Delete.t(t[](a!) self, int idx) -> ()", &listDelete);
  for (const char* k : {"str", "int", "bool", "float", "Tensor"}) {
    r.add(fmt::format("aten::Delete.Dict_{0}(Dict({0}, t)(a!) self, {0} key) -> ()", k), &dictDelete);
  }
  r.add("aten::slice.str(str string, int? start=None, int? end=None, int step=1) -> str", &strSlice);
}

}  // namespace wick::ops
