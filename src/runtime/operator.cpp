// The operator registry: registration, lookup by overload name and overload
// resolution by argument types.
#include "runtime/operator.h"

#include <fmt/format.h>

#include <limits>

#include "core/check.h"
#include "runtime/graph_executor.h"

namespace wick {

namespace {

using ir::Type;
using ir::TypeKind;
using ir::TypePtr;

constexpr int kNoMatch = -1;
// Costs of one argument's match; resolution picks the lowest total so that
// `aten::add(int, int)` prefers `aten::add.int` over `aten::add(Scalar,
// Scalar)` and both over a type variable.
constexpr int kExact = 0;
constexpr int kWidening = 1;   // int -> Scalar, T -> Optional[T]
constexpr int kSubtype = 2;    // anything else isSubtypeOf accepts
constexpr int kWildcard = 3;   // Any or a type variable
constexpr int kMissingArgument = 4;  // per trailing argument left to its default

// How well a value of type `actual` fits an argument declared `formal`.
// Containers match structurally because schema type variables (`t[]`,
// `Dict(str, t)`) parse as Any inside the container, and TorchScript lists
// are invariant, so `int[]` is not a subtype of `Any[]`.
int matchCost(const Type* actual, const Type& formal) {
  if (formal.kind() == TypeKind::Any) return kWildcard;
  if (!actual) return kNoMatch;
  const TypeKind fk = formal.kind();
  const TypeKind ak = actual->kind();
  switch (fk) {
    case TypeKind::List:
    case TypeKind::Future: {
      if (ak != fk) break;
      int c = matchCost(actual->containedTypes()[0].get(), *formal.containedTypes()[0]);
      if (c != kNoMatch) return c;
      break;
    }
    case TypeKind::Dict: {
      if (ak != TypeKind::Dict) break;
      int k = matchCost(actual->containedTypes()[0].get(), *formal.containedTypes()[0]);
      int v = matchCost(actual->containedTypes()[1].get(), *formal.containedTypes()[1]);
      if (k != kNoMatch && v != kNoMatch) return k + v;
      break;
    }
    case TypeKind::Tuple: {
      if (ak != TypeKind::Tuple) break;
      const auto& fe = formal.containedTypes();
      const auto& ae = actual->containedTypes();
      if (fe.size() != ae.size()) break;
      int total = 0;
      for (size_t i = 0; i < fe.size() && total != kNoMatch; ++i) {
        int c = matchCost(ae[i].get(), *fe[i]);
        total = c == kNoMatch ? kNoMatch : total + c;
      }
      if (total != kNoMatch) return total;
      break;
    }
    case TypeKind::Optional: {
      if (ak == TypeKind::None) return kWidening;
      const Type& elem = *formal.containedTypes()[0];
      if (ak == TypeKind::Optional) {
        int c = matchCost(actual->containedTypes()[0].get(), elem);
        if (c != kNoMatch) return c;
        break;
      }
      int c = matchCost(actual, elem);
      if (c != kNoMatch) return c + kWidening;
      break;
    }
    case TypeKind::Union: {
      int best = kNoMatch;
      for (const auto& m : formal.containedTypes()) {
        int c = matchCost(actual, *m);
        if (c != kNoMatch && (best == kNoMatch || c < best)) best = c;
      }
      if (best != kNoMatch) return best + kWidening;
      break;
    }
    case TypeKind::Number:
      if (ak == TypeKind::Number) return kExact;
      if (ak == TypeKind::Int || ak == TypeKind::Float) return kWidening;
      break;
    case TypeKind::ScalarType:
    case TypeKind::Layout:
    case TypeKind::MemoryFormat:
      // Ints in TorchScript graphs: `%d : int = prim::Constant[value=7]()`
      // passed to `ScalarType dtype` (aten::to.dtype's 5-argument form).
      if (ak == fk) return kExact;
      if (ak == TypeKind::Int) return kWidening;
      break;
    case TypeKind::Class:
    case TypeKind::Module:
      break;
    default:
      // Tensor with profiled info still matches Tensor exactly.
      if (ak == fk) return kExact;
      break;
  }
  return actual->isSubtypeOf(formal) ? kSubtype : kNoMatch;
}

// Total cost of calling `schema` with `argTypes`, or kNoMatch.
int schemaCost(const ir::FunctionSchema& schema, const std::vector<TypePtr>& argTypes) {
  const auto& formals = schema.arguments;
  if (argTypes.size() > formals.size() && !schema.isVararg) return kNoMatch;
  int total = 0;
  for (size_t i = 0; i < formals.size(); ++i) {
    if (i >= argTypes.size()) {
      // Missing trailing arguments must have defaults. A graph node carries
      // every argument of its overload (the interpreter fills no defaults),
      // so an overload of exactly that arity wins: aten::to(Tensor, int,
      // bool, bool) is to.prim_dtype, not to.dtype short of memory_format.
      if (!formals[i].defaultValue) return kNoMatch;
      total += kMissingArgument;
      continue;
    }
    int c = matchCost(argTypes[i].get(), *formals[i].type);
    if (c == kNoMatch) return kNoMatch;
    total += c;
  }
  return total;
}

std::string typeList(const std::vector<TypePtr>& types) {
  std::string s = "(";
  for (size_t i = 0; i < types.size(); ++i) {
    if (i) s += ", ";
    s += types[i] ? types[i]->str() : std::string("<untyped>");
  }
  return s + ")";
}

const std::vector<const Operator*>& emptyOverloads() {
  static const std::vector<const Operator*> empty;
  return empty;
}

}  // namespace

OperatorRegistry& OperatorRegistry::global() {
  // Filled on first use and never destroyed: ops may run from threads that
  // outlive static destruction at exit.
  static OperatorRegistry* registry = [] {
    auto* r = new OperatorRegistry();
    registerAllOperators(*r);
    registerFusionGroupOp(*r);  // runtime/graph_executor.h
    return r;
  }();
  return *registry;
}

const Operator* OperatorRegistry::add(std::string_view schema, OpFn fn) {
  auto op = std::make_unique<Operator>();
  op->schema = ir::parseSchema(schema);
  op->schemaText = std::string(schema);
  op->fn = fn;
  std::string key = op->schema.qualifiedOverloadName();
  WICK_CHECK(!byOverload_.count(key), "operator {} is registered twice", key);
  const Operator* raw = op.get();
  byName_[ir::Symbol::fromQualString(op->schema.name).id()].push_back(raw);
  byOverload_.emplace(std::move(key), raw);
  ops_.push_back(std::move(op));
  return raw;
}

const Operator* OperatorRegistry::add(std::string_view schema,
                                      std::function<Operation(const ir::Node&)> factory) {
  const Operator* raw = add(schema, static_cast<OpFn>(nullptr));
  const_cast<Operator*>(raw)->factory = std::move(factory);
  return raw;
}

const std::vector<const Operator*>& OperatorRegistry::overloads(ir::Symbol name) const {
  auto it = byName_.find(name.id());
  return it == byName_.end() ? emptyOverloads() : it->second;
}

const Operator* OperatorRegistry::findOverload(std::string_view qualifiedOverloadName) const {
  auto it = byOverload_.find(std::string(qualifiedOverloadName));
  return it == byOverload_.end() ? nullptr : it->second;
}

const Operator* OperatorRegistry::resolve(ir::Symbol name, const std::vector<ir::TypePtr>& argTypes,
                                          std::string* why) const {
  const auto& candidates = overloads(name);
  const Operator* best = nullptr;
  int bestCost = std::numeric_limits<int>::max();
  for (const Operator* op : candidates) {
    int c = schemaCost(op->schema, argTypes);
    // Strictly lower only: among equals the first registered wins, as in
    // PyTorch's registration order.
    if (c != kNoMatch && c < bestCost) {
      best = op;
      bestCost = c;
    }
  }
  if (best || !why) return best;
  if (candidates.empty()) {
    *why = fmt::format("unknown operator {} called with argument types {}", name.qualString(),
                       typeList(argTypes));
    return nullptr;
  }
  *why = fmt::format("no overload of {} accepts argument types {}; candidates:", name.qualString(),
                     typeList(argTypes));
  for (const Operator* op : candidates) *why += "\n    " + op->schema.str();
  return nullptr;
}

const Operator* OperatorRegistry::resolveNode(ir::Node& node) const {
  std::vector<ir::TypePtr> types;
  types.reserve(node.inputs().size());
  for (const ir::Value* v : node.inputs()) types.push_back(v->type());
  std::string why;
  const Operator* op = resolve(node.kind(), types, &why);
  if (!op) {
    Error e(why);
    if (node.location().valid()) e.addContext("at " + node.location().str());
    throw e;
  }
  node.setOp(reinterpret_cast<const ir::Operator*>(op));
  return op;
}

std::vector<const Operator*> OperatorRegistry::all() const {
  std::vector<const Operator*> out;
  out.reserve(ops_.size());
  for (const auto& op : ops_) out.push_back(op.get());
  return out;
}

const Operator* operatorOf(const ir::Node& node) {
  return reinterpret_cast<const Operator*>(node.op());
}

}  // namespace wick
