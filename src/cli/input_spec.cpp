// A small recursive-descent parser for --input values.
#include "cli/input_spec.h"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace wick::cli {
namespace {

class SpecParser {
 public:
  SpecParser(std::string_view s, uint64_t& seed) : s_(s), seed_(seed) {}

  IValue parseAll() {
    IValue v = parseValue();
    skipSpace();
    if (pos_ != s_.size()) fail("unexpected text");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw Error(fmt::format("--input '{}': {} at column {}", s_, what, pos_ + 1));
  }
  void skipSpace() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool eat(char c) {
    skipSpace();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!eat(c)) fail(fmt::format("expected '{}'", c));
  }
  std::string ident() {
    skipSpace();
    size_t b = pos_;
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_')) ++pos_;
    return std::string(s_.substr(b, pos_ - b));
  }

  IValue parseNumber() {
    skipSpace();
    size_t b = pos_;
    if (pos_ < s_.size() && (s_[pos_] == '-' || s_[pos_] == '+')) ++pos_;
    bool isFloat = false;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (std::isdigit(static_cast<unsigned char>(c))) {
        ++pos_;
      } else if (c == '.' || c == 'e' || c == 'E') {
        isFloat = true;
        ++pos_;
        if ((c == 'e' || c == 'E') && pos_ < s_.size() && (s_[pos_] == '-' || s_[pos_] == '+')) ++pos_;
      } else {
        break;
      }
    }
    std::string text(s_.substr(b, pos_ - b));
    if (text.empty() || text == "-" || text == "+") fail("expected a value");
    try {
      size_t used = 0;
      if (isFloat) {
        double d = std::stod(text, &used);
        if (used != text.size()) fail("malformed number");
        return IValue(d);
      }
      long long i = std::stoll(text, &used);
      if (used != text.size()) fail("malformed number");
      return IValue(static_cast<int64_t>(i));
    } catch (const std::out_of_range&) {
      fail("number out of range");
    } catch (const std::invalid_argument&) {
      fail("malformed number");
    }
  }

  IValue parseValue() {
    skipSpace();
    if (pos_ >= s_.size()) fail("expected a value");
    char c = s_[pos_];
    if (c == '[' || c == '(') return parseSequence();
    if (c == '\'' || c == '"') {
      ++pos_;
      size_t b = pos_;
      while (pos_ < s_.size() && s_[pos_] != c) ++pos_;
      if (pos_ >= s_.size()) fail("unterminated string");
      std::string str(s_.substr(b, pos_ - b));
      ++pos_;
      return IValue(str);
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.') return parseNumber();
    std::string name = ident();
    if (name.empty()) fail("expected a value");
    if (name == "true" || name == "True") return IValue(true);
    if (name == "false" || name == "False") return IValue(false);
    if (name == "none" || name == "None") return IValue();
    if (name == "inf") return IValue(INFINITY);
    if (name == "nan") return IValue(NAN);
    return parseTensorCall(name);
  }

  IValue parseSequence() {
    char open = s_[pos_++];
    char close = open == '[' ? ']' : ')';
    std::vector<IValue> els;
    if (!eat(close)) {
      do {
        els.push_back(parseValue());
      } while (eat(','));
      expect(close);
    }
    if (open == '[') return IValue(makeList(std::move(els)));
    return IValue(makeTuple(std::move(els)));
  }

  // Flattens nested lists of numbers into values and a shape.
  void flatten(const IValue& v, size_t depth, std::vector<int64_t>& shape, std::vector<IValue>& out) {
    if (v.isList()) {
      const auto& els = v.listRef().elements;
      if (shape.size() <= depth) shape.push_back(static_cast<int64_t>(els.size()));
      else if (shape[depth] != static_cast<int64_t>(els.size())) fail("ragged nested list");
      for (const auto& e : els) flatten(e, depth + 1, shape, out);
    } else if (v.isNumber()) {
      if (depth != shape.size()) fail("ragged nested list");
      out.push_back(v);
    } else {
      fail("tensor(...) takes numbers or nested lists of numbers");
    }
  }

  IValue parseTensorCall(const std::string& fn) {
    static const char* known[] = {"randn", "rand", "zeros", "ones", "full", "arange", "tensor"};
    bool ok = false;
    for (const char* k : known) ok |= fn == k;
    if (!ok) fail(fmt::format("unknown input form '{}' (expected a number, a list, or one of randn, rand, zeros, ones, full, arange, tensor)", fn));
    expect('(');
    std::vector<IValue> args;
    DType dtype = fn == "arange" ? DType::Int64 : DType::Float32;
    bool dtypeGiven = false;
    IValue fillValue;
    if (!eat(')')) {
      do {
        skipSpace();
        size_t save = pos_;
        std::string key = ident();
        if (!key.empty() && eat('=')) {
          if (key == "dtype") {
            std::string dn = ident();
            if (!parseDType(dn, &dtype)) fail(fmt::format("unknown dtype '{}'", dn));
            dtypeGiven = true;
          } else if (key == "value" && fn == "full") {
            fillValue = parseValue();
          } else {
            fail(fmt::format("unknown keyword '{}'", key));
          }
        } else {
          pos_ = save;
          args.push_back(parseValue());
        }
      } while (eat(','));
      expect(')');
    }
    if (fn == "tensor") {
      if (args.size() != 1) fail("tensor(...) takes one value");
      std::vector<int64_t> shape;
      std::vector<IValue> vals;
      flatten(args[0], 0, shape, vals);
      if (!dtypeGiven) {
        bool anyFloat = false, allBool = !vals.empty();
        for (const auto& v : vals) {
          anyFloat |= v.isDouble();
          allBool &= v.isBool();
        }
        dtype = anyFloat ? DType::Float32 : allBool ? DType::Bool : DType::Int64;
      }
      Tensor t = Tensor::empty(shape, dtype);
      Tensor src = Tensor::empty(shape, DType::Float64);
      for (size_t i = 0; i < vals.size(); ++i) src.data<double>()[i] = vals[i].toScalar().toDouble();
      t.copyFrom(src);
      return IValue(t);
    }
    std::vector<int64_t> sizes;
    for (const auto& a : args) {
      if (!a.isInt()) fail(fmt::format("{}(...) sizes must be integers", fn));
      sizes.push_back(a.toInt());
    }
    if (fn == "arange") {
      if (sizes.size() != 1 || sizes[0] < 0) fail("arange(N) takes one non-negative integer");
      Tensor src = Tensor::empty({sizes[0]}, DType::Int64);
      for (int64_t i = 0; i < sizes[0]; ++i) src.data<int64_t>()[i] = i;
      return IValue(src.to(dtype));
    }
    if (fn == "zeros") return IValue(Tensor::zeros(sizes, dtype));
    if (fn == "ones") return IValue(Tensor::full(sizes, Scalar(int64_t{1}), dtype));
    if (fn == "full") {
      if (!fillValue.isNumber()) fail("full(...) needs value=NUMBER");
      return IValue(Tensor::full(sizes, fillValue.toScalar(), dtype));
    }
    // randn / rand: drawn in float64, converted to the requested dtype.
    if (!isFloating(dtype)) fail(fmt::format("{}(...) needs a floating dtype", fn));
    std::mt19937_64 gen(seed_++);
    Tensor src = Tensor::empty(sizes, DType::Float64);
    double* p = src.data<double>();
    if (fn == "randn") {
      std::normal_distribution<double> dist(0.0, 1.0);
      for (int64_t i = 0; i < src.numel(); ++i) p[i] = dist(gen);
    } else {
      std::uniform_real_distribution<double> dist(0.0, 1.0);
      for (int64_t i = 0; i < src.numel(); ++i) p[i] = dist(gen);
    }
    return IValue(src.to(dtype));
  }

  std::string_view s_;
  uint64_t& seed_;
  size_t pos_ = 0;
};

}  // namespace

IValue parseInputSpec(std::string_view spec, uint64_t& seed) { return SpecParser(spec, seed).parseAll(); }

}  // namespace wick::cli
