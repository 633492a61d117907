// Schema matching for source-compiled calls: which overload a call with
// positional and keyword arguments selects, and the node it becomes.
#include "runtime/frontend_builtins.h"

#include <fmt/format.h>

#include <limits>
#include <optional>

#include "wick/error.h"

namespace wick {

namespace {

using frontend::NamedValue;
using ir::Type;
using ir::TypeKind;
using ir::TypePtr;

constexpr int kNoMatch = -1;
// Costs per argument, as in the registry: exact < widening < subtype <
// type variable < implicit conversion, so a conversion is chosen only when
// no overload takes the value as it is.
constexpr int kExact = 0;
constexpr int kWidening = 1;
constexpr int kSubtype = 2;
constexpr int kWildcard = 3;
constexpr int kConversion = 8;

int add(int a, int b) { return a == kNoMatch || b == kNoMatch ? kNoMatch : a + b; }

// How well a value of type `actual` fits `formal`. Type variables match
// anything here; bindTypeVars records what they stand for.
int typeCost(const Type& actual, const Type& formal, TypeBindings& bindings) {
  const TypeKind fk = formal.kind();
  const TypeKind ak = actual.kind();
  switch (fk) {
    case TypeKind::Any: return kWildcard;
    case TypeKind::Var: return kWildcard;
    case TypeKind::List:
      if (ak != TypeKind::List) return kNoMatch;
      return typeCost(*actual.containedTypes()[0], *formal.containedTypes()[0], bindings);
    case TypeKind::Dict:
      if (ak != TypeKind::Dict) return kNoMatch;
      return add(typeCost(*actual.containedTypes()[0], *formal.containedTypes()[0], bindings),
                 typeCost(*actual.containedTypes()[1], *formal.containedTypes()[1], bindings));
    case TypeKind::Tuple: {
      if (ak != TypeKind::Tuple || actual.containedTypes().size() != formal.containedTypes().size()) return kNoMatch;
      int total = kExact;
      for (size_t i = 0; i < formal.containedTypes().size(); ++i) {
        total = add(total, typeCost(*actual.containedTypes()[i], *formal.containedTypes()[i], bindings));
      }
      return total;
    }
    case TypeKind::Optional: {
      if (ak == TypeKind::None) return kWidening;
      const Type& elem = *formal.containedTypes()[0];
      if (ak == TypeKind::Optional) return typeCost(*actual.containedTypes()[0], elem, bindings);
      return add(typeCost(actual, elem, bindings), kWidening);
    }
    case TypeKind::Union: {
      int best = kNoMatch;
      for (const TypePtr& m : formal.containedTypes()) {
        TypeBindings trial = bindings;
        int c = typeCost(actual, *m, trial);
        if (c != kNoMatch && (best == kNoMatch || c < best)) best = c, bindings = trial;
      }
      return add(best, best == kNoMatch ? 0 : kWidening);
    }
    case TypeKind::Number:
      if (ak == TypeKind::Number) return kExact;
      if (ak == TypeKind::Int || ak == TypeKind::Float || ak == TypeKind::Bool) return kWidening;
      return kNoMatch;
    default:
      if (ak == fk) return kExact;
      return actual.isSubtypeOf(formal) ? kSubtype : kNoMatch;
  }
}

// The binding pass: typeCost above only scores; this records what each
// type variable stands for (the first occurrence wins, as in TorchScript).
void bindTypeVars(const TypePtr& actual, const Type& formal, TypeBindings& bindings) {
  if (formal.kind() == TypeKind::Var) {
    bindings.emplace(formal.name(), actual);
    return;
  }
  if (formal.kind() == TypeKind::Optional && actual->kind() != TypeKind::Optional) {
    if (actual->kind() != TypeKind::None) bindTypeVars(actual, *formal.containedTypes()[0], bindings);
    return;
  }
  if (formal.kind() != actual->kind() || formal.containedTypes().size() != actual->containedTypes().size()) return;
  for (size_t i = 0; i < formal.containedTypes().size(); ++i) {
    bindTypeVars(actual->containedTypes()[i], *formal.containedTypes()[i], bindings);
  }
}

enum class Conversion { None, IntToFloat, RepeatInt, IntToEnum };

// ScalarType, Layout and MemoryFormat are ints at run time (`dtype=6`,
// `ops.prim.dtype(x)`), but the registry matches them by kind.
bool isIntEnum(TypeKind k) {
  return k == TypeKind::ScalarType || k == TypeKind::Layout || k == TypeKind::MemoryFormat;
}

// One overload's verdict on a call: per formal, the value bound to it (null
// for a default) and how it must be converted.
struct Match {
  const Operator* op = nullptr;
  int cost = kNoMatch;
  std::vector<ir::Value*> values;
  std::vector<Conversion> conversions;
  std::vector<ir::Value*> extra;  // vararg values after the formals
};

Match matchSchema(const Operator& op, const std::vector<NamedValue>& args, const std::vector<NamedValue>& kwargs) {
  const ir::FunctionSchema& schema = op.schema;
  const auto& formals = schema.arguments;
  Match m;
  m.op = &op;
  m.values.assign(formals.size(), nullptr);
  m.conversions.assign(formals.size(), Conversion::None);
  size_t positional = 0;
  for (const NamedValue& a : args) {
    // `aten::format(str self, ...)` takes any number of trailing values.
    if (positional >= formals.size() && schema.isVararg) {
      m.extra.push_back(a.value);
      continue;
    }
    if (positional >= formals.size() || formals[positional].kwargOnly) return m;
    m.values[positional++] = a.value;
  }
  for (const NamedValue& k : kwargs) {
    size_t i = 0;
    while (i < formals.size() && formals[i].name != k.name) ++i;
    if (i == formals.size() || m.values[i]) return m;
    m.values[i] = k.value;
  }
  TypeBindings bindings;
  int total = kExact;
  for (size_t i = 0; i < formals.size(); ++i) {
    const ir::Argument& f = formals[i];
    if (!m.values[i]) {
      if (!f.defaultValue) return m;
      continue;
    }
    const Type& actual = *m.values[i]->type();
    int c = typeCost(actual, *f.type, bindings);
    if (c == kNoMatch && f.type->kind() == TypeKind::Float && actual.kind() == TypeKind::Int) {
      c = kConversion, m.conversions[i] = Conversion::IntToFloat;
    }
    // `int[2] stride` and `int[1]? dim` accept one int, repeated.
    const Type* list = f.type->kind() == TypeKind::Optional ? f.type->containedTypes()[0].get() : f.type.get();
    if (c == kNoMatch && list->kind() == TypeKind::List && f.fixedLength && actual.kind() == TypeKind::Int &&
        list->containedTypes()[0]->kind() == TypeKind::Int) {
      c = kWidening, m.conversions[i] = Conversion::RepeatInt;
    }
    const Type* enumType = f.type->kind() == TypeKind::Optional ? f.type->containedTypes()[0].get() : f.type.get();
    if (c == kNoMatch && isIntEnum(enumType->kind()) && actual.kind() == TypeKind::Int) {
      c = kWidening, m.conversions[i] = Conversion::IntToEnum;
    }
    // `dtype: Optional[int]` passed on to a `ScalarType? dtype`.
    if (c == kNoMatch && f.type->kind() == TypeKind::Optional && isIntEnum(enumType->kind()) &&
        actual.kind() == TypeKind::Optional && actual.containedTypes()[0]->kind() == TypeKind::Int) {
      c = kWidening, m.conversions[i] = Conversion::IntToEnum;
    }
    if (c == kNoMatch) return m;
    total += c;
  }
  m.cost = total;
  return m;
}

std::string describeCall(const std::vector<NamedValue>& args, const std::vector<NamedValue>& kwargs) {
  std::string s = "(";
  for (const NamedValue& a : args) s += (s.size() > 1 ? ", " : "") + a.value->type()->annotationStr();
  for (const NamedValue& k : kwargs) s += (s.size() > 1 ? ", " : "") + k.name + "=" + k.value->type()->annotationStr();
  return s + ")";
}

ir::Value* insertConstant(ir::Graph& graph, const IValue& v, const ir::SourceLocation& loc) {
  ir::Node* n = graph.insertNode(graph.createConstant(v));
  n->setLocation(loc);
  return n->output();
}

}  // namespace

TypePtr substituteTypeVars(const TypePtr& t, const TypeBindings& bindings) {
  switch (t->kind()) {
    case TypeKind::Var: {
      auto it = bindings.find(t->name());
      return it != bindings.end() && it->second ? it->second : Type::get(TypeKind::Any);
    }
    case TypeKind::List: return Type::list(substituteTypeVars(t->containedTypes()[0], bindings));
    case TypeKind::Optional: return Type::optional(substituteTypeVars(t->containedTypes()[0], bindings));
    case TypeKind::Dict:
      return Type::dict(substituteTypeVars(t->containedTypes()[0], bindings),
                        substituteTypeVars(t->containedTypes()[1], bindings));
    case TypeKind::Tuple: {
      if (t->isNamedTuple()) return t;
      std::vector<TypePtr> elems;
      for (const TypePtr& e : t->containedTypes()) elems.push_back(substituteTypeVars(e, bindings));
      return Type::tuple(std::move(elems));
    }
    default: return t;
  }
}

ir::Value* RegistryBuiltins::emitCall(ir::Graph& graph, const std::string& qualName, const std::vector<NamedValue>& args,
                                      const std::vector<NamedValue>& kwargs, const ir::SourceLocation& loc) {
  return emitOperator(graph, qualName, args, kwargs, loc);
}

ir::Value* RegistryBuiltins::emitOperator(ir::Graph& graph, const std::string& qualName,
                                          const std::vector<NamedValue>& args, const std::vector<NamedValue>& kwargs,
                                          const ir::SourceLocation& loc) {
  const ir::Symbol symbol = ir::Symbol::fromQualString(qualName);
  const auto& candidates = registry_.overloads(symbol);
  if (candidates.empty()) return nullptr;
  Match best;
  for (const Operator* op : candidates) {
    Match m = matchSchema(*op, args, kwargs);
    if (m.cost != kNoMatch && (best.cost == kNoMatch || m.cost < best.cost)) best = std::move(m);
  }
  if (!best.op) {
    std::string why = fmt::format("no overload of {} accepts arguments {}; candidates:", qualName,
                                  describeCall(args, kwargs));
    for (const Operator* op : candidates) why += "\n    " + op->schema.str();
    Error e(why);
    if (loc.valid()) e.addContext("at " + loc.str());
    throw e;
  }
  const auto& formals = best.op->schema.arguments;
  std::vector<ir::Value*> inputs;
  TypeBindings bindings;
  for (size_t i = 0; i < formals.size(); ++i) {
    ir::Value* v = best.values[i];
    if (!v) {
      v = insertConstant(graph, *formals[i].defaultValue, loc);
      // A default list constant is typed by its formal: `int[] dims=[]`
      // must stay int[] for the registry, which has no element to look at.
      if (formals[i].defaultValue->isList()) v->setType(substituteTypeVars(formals[i].type, bindings));
      // `MemoryFormat memory_format=0`: the default int, retyped like a
      // given one (the constant itself may be shared, so it is cast).
      if (isIntEnum(formals[i].type->kind()) && formals[i].defaultValue->isInt()) {
        ir::Node* cast = graph.insertNode(graph.create(ir::Symbol::prim_unchecked_cast, {v}, 1));
        cast->setLocation(loc);
        v = cast->output()->setType(Type::get(formals[i].type->kind()));
      }
    } else if (best.conversions[i] == Conversion::IntToFloat) {
      ir::Node* def = v->node();
      if (def->kind() == ir::Symbol::prim_Constant && def->hasAttribute("value")) {
        v = insertConstant(graph, IValue(static_cast<double>(def->ival("value").toInt())), loc);
      } else {
        v = emitOperator(graph, "aten::Float", {{"", v}}, {}, loc);
      }
    } else if (best.conversions[i] == Conversion::IntToEnum) {
      // The same int, retyped for the registry.
      const Type& f = *formals[i].type;
      TypeKind kind = f.kind() == TypeKind::Optional ? f.containedTypes()[0]->kind() : f.kind();
      bool optional = v->type()->kind() == TypeKind::Optional;
      ir::Node* cast = graph.insertNode(graph.create(ir::Symbol::prim_unchecked_cast, {v}, 1));
      cast->setLocation(loc);
      v = cast->output()->setType(optional ? Type::optional(Type::get(kind)) : Type::get(kind));
    } else if (best.conversions[i] == Conversion::RepeatInt) {
      std::vector<ir::Value*> copies(static_cast<size_t>(*formals[i].fixedLength), v);
      ir::Node* list = graph.insertNode(graph.create(ir::Symbol::prim_ListConstruct, copies, 1));
      list->setLocation(loc);
      v = list->output()->setType(Type::list(Type::get(TypeKind::Int)));
    }
    bindTypeVars(v->type(), *formals[i].type, bindings);
    inputs.push_back(v);
  }
  inputs.insert(inputs.end(), best.extra.begin(), best.extra.end());
  const auto& returns = best.op->schema.returns;
  ir::Node* node = graph.insertNode(graph.create(symbol, inputs, returns.size()));
  node->setLocation(loc);
  std::vector<ir::Value*> outs;
  std::vector<TypePtr> outTypes;
  for (size_t i = 0; i < returns.size(); ++i) {
    outTypes.push_back(substituteTypeVars(returns[i].type, bindings));
    outs.push_back(node->output(i)->setType(outTypes.back()));
  }
  if (returns.size() == 1) return outs[0];
  if (returns.empty()) return insertConstant(graph, IValue(), loc);
  // The source compiler wants one value: several results are a tuple, as in
  // TorchScript (`values, indices = torch.max(x, 1)`).
  ir::Node* tuple = graph.insertNode(graph.create(ir::Symbol::prim_TupleConstruct, outs, 1));
  tuple->setLocation(loc);
  return tuple->output()->setType(Type::tuple(outTypes));
}

}  // namespace wick
