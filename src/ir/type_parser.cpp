// Parses types as TorchScript prints them in graphs ("Float(2, 3, strides=
// [3, 1], requires_grad=0, device=cpu)", "Dict(str, Tensor)", "int[]?")
// and as schemas write them (alias annotations, "int[2]", type variables).
#include <array>

#include "ir/type_internal.h"

namespace wick::ir {
namespace {

// Deeper nesting is garbage, and recursion must not overflow the stack.
constexpr int kMaxTypeDepth = 64;

constexpr std::array<DType, 10> kAllDTypes = {DType::UInt8, DType::Int8,    DType::Int16,   DType::Int32,
                                              DType::Int64, DType::Float16, DType::Float32, DType::Float64,
                                              DType::Bool,  DType::BFloat16};

bool dtypeFromTensorTypeName(std::string_view name, DType* out) {
  for (DType d : kAllDTypes)
    if (name == tensorTypeDTypeName(d)) {
      *out = d;
      return true;
    }
  return false;
}

// Schemas name generic types t, t1, t2, tVal and dict types K, V.
bool isTypeVarName(const std::string& n) {
  if (n == "K" || n == "V" || n == "T" || n == "t") return true;
  return n.size() > 1 && n[0] == 't' && (TextCursor::isDigit(n[1]) || (n[1] >= 'A' && n[1] <= 'Z'));
}

// In schemas "Tensor(a!)" is an alias annotation; "Tensor(2, *)" and
// "Tensor(device=cpu)" are refinements.
bool opensTensorInfo(const TextCursor& c) {
  size_t i = 1;
  while (c.peek(i) == ' ') ++i;
  char ch = c.peek(i);
  if (TextCursor::isDigit(ch) || ch == '*' || ch == ')' || ch == '-') return true;
  if (!TextCursor::isIdentStart(ch)) return false;
  while (TextCursor::isIdentChar(c.peek(i))) ++i;
  return c.peek(i) == '=';
}

std::string aliasSets(TextCursor& c) {
  std::string s;
  do {
    if (!s.empty()) s += "|";
    s += c.tryConsume("*") ? std::string("*") : c.identifier("an alias set name");
    c.skipSpaces();
  } while (c.tryConsume("|"));
  return s;
}

AliasInfo parseAlias(TextCursor& c) {
  c.expect("(", "to open an alias annotation");
  AliasInfo a;
  a.set = aliasSets(c);
  if (c.tryConsume("!")) a.isWrite = true;
  if (c.tryConsume("->")) a.afterSet = aliasSets(c);
  c.expect(")", "to close the alias annotation");
  return a;
}

std::vector<std::optional<int64_t>> parseDimList(TextCursor& c) {
  std::vector<std::optional<int64_t>> out;
  c.expect("[", "to open a list of strides");
  while (!c.tryConsume("]")) {
    if (!out.empty()) c.expect(",", "between strides");
    if (c.tryConsume("*"))
      out.push_back(std::nullopt);
    else
      out.push_back(c.integer("a stride"));
  }
  return out;
}

// The parenthesized fields of a tensor type; sizesKnown says whether the
// spelling implies known sizes even when none are listed ("Float()").
TypePtr parseTensorInfo(TextCursor& c, std::optional<DType> dtype, bool dtypeForm) {
  TensorInfo info;
  info.dtype = dtype;
  if (c.peek() != '(') return Type::tensor(std::move(info));
  c.expect("(", "to open a tensor type");
  std::vector<std::optional<int64_t>> sizes;
  bool otherFields = false;
  bool first = true;
  while (!c.tryConsume(")")) {
    if (c.atEnd()) c.fail("unterminated tensor type");
    if (!first) c.expect(",", "between tensor type fields");
    first = false;
    if (c.tryConsume("*")) {
      sizes.push_back(std::nullopt);
      continue;
    }
    if (TextCursor::isDigit(c.peek()) || c.peek() == '-') {
      sizes.push_back(c.integer("a size"));
      continue;
    }
    std::string field = c.identifier("a size or a tensor type field");
    c.expect("=", "after a tensor type field name");
    otherFields = true;
    if (field == "strides") {
      info.strides = parseDimList(c);
    } else if (field == "requires_grad") {
      int64_t v = c.integer("0 or 1");
      if (v != 0 && v != 1) c.fail("requires_grad must be 0 or 1, not {}", v);
      info.requires_grad = v != 0;
    } else if (field == "device") {
      SourceLocation loc = c.location();
      std::string dev;
      while (TextCursor::isIdentChar(c.peek()) || c.peek() == ':') {
        dev += c.peek();
        c.advance();
      }
      c.skipSpaces();
      try {
        info.device = Device::parse(dev);
      } catch (const Error& e) {
        TextCursor::failAt(loc, e.message());
      }
    } else {
      c.fail("unknown tensor type field '{}'", field);
    }
  }
  // PyTorch prints "Float(...)" only for known sizes; "Tensor(...)" also
  // for unknown sizes with a device or requires_grad.
  if (dtypeForm || !sizes.empty() || !otherFields) info.sizes = std::move(sizes);
  if (info.strides && (!info.sizes || info.strides->size() != info.sizes->size()))
    c.fail("tensor type has {} strides but {} sizes", info.strides->size(),
           info.sizes ? info.sizes->size() : 0);
  return Type::tensor(std::move(info));
}

std::vector<TypePtr> parseTypeArgs(TextCursor& c, const ClassResolver& resolve, int depth, char open) {
  const char* close = open == '(' ? ")" : "]";
  c.expect(std::string_view(&open, 1), "to open type arguments");
  std::vector<TypePtr> out;
  while (!c.tryConsume(close)) {
    if (!out.empty()) c.expect(",", "between type arguments");
    out.push_back(parseTypeAt(c, resolve, nullptr, depth + 1));
    c.skipSpaces();
  }
  return out;
}

TypePtr parseNamedTuple(TextCursor& c, const ClassResolver& resolve, int depth) {
  c.expect("(", "to open a NamedTuple");
  std::vector<std::string> fields;
  std::vector<TypePtr> types;
  while (!c.tryConsume(")")) {
    if (!fields.empty()) c.expect(",", "between NamedTuple fields");
    fields.push_back(c.identifier("a NamedTuple field name"));
    c.skipSpaces();
    c.expect(":", "after a NamedTuple field name");
    types.push_back(parseTypeAt(c, resolve, nullptr, depth + 1));
    c.skipSpaces();
  }
  if (fields.empty()) c.fail("a NamedTuple needs at least one field");
  return Type::namedTuple("", std::move(fields), std::move(types));
}

TypePtr parseGeneric(TextCursor& c, const std::string& name, const ClassResolver& resolve, int depth) {
  SourceLocation loc = c.location();
  std::vector<TypePtr> args = parseTypeArgs(c, resolve, depth, c.peek());
  auto arity = [&](size_t n) {
    if (args.size() != n)
      TextCursor::failAt(loc, fmt::format("{} takes {} type arguments, got {}", name, n, args.size()));
  };
  if (name == "List") return arity(1), Type::list(args[0]);
  if (name == "Optional") return arity(1), Type::optional(args[0]);
  if (name == "Future") return arity(1), Type::future(args[0]);
  if (name == "Dict") return arity(2), Type::dict(args[0], args[1]);
  if (name == "Union") return Type::unionOf(std::move(args));
  return Type::tuple(std::move(args));  // Tuple[...]
}

TypePtr parseBaseType(TextCursor& c, const ClassResolver& resolve, ArgTypeExtras* extras, int depth) {
  if (c.peek() == '(') return Type::tuple(parseTypeArgs(c, resolve, depth, '('));
  SourceLocation loc = c.location();
  std::string name = c.dottedIdentifier("a type");
  DType dtype;
  if (name == "Tensor") {
    if (c.peek() == '(' && (extras == nullptr || opensTensorInfo(c)))
      return parseTensorInfo(c, std::nullopt, false);
    return Type::tensor();
  }
  if (dtypeFromTensorTypeName(name, &dtype) && c.peek() == '(') return parseTensorInfo(c, dtype, true);
  if (name.size() > 6 && name.ends_with("Tensor") &&
      dtypeFromTensorTypeName(name.substr(0, name.size() - 6), &dtype))
    return parseTensorInfo(c, dtype, false);
  if ((name == "List" || name == "Optional" || name == "Tuple" || name == "Dict" || name == "Union" ||
       name == "Future") &&
      (c.peek() == '[' || c.peek() == '('))
    return parseGeneric(c, name, resolve, depth);
  if (name == "NamedTuple" && c.peek() == '(') return parseNamedTuple(c, resolve, depth);
  static const std::pair<const char*, TypeKind> kSimple[] = {{"int", TypeKind::Int},
                                                             {"SymInt", TypeKind::Int},
                                                             {"float", TypeKind::Float},
                                                             {"bool", TypeKind::Bool},
                                                             {"str", TypeKind::Str},
                                                             {"NoneType", TypeKind::None},
                                                             {"None", TypeKind::None},
                                                             {"Any", TypeKind::Any},
                                                             {"Scalar", TypeKind::Number},
                                                             {"number", TypeKind::Number},
                                                             {"Device", TypeKind::Device},
                                                             {"Layout", TypeKind::Layout},
                                                             {"ScalarType", TypeKind::ScalarType},
                                                             {"MemoryFormat", TypeKind::MemoryFormat},
                                                             {"Generator", TypeKind::Generator},
                                                             {"Storage", TypeKind::Storage},
                                                             {"Function", TypeKind::Function},
                                                             {"Module", TypeKind::Module}};
  for (const auto& [n, k] : kSimple)
    if (name == n) return Type::get(k);
  if (isTypeVarName(name)) return Type::var(name);
  if (!resolve) return Type::get(TypeKind::Any);
  TypePtr cls = resolve(name);
  if (!cls) TextCursor::failAt(loc, fmt::format("unknown type '{}'", name));
  return cls;
}

}  // namespace

TypePtr parseTypeAt(TextCursor& c, const ClassResolver& resolve, ArgTypeExtras* extras, int depth) {
  if (depth > kMaxTypeDepth) c.fail("type nested more than {} levels deep", kMaxTypeDepth);
  c.skipSpaces();
  TypePtr t = parseBaseType(c, resolve, extras, depth);
  std::optional<AliasInfo> pending;
  if (extras && c.peek() == '(') pending = parseAlias(c);
  bool sawList = false;
  while (true) {
    if (c.peek() == '[' && (c.peek(1) == ']' || TextCursor::isDigit(c.peek(1)))) {
      c.advance();
      std::optional<int64_t> n;
      if (c.peek() != ']') n = c.integer("a list length");
      c.expect("]", "to close a list type");
      t = Type::list(t);
      if (extras && !sawList) {
        extras->fixedLength = n;
        extras->elementAlias = pending;
        pending.reset();
      }
      sawList = true;
    } else if (c.peek() == '?') {
      c.advance();
      t = Type::optional(t);
    } else if (extras && c.peek() == '(') {
      if (pending) c.fail("a type has two alias annotations");
      pending = parseAlias(c);
    } else {
      break;
    }
  }
  if (extras && pending) extras->alias = pending;
  return t;
}

TypePtr parseType(std::string_view text, const std::function<TypePtr(const std::string&)>& resolveClass) {
  TextCursor c(text, "<type>");
  TypePtr t = parseTypeAt(c, resolveClass);
  c.skipWhitespace();
  if (!c.atEnd()) c.fail("unexpected {} after the type", c.describeNext());
  return t;
}

}  // namespace wick::ir
