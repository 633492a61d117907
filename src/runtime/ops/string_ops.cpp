// str ops (len, indexing, concatenation, str(), format, join, split, ...)
// with PyTorch 1.13's schemas.
#include <algorithm>
#include <cctype>
#include <string>

#include "core/check.h"
#include "runtime/ops/ops_internal.h"
#include "runtime/value_str.h"

namespace wick::ops {

namespace {

const std::string& str(const IValue& v) { return v.toStringRef(); }

// str.format with "{}" placeholders filled in order, as TorchScript's
// aten::format does; extra arguments are ignored, missing ones are an error.
void format(Stack& s, size_t numInputs) {
  const std::string& fmtStr = str(s[s.size() - numInputs]);
  std::string out;
  size_t arg = 1;
  for (size_t i = 0; i < fmtStr.size(); ++i) {
    if (fmtStr[i] == '{' && i + 1 < fmtStr.size() && fmtStr[i + 1] == '}') {
      WICK_CHECK(arg < numInputs, "aten::format: too few arguments for format string '{}'", fmtStr);
      out += displayString(s[s.size() - numInputs + arg++]);
      ++i;
    } else {
      out += fmtStr[i];
    }
  }
  drop(s, numInputs);
  push(s, IValue(std::move(out)));
}

// Python's str.find with optional bounds; -1 when absent.
int64_t findIn(const std::string& s, const std::string& sub, int64_t start, int64_t end) {
  int64_t n = static_cast<int64_t>(s.size());
  if (start < 0) start = std::max<int64_t>(0, start + n);
  if (end < 0) end += n + 1;  // the schema default -1 means "to the end"
  end = std::min(end, n);
  if (start > end) return -1;
  size_t pos = s.substr(0, end).find(sub, start);
  return pos == std::string::npos ? -1 : static_cast<int64_t>(pos);
}

// startswith/endswith on self[start:end]; end=-1 (the default) means the
// end of the string, as in TorchScript's implementation.
template <bool (*Pred)(const std::string&, const std::string&)>
void affix(Stack& s) {
  int64_t end = pop(s).toInt();
  int64_t start = pop(s).toInt();
  std::string sub = pop(s).toStringRef();
  const std::string& v = str(s.back());
  int64_t n = static_cast<int64_t>(v.size());
  if (start < 0) start = std::max<int64_t>(0, start + n);
  if (end < 0) end += n + 1;
  end = std::min(end, n);
  start = std::min(start, n);
  bool result = start <= end && Pred(v.substr(start, end - start), sub);
  s.back() = IValue(result);
}
bool startsWith(const std::string& a, const std::string& b) { return a.rfind(b, 0) == 0; }
bool endsWith(const std::string& a, const std::string& b) {
  return a.size() >= b.size() && a.compare(a.size() - b.size(), b.size(), b) == 0;
}

}  // namespace

void registerStringOps(OperatorRegistry& r) {
  r.add("aten::len.str(str s) -> int", +[](Stack& s) { s.back() = IValue(int64_t(str(s.back()).size())); });
  r.add("aten::__getitem__.str(str s, int index) -> str", +[](Stack& s) {
    int64_t idx = pop(s).toInt();
    const std::string& v = str(s.back());
    s.back() = IValue(std::string(1, v[normalizeIndex(idx, v.size(), "string")]));
  });
  r.add("aten::add.str(str a, str b) -> str", +[](Stack& s) {
    std::string b = pop(s).toStringRef();
    s.back() = IValue(str(s.back()) + b);
  });
  r.add("aten::str(t elem) -> str", +[](Stack& s) { s.back() = IValue(displayString(s.back())); });
  r.add("aten::format(str self, ...) -> str", [](const ir::Node& node) {
    size_t n = node.inputs().size();
    Operation op;
    op.closure = [n](Stack& s) { format(s, n); };
    return op;
  });
  r.add("aten::list(str t) -> str[]", +[](Stack& s) {
    std::vector<IValue> out;
    for (char c : str(s.back())) out.emplace_back(std::string(1, c));
    s.back() = IValue(makeList(std::move(out)));
  });
  r.add("aten::join(str self, str[] values) -> str", +[](Stack& s) {
    IValue values = pop(s);
    std::string out;
    bool first = true;
    for (const auto& v : values.listRef().elements) {
      if (!first) out += str(s.back());
      out += str(v);
      first = false;
    }
    s.back() = IValue(std::move(out));
  });
  r.add("aten::lower(str self) -> str", +[](Stack& s) {
    std::string v = str(s.back());
    std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
    s.back() = IValue(std::move(v));
  });
  r.add("aten::upper(str self) -> str", +[](Stack& s) {
    std::string v = str(s.back());
    std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::toupper(c); });
    s.back() = IValue(std::move(v));
  });
  r.add("aten::strip(str self, str chars=\" \\n\\t\\f\\v\") -> str", +[](Stack& s) {
    std::string chars = pop(s).toStringRef();
    const std::string& v = str(s.back());
    size_t b = v.find_first_not_of(chars);
    size_t e = v.find_last_not_of(chars);
    s.back() = IValue(b == std::string::npos ? std::string() : v.substr(b, e - b + 1));
  });
  r.add("aten::find(str self, str substr, int start=0, int end=-1) -> int", +[](Stack& s) {
    int64_t end = pop(s).toInt();
    int64_t start = pop(s).toInt();
    std::string sub = pop(s).toStringRef();
    s.back() = IValue(findIn(str(s.back()), sub, start, end));
  });
  r.add("aten::startswith(str self, str substr, int start=0, int end=-1) -> bool", &affix<startsWith>);
  r.add("aten::endswith(str self, str substr, int start=0, int end=-1) -> bool", &affix<endsWith>);
  r.add("aten::replace(str self, str old, str new, int max=-1) -> str", +[](Stack& s) {
    int64_t max = pop(s).toInt();
    std::string repl = pop(s).toStringRef();
    std::string old = pop(s).toStringRef();
    std::string v = str(s.back());
    std::string out;
    size_t pos = 0;
    for (int64_t count = 0; max < 0 || count < max; ++count) {
      size_t hit = old.empty() ? std::string::npos : v.find(old, pos);
      if (hit == std::string::npos) break;
      out += v.substr(pos, hit - pos) + repl;
      pos = hit + old.size();
    }
    s.back() = IValue(out + v.substr(pos));
  });
  r.add("aten::split.str(str self, str? separator=None, int max=-1) -> str[]", +[](Stack& s) {
    int64_t max = pop(s).toInt();
    IValue sep = pop(s);
    const std::string v = str(s.back());
    std::vector<IValue> out;
    if (sep.isNone()) {
      // Whitespace split drops empty pieces, like Python.
      size_t i = 0;
      int64_t splits = 0;
      while (i < v.size()) {
        while (i < v.size() && std::isspace(static_cast<unsigned char>(v[i]))) ++i;
        if (i >= v.size()) break;
        if (max >= 0 && splits == max) {
          out.emplace_back(v.substr(i));
          break;
        }
        size_t j = i;
        while (j < v.size() && !std::isspace(static_cast<unsigned char>(v[j]))) ++j;
        out.emplace_back(v.substr(i, j - i));
        ++splits;
        i = j;
      }
    } else {
      const std::string& d = str(sep);
      WICK_CHECK(!d.empty(), "ValueError: empty separator");
      size_t pos = 0;
      for (int64_t splits = 0; max < 0 || splits < max; ++splits) {
        size_t hit = v.find(d, pos);
        if (hit == std::string::npos) break;
        out.emplace_back(v.substr(pos, hit - pos));
        pos = hit + d.size();
      }
      out.emplace_back(v.substr(pos));
    }
    s.back() = IValue(makeList(std::move(out)));
  });
  r.add("aten::ord(str string) -> int", +[](Stack& s) {
    const std::string& v = str(s.back());
    WICK_CHECK(v.size() == 1, "TypeError: ord() expected a character, but string of length {} found", v.size());
    s.back() = IValue(int64_t(static_cast<unsigned char>(v[0])));
  });
  r.add("aten::chr(int i) -> str", +[](Stack& s) {
    int64_t c = s.back().toInt();
    WICK_CHECK(c >= 0 && c < 128, "ValueError: chr() arg {} is outside the supported ASCII range", c);
    s.back() = IValue(std::string(1, static_cast<char>(c)));
  });
}

}  // namespace wick::ops
