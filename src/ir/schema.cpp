// FunctionSchema: parsing TorchScript's operator schema notation and
// printing it back in PyTorch's canonical form.
#include "ir/schema.h"

#include "core/check.h"
#include "ir/printer_internal.h"
#include "ir/type_internal.h"

namespace wick::ir {
namespace {

// Enum spellings native_functions.yaml uses for defaults, as the ints
// TorchScript passes at run time.
bool enumDefault(const std::string& name, int64_t* out) {
  static const std::pair<const char*, int64_t> kNames[] = {{"contiguous_format", 0},
                                                           {"preserve_format", 1},
                                                           {"channels_last", 2},
                                                           {"channels_last_3d", 3},
                                                           {"strided", 0},
                                                           {"Mean", 1},
                                                           {"Sum", 2},
                                                           {"per_tensor_affine", 0}};
  for (const auto& [n, v] : kNames)
    if (name == n) {
      *out = v;
      return true;
    }
  DType d;
  if (parseDType(name, &d)) {
    *out = static_cast<int64_t>(d);
    return true;
  }
  return false;
}

IValue parseLiteral(TextCursor& c, int depth) {
  if (depth > 32) c.fail("default value nested too deeply");
  char ch = c.peek();
  if (ch == '"' || ch == '\'') return IValue(c.quotedString());
  if (ch == '[' || ch == '(') {
    bool tuple = ch == '(';
    c.advance();
    c.skipSpaces();
    std::vector<IValue> es;
    const char* close = tuple ? ")" : "]";
    while (!c.tryConsume(close)) {
      if (c.atEnd()) c.fail("unterminated list in a default value");
      if (!es.empty()) c.expect(",", "between list elements");
      if (tuple && c.tryConsume(close)) break;  // (1,)
      es.push_back(parseLiteral(c, depth + 1));
    }
    return tuple ? IValue(makeTuple(std::move(es))) : IValue(makeList(std::move(es)));
  }
  SourceLocation loc = c.location();
  std::string_view tok = c.numberToken();
  c.skipSpaces();
  IValue v;
  if (parseNumber(tok, &v)) return v;
  std::string word(tok);
  if (word == "None") return IValue();
  if (word == "True") return IValue(true);
  if (word == "False") return IValue(false);
  int64_t e;
  if (enumDefault(word, &e)) return IValue(e);
  TextCursor::failAt(loc, tok.empty() ? fmt::format("expected a default value, found {}", c.describeNext())
                                      : fmt::format("unknown default value '{}'", tok));
}

// Converts a literal to the argument's type where TorchScript would:
// `float x=1` is 1.0, `int[2] stride=1` is [1, 1].
IValue coerceDefault(IValue v, const Argument& a) {
  TypePtr t = a.type;
  if (t->kind() == TypeKind::Optional && !v.isNone()) t = t->containedTypes()[0];
  if (t->kind() == TypeKind::Float && v.isInt()) return IValue(static_cast<double>(v.toInt()));
  if (t->kind() == TypeKind::List && !v.isList() && !v.isNone()) {
    size_t n = a.fixedLength ? static_cast<size_t>(*a.fixedLength) : 1;
    return IValue(makeList(std::vector<IValue>(n, v)));
  }
  return v;
}

Argument parseArgument(TextCursor& c, bool isReturn) {
  Argument a;
  ArgTypeExtras extras;
  a.type = parseTypeAt(c, {}, &extras);
  a.fixedLength = extras.fixedLength;
  a.alias = extras.alias;
  a.elementAlias = extras.elementAlias;
  c.skipSpaces();
  if (c.atIdent()) {
    a.name = c.identifier("an argument name");
    c.skipSpaces();
  }
  if (!isReturn && c.tryConsume("=")) a.defaultValue = coerceDefault(parseLiteral(c, 0), a);
  return a;
}

bool parseArgList(TextCursor& c, std::vector<Argument>* out, bool isReturn) {
  bool kwargOnly = false, vararg = false;
  bool first = true;
  while (!c.tryConsume(")")) {
    if (c.atEnd()) c.fail("unterminated argument list");
    if (!first) c.expect(",", "between arguments");
    first = false;
    if (vararg) c.fail("'...' must be the last argument");
    if (c.tryConsume("...")) {
      vararg = true;
    } else if (!isReturn && c.peek() == '*' && c.peek(1) != '*') {
      if (kwargOnly) c.fail("a second '*' in the argument list");
      c.tryConsume("*");
      kwargOnly = true;
    } else {
      out->push_back(parseArgument(c, isReturn));
      out->back().kwargOnly = kwargOnly;
    }
  }
  return vararg;
}

std::string defaultStr(const Argument& a) {
  const IValue& v = *a.defaultValue;
  if (v.isString()) return quoteString(v.toStringRef());
  if (v.isList() && v.listRef().elements.size() > 1) {
    // `int[2] stride=1`: a list of equal ints prints as one.
    const auto& es = v.listRef().elements;
    bool same = es[0].isInt();
    for (const IValue& e : es) same = same && e.isInt() && e.toInt() == es[0].toInt();
    if (same) return std::to_string(es[0].toInt());
  }
  return literalStr(v);
}

std::string argStr(const Argument& a) {
  std::string s = a.typeStr();
  if (!a.name.empty()) s += " " + a.name;
  if (a.defaultValue) s += "=" + defaultStr(a);
  return s;
}

}  // namespace

std::string AliasInfo::str() const {
  return "(" + set + (isWrite ? "!" : "") + (afterSet.empty() ? "" : " -> " + afterSet) + ")";
}

std::string Argument::typeStr() const {
  bool opt = type->kind() == TypeKind::Optional;
  const TypePtr& base = opt ? type->containedTypes()[0] : type;
  std::string s;
  if (base->kind() == TypeKind::List) {
    s = base->containedTypes()[0]->str() + (elementAlias ? elementAlias->str() : "") + "[" +
        (fixedLength ? std::to_string(*fixedLength) : "") + "]";
  } else {
    s = base->str();
  }
  if (alias) s += alias->str();
  return opt ? s + "?" : s;
}

std::string FunctionSchema::qualifiedOverloadName() const {
  return overload.empty() ? name : name + "." + overload;
}

std::string FunctionSchema::str() const {
  std::string out = qualifiedOverloadName() + "(";
  bool kwargsStarted = false;
  for (size_t i = 0; i < arguments.size(); ++i) {
    if (i > 0) out += ", ";
    if (arguments[i].kwargOnly && !kwargsStarted) {
      out += "*, ";
      kwargsStarted = true;
    }
    out += argStr(arguments[i]);
  }
  if (isVararg) out += arguments.empty() ? "..." : ", ...";
  out += ") -> ";
  bool paren = !((returns.size() == 1 && !isVarret) || (returns.empty() && isVarret));
  std::string rets;
  for (size_t i = 0; i < returns.size(); ++i) rets += (i ? ", " : "") + argStr(returns[i]);
  if (isVarret) rets += returns.empty() ? "..." : ", ...";
  // A lone return spelled with a '(' would read back as a list of returns.
  if (!rets.empty() && rets[0] == '(') paren = true;
  return out + (paren ? "(" + rets + ")" : rets);
}

bool FunctionSchema::isMutable() const {
  for (const Argument& a : arguments)
    if ((a.alias && a.alias->isWrite) || (a.elementAlias && a.elementAlias->isWrite)) return true;
  return false;
}

FunctionSchema parseSchema(std::string_view text) {
  TextCursor c(text, "<schema>");
  FunctionSchema s;
  try {
    c.skipWhitespace();
    std::string ns = c.identifier("an operator namespace");
    if (!c.startsWith("::")) c.fail("expected '::' after the namespace '{}'", ns);
    c.advance(2);
    s.name = ns + "::" + c.identifier("an operator name");
    if (c.peek() == '.') {
      c.advance();
      s.overload = c.identifier("an overload name");
    }
    c.skipSpaces();
    c.expect("(", "to open the argument list");
    s.isVararg = parseArgList(c, &s.arguments, false);
    c.skipWhitespace();
    c.expect("->", "before the returns");
    c.skipSpaces();
    if (c.tryConsume("...")) {
      s.isVarret = true;
    } else if (c.peek() == '(' && !(c.peek(1) == ')' && c.peek(2) == '[')) {
      c.expect("(", "to open the returns");
      s.isVarret = parseArgList(c, &s.returns, true);
    } else {
      s.returns.push_back(parseArgument(c, true));
    }
    c.skipWhitespace();
    if (!c.atEnd()) c.fail("unexpected {} after the schema", c.describeNext());
  } catch (const Error& e) {
    throw Error(fmt::format("{}\n  in schema: {}", e.message(), text));
  }
  return s;
}

}  // namespace wick::ir
