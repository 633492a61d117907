// Freezing (attributes of an eval-mode module -> constants) and conv +
// batch-norm folding; see freeze.h for what each pass promises.
#include "jit/freeze.h"

#include <cmath>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ir/type.h"
#include "kernels/cpu/convolution.h"
#include "runtime/operator.h"

namespace wick::jit {

namespace {

using ir::Block;
using ir::Node;
using ir::Symbol;
using ir::Value;

const ir::ClassType* classOf(const Object& o) { return dynamic_cast<const ir::ClassType*>(o.type.get()); }

void forEachNode(Block* b, const std::function<void(Node*)>& fn) {
  for (Node* n : b->nodes()) {
    fn(n);
    for (Block* sub : n->blocks()) forEachNode(sub, fn);
  }
}

bool allEval(const Object& o, std::unordered_set<const Object*>& seen) {
  if (!seen.insert(&o).second) return true;
  const ir::ClassType* cls = classOf(o);
  if (!cls) return true;
  if (cls->isModule()) {
    int64_t slot = cls->findAttribute("training");
    if (slot >= 0) {
      const IValue& t = o.slots[static_cast<size_t>(slot)];
      if (!t.isBool() || t.toBool()) return false;
    }
  }
  for (const IValue& v : o.slots)
    if (v.isObject() && !allEval(v.objectRef(), seen)) return false;
  return true;
}

// The op a node runs: the one recorded when its graph was compiled, else
// resolved from its input types (graphs of methods that were only inlined
// were never compiled).
const Operator* opOf(const Node& n) {
  if (const Operator* op = operatorOf(n)) return op;
  std::vector<ir::TypePtr> types;
  for (const Value* v : n.inputs()) types.push_back(v->type());
  std::string why;
  return OperatorRegistry::global().resolve(n.kind(), types, &why);
}

// Nodes whose outputs may alias (or contain) their inputs, and nodes that
// only read their inputs; every other node without a schema counts as a
// possible write.
bool forwardsAliases(Symbol k) {
  return k == Symbol::prim_ListConstruct || k == Symbol::prim_TupleConstruct || k == Symbol::prim_ListUnpack ||
         k == Symbol::prim_TupleUnpack || k == Symbol::prim_TupleIndex || k == Symbol::prim_TupleSlice ||
         k == Symbol::prim_DictConstruct || k == Symbol::prim_unchecked_cast;
}
bool onlyReads(Symbol k) {
  return k == Symbol::prim_isinstance || k == Symbol::aten___is__ || k == Symbol::aten___isnot__ ||
         k == Symbol::prim_RaiseException || k == Symbol::prim_Print || k == Symbol::prim_ImplicitTensorToNum ||
         k == Symbol::prim_If;  // its condition; what its blocks return is followed from prim::Return
}

// Whether the value `v` (read from an attribute) or an alias of it may be
// written: an op argument annotated (a!), a value stored where aliasing is
// not tracked (a -> *), a return from the graph (the caller may write it),
// a call, or any node this analysis does not know.
bool mayBeMutated(Value* root) {
  std::vector<Value*> work{root};
  std::unordered_set<Value*> seen{root};
  auto push = [&](Value* v) {
    if (seen.insert(v).second) work.push_back(v);
  };
  while (!work.empty()) {
    Value* v = work.back();
    work.pop_back();
    for (const ir::Use& use : v->uses()) {
      Node* u = use.user;
      Symbol k = u->kind();
      if (k == Symbol::prim_Return) {
        Node* owner = u->owningBlock()->owningNode();
        if (!owner) return true;  // returned to the caller
        for (Value* o : owner->outputs()) push(o);
        if (owner->kind() == Symbol::prim_Loop)
          for (Value* p : owner->blocks()[0]->inputs()) push(p);
        continue;
      }
      if (k == Symbol::prim_Loop) {
        for (Value* o : u->outputs()) push(o);
        for (Value* p : u->blocks()[0]->inputs()) push(p);
        continue;
      }
      if (forwardsAliases(k)) {
        for (Value* o : u->outputs()) push(o);
        continue;
      }
      if (onlyReads(k)) continue;
      const Operator* op = opOf(*u);
      if (!op) return true;
      const ir::FunctionSchema& schema = op->schema;
      if (use.offset >= schema.arguments.size()) return true;  // varargs
      const ir::Argument& a = schema.arguments[use.offset];
      if (!a.alias && !a.elementAlias) continue;  // read; the outputs are new values
      for (const auto* alias : {&a.alias, &a.elementAlias})
        if (*alias && ((*alias)->isWrite || !(*alias)->afterSet.empty())) return true;
      if (schema.isVarret) return true;
      for (size_t i = 0; i < schema.returns.size() && i < u->outputs().size(); ++i) {
        const ir::Argument& r = schema.returns[i];
        if (r.alias || r.elementAlias) push(u->output(i));
      }
    }
  }
  return false;
}

// Values of these types cannot be changed in place.
bool isImmutable(const ir::TypePtr& t) {
  using K = ir::TypeKind;
  return t && (t->kind() == K::Bool || t->kind() == K::Int || t->kind() == K::Float || t->kind() == K::Str ||
               t->kind() == K::None || t->kind() == K::Device);
}

// Names of attributes `g` writes with prim::SetAttr or reads into a value
// that may be mutated. By name, whatever object they belong to: coarse, and
// safe.
void collectWrittenNames(const ir::Graph& g, std::set<std::string>& names) {
  forEachNode(g.block(), [&](Node* n) {
    if (n->kind() == Symbol::prim_SetAttr) {
      names.insert(n->s("name"));
    } else if (n->kind() == Symbol::prim_GetAttr && !dynamic_cast<const ir::ClassType*>(n->output()->type().get())) {
      if (!names.count(n->s("name")) && !isImmutable(n->output()->type()) && mayBeMutated(n->output()))
        names.insert(n->s("name"));
    }
  });
}

// The constant that stands for attribute value `v`, or nullopt when the IR's
// constants do not hold such values (objects, tuples, dicts, lists of
// anything but scalars). Tensors are the attribute's own tensor; lists are
// copied.
std::optional<IValue> constantFor(const IValue& v) {
  if (v.isNone() || v.isBool() || v.isInt() || v.isDouble() || v.isString() || v.isDevice() || v.isTensor()) return v;
  if (v.isList()) {
    const auto& es = v.listRef().elements;
    if (es.empty()) return std::nullopt;
    bool ints = true, doubles = true, bools = true;
    for (const IValue& e : es) {
      ints = ints && e.isInt();
      doubles = doubles && e.isDouble();
      bools = bools && e.isBool();
    }
    if (ints || doubles || bools) return IValue(makeList(es));
  }
  return std::nullopt;
}

bool isNoneConstant(const Value* v) {
  return v->node()->kind() == Symbol::prim_Constant && !v->node()->hasAttribute("value");
}
bool isValueConstant(const Value* v) {
  return v->node()->kind() == Symbol::prim_Constant && v->node()->hasAttribute("value");
}

// x is None / x is not None where x and None are constants.
void foldNoneChecks(ir::Graph& graph) {
  std::vector<Node*> checks;
  forEachNode(graph.block(), [&](Node* n) {
    if ((n->kind() == Symbol::aten___is__ || n->kind() == Symbol::aten___isnot__) && n->inputs().size() == 2)
      checks.push_back(n);
  });
  for (Node* n : checks) {
    Value* a = n->input(0);
    Value* b = n->input(1);
    bool aNone = isNoneConstant(a), bNone = isNoneConstant(b);
    if (!((aNone && (bNone || isValueConstant(b))) || (bNone && isValueConstant(a)))) continue;
    bool same = aNone && bNone;
    graph.setInsertPoint(n);
    Value* c = graph.insertConstant(IValue(n->kind() == Symbol::aten___is__ ? same : !same));
    n->output()->replaceAllUsesWith(c);
    n->destroy();
  }
  graph.setInsertPoint(graph.block());
}

// ---- conv + batch_norm ----

std::optional<Tensor> constantTensor(const Value* v) {
  if (!isValueConstant(v) || !v->node()->ival("value").isTensor()) return std::nullopt;
  return v->node()->ival("value").toTensor();
}
// A constant tensor, or an undefined Tensor for a None constant; nullopt
// for anything else.
std::optional<Tensor> optionalConstantTensor(const Value* v) {
  if (isNoneConstant(v)) return Tensor();
  return constantTensor(v);
}
std::optional<IValue> constantScalar(const Value* v) {
  if (!isValueConstant(v)) return std::nullopt;
  const IValue& x = v->node()->ival("value");
  if (x.isBool() || x.isInt() || x.isDouble()) return x;
  return std::nullopt;
}

std::vector<double> asDoubles(const Tensor& t) {
  Tensor d = t.to(DType::Float64, /*copy=*/true).contiguous();
  const double* p = d.data<double>();
  return std::vector<double>(p, p + d.numel());
}

// w[c][k] *= scale[c], each product in float64.
template <typename T>
void scaleRows(T* w, int64_t rows, int64_t cols, const std::vector<double>& scale) {
  for (int64_t c = 0; c < rows; ++c)
    for (int64_t k = 0; k < cols; ++k) w[c * cols + k] = static_cast<T>(static_cast<double>(w[c * cols + k]) * scale[c]);
}

bool isConvolution(Symbol k) {
  static const Symbol kinds[] = {Symbol::fromQualString("aten::conv1d"), Symbol::fromQualString("aten::conv2d"),
                                 Symbol::fromQualString("aten::conv3d"), Symbol::fromQualString("aten::_convolution")};
  for (Symbol s : kinds)
    if (k == s) return true;
  return false;
}

// Folds batch_norm `bn` into the convolution that feeds it; false (and the
// graph unchanged) when the pattern or its constants do not fit.
bool foldOne(ir::Graph& graph, Node* bn) {
  static const Symbol convolution = Symbol::fromQualString("aten::_convolution");
  if (bn->inputs().size() != 9) return false;
  Value* x = bn->input(0);
  Node* conv = x->node();
  if (!isConvolution(conv->kind()) || conv->outputs().size() != 1) return false;
  // Other uses may read the shape (batch norm's _check_input_dim does),
  // which folding keeps; any other use would see the folded values.
  static const Symbol dim = Symbol::fromQualString("aten::dim"), size = Symbol::fromQualString("aten::size");
  for (const ir::Use& u : x->uses())
    if (u.user != bn && u.user->kind() != dim && u.user->kind() != size) return false;
  if (conv->inputs().size() < 3) return false;
  if (conv->kind() == convolution) {
    auto transposed = conv->inputs().size() > 6 ? constantScalar(conv->input(6)) : std::nullopt;
    if (!transposed || !transposed->isBool() || transposed->toBool()) return false;
  }
  auto training = constantScalar(bn->input(5));
  auto eps = constantScalar(bn->input(7));
  if (!training || !training->isBool() || training->toBool() || !eps || !eps->isDouble()) return false;
  auto w = constantTensor(conv->input(1));
  auto b = optionalConstantTensor(conv->input(2));
  auto gamma = optionalConstantTensor(bn->input(1));
  auto beta = optionalConstantTensor(bn->input(2));
  auto mean = constantTensor(bn->input(3));
  auto var = constantTensor(bn->input(4));
  if (!w || !b || !gamma || !beta || !mean || !var) return false;
  if (w->dtype() != DType::Float32 && w->dtype() != DType::Float64) return false;
  if (w->dim() < 3 || w->device().type != DeviceType::CPU) return false;
  int64_t channels = w->size(0);
  for (const Tensor* t : {&*b, &*gamma, &*beta, &*mean, &*var}) {
    if (!t->defined()) continue;
    if (t->numel() != channels || t->device().type != DeviceType::CPU || !isFloating(t->dtype())) return false;
  }

  std::vector<double> m = asDoubles(*mean), v = asDoubles(*var);
  std::vector<double> g = gamma->defined() ? asDoubles(*gamma) : std::vector<double>(channels, 1.0);
  std::vector<double> be = beta->defined() ? asDoubles(*beta) : std::vector<double>(channels, 0.0);
  std::vector<double> bias = b->defined() ? asDoubles(*b) : std::vector<double>(channels, 0.0);
  std::vector<double> scale(channels);
  for (int64_t c = 0; c < channels; ++c) {
    scale[c] = g[c] / std::sqrt(v[c] + eps->toDouble());
    bias[c] = (bias[c] - m[c]) * scale[c] + be[c];
  }
  Tensor newWeight = w->clone();  // contiguous, its own storage
  if (newWeight.dtype() == DType::Float32)
    scaleRows(newWeight.data<float>(), channels, newWeight.numel() / channels, scale);
  else
    scaleRows(newWeight.data<double>(), channels, newWeight.numel() / channels, scale);
  Tensor newBias = Tensor::fromVector(bias).to(w->dtype());

  graph.setInsertPoint(conv);
  conv->replaceInput(1, graph.insertConstant(IValue(newWeight)));
  conv->replaceInput(2, graph.insertConstant(IValue(newBias)));
  graph.setInsertPoint(graph.block());
  bn->output()->replaceAllUsesWith(conv->output());
  bn->destroy();
  // The profiling run prepared oneDNN's copy of the unfolded weight, which
  // the frozen code never convolves with: drop it rather than keep it
  // resident (a later unfrozen run just prepares it again).
  kernels::forgetConvolutionWeight(*w);
  return true;
}

}  // namespace

bool canFreeze(const IValue& self) {
  if (!self.isObject()) return false;
  const Object& o = self.objectRef();
  const ir::ClassType* cls = classOf(o);
  if (!cls || !cls->isModule()) return false;
  std::unordered_set<const Object*> seen;
  return allEval(o, seen);
}

FreezeStats freezeModule(ir::Graph& graph, const Object& self) {
  FreezeStats stats;
  if (graph.inputs().empty() || !classOf(self)) return stats;
  // Values known to hold one object: self, and attribute reads on them.
  std::unordered_map<const Value*, const Object*> objects{{graph.inputs()[0], &self}};
  std::set<const ir::ClassType*> classes{classOf(self)};
  struct Leaf {
    Node* node;
    IValue value;
  };
  std::vector<Leaf> leaves;
  forEachNode(graph.block(), [&](Node* n) {
    if (n->kind() != Symbol::prim_GetAttr) return;
    auto it = objects.find(n->input(0));
    if (it == objects.end()) return;
    const ir::ClassType* cls = classOf(*it->second);
    int64_t slot = cls ? cls->findAttribute(n->s("name")) : -1;
    if (slot < 0) return;
    const IValue& v = it->second->slots[static_cast<size_t>(slot)];
    if (v.isObject()) {
      objects[n->output()] = &v.objectRef();
      if (const ir::ClassType* c = classOf(v.objectRef())) classes.insert(c);
      return;
    }
    leaves.push_back({n, v});
  });

  // Attributes written anywhere the program can reach them stay attributes.
  // __setstate__ runs once, at load, before any method is optimized.
  // Methods are compiled on first use: one not compiled yet (never called,
  // nor inlined into a method that was) is not seen here, and one compiled
  // by another thread while this reads the class's method list races with
  // it: both take a method whose first call comes during or after this
  // optimization.
  std::set<std::string> written;
  collectWrittenNames(graph, written);
  for (const ir::ClassType* cls : classes) {
    for (const auto& fn : cls->methods()) {
      std::string name = fn->name();
      if (name == "__setstate__" || name == "__getstate__") continue;
      collectWrittenNames(*fn->graph(), written);
    }
  }

  for (const Leaf& leaf : leaves) {
    Node* n = leaf.node;
    if (written.count(n->s("name"))) {
      ++stats.written;
      continue;
    }
    std::optional<IValue> c = constantFor(leaf.value);
    if (!c) {
      ++stats.unsupported;
      continue;
    }
    graph.setInsertPoint(n);
    Value* k = graph.insertConstant(*c);
    n->output()->replaceAllUsesWith(k);
    n->destroy();
    ++stats.frozen;
  }
  graph.setInsertPoint(graph.block());
  foldNoneChecks(graph);
  return stats;
}

int64_t foldConvBatchNorm(ir::Graph& graph) {
  static const Symbol batchNorm = Symbol::fromQualString("aten::batch_norm");
  std::vector<Node*> norms;
  forEachNode(graph.block(), [&](Node* n) {
    if (n->kind() == batchNorm) norms.push_back(n);
  });
  int64_t folded = 0;
  for (Node* bn : norms) folded += foldOne(graph, bn) ? 1 : 0;
  return folded;
}

}  // namespace wick::jit
