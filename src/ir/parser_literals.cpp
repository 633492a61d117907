// Attribute literals of graph text and their conversion to the declared type
// of a constant.
#include "ir/parser_internal.h"

namespace wick::ir {
namespace {

constexpr int kMaxLiteralDepth = 32;

std::vector<IValue> parseSequence(TextCursor& c, char close, int depth, bool* trailingComma) {
  std::vector<IValue> es;
  const std::string_view closeStr(&close, 1);
  *trailingComma = false;
  while (!c.tryConsume(closeStr)) {
    if (c.atEnd() || c.peek() == '\n') c.fail("unterminated list literal");
    if (!es.empty()) {
      c.expect(",", "between elements");
      if (c.tryConsume(closeStr)) {
        *trailingComma = true;
        break;
      }
    }
    es.push_back(parseAttributeLiteral(c, depth + 1));
  }
  return es;
}

IValue parseBraced(TextCursor& c, int depth) {
  c.expect("{", "to open a literal");
  if (c.peek() == '"' || c.peek() == '\'' || c.peek() == '}') {
    // A dict: {"a": 1, "b": 2}.
    auto d = makeDict();
    bool first = true;
    while (!c.tryConsume("}")) {
      if (c.atEnd() || c.peek() == '\n') c.fail("unterminated dict literal");
      if (!first) c.expect(",", "between dict entries");
      first = false;
      IValue k = parseAttributeLiteral(c, depth + 1);
      c.expect(":", "after a dict key");
      d->insert(std::move(k), parseAttributeLiteral(c, depth + 1));
    }
    return IValue(d);
  }
  // A one-element tensor: {2} or {0.5}; the dtype comes from the value's type.
  SourceLocation loc = c.location();
  std::string_view tok = c.numberToken();
  IValue v;
  if (!parseNumber(tok, &v)) TextCursor::failAt(loc, fmt::format("bad tensor literal '{{{}'", tok));
  c.skipSpaces();
  c.expect("}", "to close a tensor literal");
  return v.isInt() ? IValue(Tensor::scalar(Scalar(v.toInt()), DType::Int64))
                   : IValue(Tensor::scalar(Scalar(v.toDouble()), DType::Float32));
}

}  // namespace

IValue parseAttributeLiteral(TextCursor& c, int depth) {
  if (depth > kMaxLiteralDepth) c.fail("literal nested more than {} levels deep", kMaxLiteralDepth);
  c.skipSpaces();
  char ch = c.peek();
  if (ch == '"' || ch == '\'') return IValue(c.quotedString());
  if (ch == '{') return parseBraced(c, depth);
  // The text does not carry the data of larger tensors: an empty tensor
  // stands in until coerceConstant gives it the declared shape.
  if (c.tryConsume("<Tensor>")) return IValue(Tensor::empty({0}, DType::Float32));
  bool trailing = false;
  if (ch == '[') {
    c.advance();
    c.skipSpaces();
    return IValue(makeList(parseSequence(c, ']', depth, &trailing)));
  }
  if (ch == '(') {
    c.advance();
    c.skipSpaces();
    return IValue(makeTuple(parseSequence(c, ')', depth, &trailing)));
  }
  SourceLocation loc = c.location();
  std::string_view tok = c.numberToken();
  c.skipSpaces();
  IValue v;
  if (parseNumber(tok, &v)) return v;
  if (tok == "None") return IValue();
  if (tok == "True") return IValue(true);
  if (tok == "False") return IValue(false);
  if (tok.empty())
    TextCursor::failAt(loc, fmt::format("expected an attribute value, found {}", c.describeNext()));
  TextCursor::failAt(loc, fmt::format("bad attribute value '{}'", tok));
}

IValue coerceConstant(const IValue& v, const Type& t, const SourceLocation& loc) {
  auto mismatch = [&]() {
    TextCursor::failAt(loc, fmt::format("constant {} does not fit its type {}", v.repr(), t.str()));
  };
  switch (t.kind()) {
    case TypeKind::Bool:
      if (v.isInt() && (v.toInt() == 0 || v.toInt() == 1)) return IValue(v.toInt() == 1);
      if (!v.isBool()) mismatch();
      return v;
    case TypeKind::Float:
      if (v.isInt()) return IValue(static_cast<double>(v.toInt()));
      if (!v.isDouble()) mismatch();
      return v;
    case TypeKind::Int:
    case TypeKind::ScalarType:
    case TypeKind::Layout:
    case TypeKind::MemoryFormat:
      if (!v.isInt()) mismatch();
      return v;
    case TypeKind::Str:
      if (!v.isString()) mismatch();
      return v;
    case TypeKind::Device:
      if (!v.isString()) mismatch();
      try {
        return IValue(Device::parse(v.toStringRef()));
      } catch (const Error& e) {
        TextCursor::failAt(loc, e.message());
      }
    case TypeKind::Tensor: {
      if (!v.isTensor()) mismatch();
      Tensor x = v.toTensor();
      const TensorInfo* info = t.tensorInfo();
      if (!info || !info->dtype) return v;
      if (x.numel() == 0 && info->sizes) {
        // A <Tensor> placeholder: zeros of the declared shape and dtype.
        std::vector<int64_t> sizes;
        int64_t numel = 1;
        for (const auto& s : *info->sizes) {
          if (!s || *s < 0 || *s > (int64_t{1} << 24)) return v;
          numel *= *s;
          // Garbage text must not allocate without bound.
          if (numel > (int64_t{1} << 24)) return v;
          sizes.push_back(*s);
        }
        return IValue(Tensor::zeros(sizes, *info->dtype));
      }
      return *info->dtype != x.dtype() ? IValue(x.to(*info->dtype)) : v;
    }
    case TypeKind::List: {
      if (!v.isList()) mismatch();
      std::vector<IValue> es;
      for (const IValue& e : v.listRef().elements)
        es.push_back(coerceConstant(e, *t.containedTypes()[0], loc));
      return IValue(makeList(std::move(es)));
    }
    case TypeKind::Tuple: {
      if (!v.isTuple() || v.tupleRef().elements.size() != t.containedTypes().size()) mismatch();
      std::vector<IValue> es;
      for (size_t i = 0; i < t.containedTypes().size(); ++i)
        es.push_back(coerceConstant(v.tupleRef().elements[i], *t.containedTypes()[i], loc));
      return IValue(makeTuple(std::move(es)));
    }
    case TypeKind::Optional:
      return v.isNone() ? v : coerceConstant(v, *t.containedTypes()[0], loc);
    default:
      return v;
  }
}

}  // namespace wick::ir
