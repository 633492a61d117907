// The fuse_epilogues pass (epilogue_fusion.h).
//
// A chain conv -> [add] -> [activation] in one block becomes one
// wick::conv_fused node (linear -> ... one wick::linear_fused) placed just
// after the convolution, or just after
// the residual's definition when that comes later (the residual of a
// ResNet block with a downsample branch is computed after the block's last
// convolution). The convolution thus moves later and the epilogue nodes
// earlier; that is legal when nothing between them writes memory and the
// chain's intermediate values have no readers but the next node of the
// chain (and shape queries, which the fused result answers the same way).
// The fused op computes exactly what the chain did: oneDNN post-ops where
// they apply, the original ops otherwise.
#include "jit/epilogue_fusion.h"

#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "kernels/cpu/shape.h"
#include "runtime/operator.h"

namespace wick::jit {

using ir::Block;
using ir::Node;
using ir::Symbol;
using ir::TypeKind;
using ir::Value;

namespace {

const IValue* constantOf(const Value* v) {
  const Node* n = v->node();
  if (n->kind() != Symbol::prim_Constant || !n->hasAttribute("value")) return nullptr;
  return &n->ival("value");
}

std::optional<double> constantNumber(const Value* v) {
  const IValue* c = constantOf(v);
  if (!c || !(c->isInt() || c->isDouble())) return std::nullopt;
  return c->isInt() ? static_cast<double>(c->toInt()) : c->toDouble();
}

// An int list given as a constant or as a ListConstruct of int constants.
std::optional<std::vector<int64_t>> constantIntList(const Value* v) {
  const Node* n = v->node();
  std::vector<int64_t> out;
  if (const IValue* c = constantOf(v)) {
    if (!c->isList()) return std::nullopt;
    for (const IValue& e : c->toList()->elements) {
      if (!e.isInt()) return std::nullopt;
      out.push_back(e.toInt());
    }
    return out;
  }
  if (n->kind() != Symbol::prim_ListConstruct) return std::nullopt;
  for (const Value* in : n->inputs()) {
    const IValue* c = constantOf(in);
    if (!c || !c->isInt()) return std::nullopt;
    out.push_back(c->toInt());
  }
  return out;
}

bool isTensor(const Value* v) { return v->type() && v->type()->kind() == TypeKind::Tensor; }

// False when the profile says the value is not float32 (unknown is fine:
// the fused op checks at run time and falls back).
bool mayBeFloat32(const Value* v) {
  const ir::TensorInfo* ti = v->type() ? v->type()->tensorInfo() : nullptr;
  return !ti || !ti->dtype || *ti->dtype == DType::Float32;
}

// False when the profiled sizes of `a` and `b` differ somewhere (a
// broadcasting residual).
bool maySameSizes(const Value* a, const Value* b) {
  const ir::TensorInfo* ta = a->type() ? a->type()->tensorInfo() : nullptr;
  const ir::TensorInfo* tb = b->type() ? b->type()->tensorInfo() : nullptr;
  if (!ta || !tb || !ta->sizes || !tb->sizes) return true;
  if (ta->sizes->size() != tb->sizes->size()) return false;
  for (size_t i = 0; i < ta->sizes->size(); ++i) {
    const auto &x = (*ta->sizes)[i], &y = (*tb->sizes)[i];
    if (x && y && *x != *y) return false;
  }
  return true;
}

// A reader of only the value's shape: the fused result has the same one.
bool isShapeQuery(const ir::Use& u) {
  const std::string& q = u.user->kind().qualString();
  return u.offset == 0 && (q == "aten::dim" || q == "aten::size");
}

// The one node reading `v` other than shape queries; nullptr when none or
// several.
Node* soleReader(const Value* v) {
  Node* only = nullptr;
  for (const ir::Use& u : v->uses()) {
    if (isShapeQuery(u)) continue;
    if (only && only != u.user) return nullptr;
    only = u.user;
  }
  return only;
}

// The input indices of a convolution's (input, weight, bias, stride,
// padding, dilation, groups); nullopt when `n` is not a convolution the
// fused op computes the same way.
std::optional<std::vector<size_t>> convArguments(const Node& n) {
  const std::string& q = n.kind().qualString();
  if (q == "aten::conv1d" || q == "aten::conv2d") {
    // Not the padding="same"/"valid" overload (padding is a str).
    if (n.inputs().size() != 7 || !n.input(4)->type() || n.input(4)->type()->kind() != TypeKind::List)
      return std::nullopt;
    return std::vector<size_t>{0, 1, 2, 3, 4, 5, 6};
  }
  if (q == "aten::convolution" || q == "aten::_convolution") {
    if (n.inputs().size() < 9) return std::nullopt;
    const IValue* transposed = constantOf(n.input(6));
    if (!transposed || !transposed->isBool() || transposed->toBool()) return std::nullopt;
    // A non-zero output_padding without transposed=True is an error the
    // original op reports; keep it.
    auto outPad = constantIntList(n.input(7));
    if (!outPad) return std::nullopt;
    for (int64_t p : *outPad)
      if (p != 0) return std::nullopt;
    return std::vector<size_t>{0, 1, 2, 3, 4, 5, 8};
  }
  return std::nullopt;
}

// add/add_(cur, other, alpha=1) (or add(other, cur)) with a tensor other:
// the residual.
Value* residualOf(const Node& n, const Value* cur, bool* inPlace) {
  const std::string& q = n.kind().qualString();
  if ((q != "aten::add" && q != "aten::add_") || n.inputs().size() != 3) return nullptr;
  if (!isTensor(n.input(0)) || !isTensor(n.input(1))) return nullptr;
  auto alpha = constantNumber(n.input(2));
  if (!alpha || *alpha != 1.0) return nullptr;
  *inPlace = q == "aten::add_";
  Value* other = nullptr;
  if (n.input(0) == cur && n.input(1) != cur) {
    other = n.input(1);
  } else if (!*inPlace && n.input(1) == cur && n.input(0) != cur) {
    other = n.input(0);  // add(other, conv): the same values (float add commutes)
  }
  if (!other || !mayBeFloat32(other) || !maySameSizes(other, cur)) return nullptr;
  return other;
}

// The activation `n` applies to `cur`, by the name wick::conv_fused takes;
// empty when it is none of them.
std::string activationOf(const Node& n, const Value* cur) {
  if (n.inputs().empty() || n.input(0) != cur) return "";
  for (size_t i = 1; i < n.inputs().size(); ++i)
    if (n.input(i) == cur) return "";
  std::string q = n.kind().qualString();
  if (q.size() > 1 && q.back() == '_') q.pop_back();  // the in-place form, on the chain's own value
  size_t arity = n.inputs().size();
  if (arity == 1) {
    if (q == "aten::relu") return "relu";
    if (q == "aten::relu6") return "relu6";
    if (q == "aten::hardswish") return "hardswish";
    if (q == "aten::hardsigmoid") return "hardsigmoid";
    if (q == "aten::silu") return "silu";
    if (q == "aten::sigmoid") return "sigmoid";
  }
  if (arity == 3 && q == "aten::hardtanh") {
    auto lo = constantNumber(n.input(1)), hi = constantNumber(n.input(2));
    if (lo && hi && *lo == 0.0 && *hi == 6.0) return "relu6";
  }
  if (arity == 2 && n.kind().qualString() == "aten::gelu") {
    const IValue* a = constantOf(n.input(1));
    if (a && a->isString() && a->toStringRef() == "none") return "gelu";
    if (a && a->isString() && a->toStringRef() == "tanh") return "gelu_tanh";
  }
  return "";
}

Symbol convFusedSymbol() { return Symbol::fromQualString("wick::conv_fused"); }
Symbol linearFusedSymbol() { return Symbol::fromQualString("wick::linear_fused"); }

// A constant 2-D float32 CPU tensor: a weight linear_fused may pack
// (undefined otherwise).
Tensor constantWeight(const Value* v) {
  const IValue* c = constantOf(v);
  if (!c || !c->isTensor()) return {};
  Tensor t = c->toTensor();
  if (t.dim() != 2 || t.dtype() != DType::Float32 || t.device().type != DeviceType::CPU || t.numel() == 0)
    return {};
  return t;
}

// A node whose epilogue can be fused, and how its fused op is called.
struct Producer {
  Symbol fused;
  bool conv = false;
  std::vector<size_t> args;  // the node's inputs the fused op takes first
  // Products with a constant weight: mm/matmul(x, C) is linear(x, C.T).
  // `weight` is C.T as a value when the graph has it (C = aten::t(W):
  // W), else `transposed` holds C.T to insert as a constant. `origin`
  // names the op for linear_fused's checks ("linear", "mm", "matmul").
  Value* weight = nullptr;
  Tensor transposed{};
  std::string origin = "linear";
};

std::optional<Producer> producerOf(const Node& n) {
  if (auto args = convArguments(n)) return Producer{convFusedSymbol(), true, *args};
  const std::string& q = n.kind().qualString();
  // aten::linear(input, weight, bias?) with a constant weight: oneDNN's
  // matmul packs it once and takes the epilogue as post-ops
  // (kernels/cpu/linear_dnnl.cpp). The packed copy is never refreshed, so
  // only constants (frozen attributes) qualify.
  if (q == "aten::linear" && n.inputs().size() == 3 && isTensor(n.input(0)) &&
      constantWeight(n.input(1)).defined())
    return Producer{linearFusedSymbol(), false, {0, 1, 2}};
  // x @ C and mm(x, C) with a constant 2-D C are linear(x, C.T) (the same
  // products), so products with frozen weights (an LSTM cell's
  // mm(x, W.t())) get the packed weight and epilogues too.
  if ((q == "aten::mm" || q == "aten::matmul") && n.inputs().size() == 2 && n.outputs().size() == 1 &&
      isTensor(n.input(0))) {
    Producer p{linearFusedSymbol(), false, {0}};
    p.origin = q.substr(6);
    const Node* c = n.input(1)->node();
    if (c->kind().qualString() == "aten::t" && c->inputs().size() == 1 && constantWeight(c->input(0)).defined()) {
      p.weight = c->input(0);
      return p;
    }
    Tensor w = constantWeight(n.input(1));
    if (!w.defined()) return std::nullopt;
    p.transposed = kernels::transpose(w, 0, 1);
    return p;
  }
  return std::nullopt;
}

// The fused op's inputs for producer `n`: its own (input, weight, bias, ...)
// or, for a product, (x, C.T, None); then the epilogue (residual or None,
// residual_in_place, activation); then channels_last=false (conv_fused:
// preferChannelsLast decides) or the origin (linear_fused). `constant`
// inserts a constant.
template <typename Constant>
std::vector<Value*> fusedInputs(const Node& n, const Producer& p, Constant&& constant, Value* residual = nullptr,
                                bool residualInPlace = false, const std::string& activation = "none") {
  std::vector<Value*> inputs;
  for (size_t i : p.args) inputs.push_back(n.input(i));
  if (p.args.size() == 1) {  // a product
    inputs.push_back(p.weight ? p.weight : constant(IValue(p.transposed)));
    inputs.push_back(constant(IValue()));
  }
  inputs.push_back(residual ? residual : constant(IValue()));
  inputs.push_back(constant(IValue(residualInPlace)));
  inputs.push_back(constant(IValue(activation)));
  inputs.push_back(p.conv ? constant(IValue(false)) : constant(IValue(p.origin)));
  return inputs;
}

// Puts a fused node without epilogue in place of producer `n` (for the
// layout or the packed weight alone) and returns it.
Node* replaceWithBareFused(ir::Graph& graph, Node* n, const Producer& p) {
  Node* saved = graph.insertPoint();
  graph.setInsertPoint(n);
  auto constant = [&](IValue v) { return graph.insertConstant(v); };
  Node* f = graph.insertNode(graph.create(p.fused, fusedInputs(*n, p, constant), 1));
  f->output()->setType(n->output()->type());
  f->setLocation(n->location());
  n->output()->replaceAllUsesWith(f->output());
  n->destroy();
  graph.setInsertPoint(saved);
  return f;
}

// WICK_DONT_FUSE=wick::conv_fused (or wick::linear_fused) turns that kind
// of epilogue fusion off.
bool disabledKind(const FuserOptions& opts, const std::string& kind) {
  for (const std::string& d : opts.dontFuse)
    if (d == "wick::" + kind || d == kind) return true;
  return false;
}

class BlockPass {
 public:
  BlockPass(ir::Graph& graph, Block* block, const FuserOptions& opts) : graph_(graph), block_(block), opts_(opts) {}

  int64_t run() {
    int64_t fused = 0;
    std::vector<Node*> nodes = block_->nodes();
    for (size_t i = 0; i < nodes.size(); ++i) pos_[nodes[i]] = static_cast<double>(i);
    for (Node* n : nodes) {
      for (Block* b : n->blocks()) fused += BlockPass(graph_, b, opts_).run();
    }
    for (Node* n : nodes)
      if (!dead_.count(n) && tryFuse(n)) ++fused;
    return fused;
  }

 private:
  // Position in this block of the node holding `n` (n itself or the node
  // whose blocks contain it); -infinity for block inputs and outer values.
  double position(Node* n) const {
    while (n && n->owningBlock() != block_) {
      Block* b = n->owningBlock();
      n = b ? b->owningNode() : nullptr;
    }
    auto it = n ? pos_.find(n) : pos_.end();
    return it == pos_.end() ? -std::numeric_limits<double>::infinity() : it->second;
  }

  // `conv` is the producer: a convolution or a linear layer.
  bool tryFuse(Node* conv) {
    auto producer = producerOf(*conv);
    if (!producer || excludedByDontFuse(*conv, opts_) || !mayBeFloat32(conv->output())) return false;
    if (disabledKind(opts_, producer->conv ? "conv_fused" : "linear_fused")) return false;
    if (!producer->conv && !mayBeFloat32(conv->input(0))) return false;
    std::vector<Value*> intermediates{conv->output()};
    Value* cur = conv->output();
    Node* add = nullptr;
    Node* act = nullptr;
    Value* residual = nullptr;
    bool inPlaceAdd = false;
    std::string activation = "none";
    Node* next = soleReader(cur);
    if (next && next->owningBlock() == block_ && !excludedByDontFuse(*next, opts_)) {
      if (Value* r = residualOf(*next, cur, &inPlaceAdd)) {
        add = next;
        residual = r;
        cur = add->output();
        next = soleReader(cur);
      }
    }
    if (next && next->owningBlock() == block_ && !excludedByDontFuse(*next, opts_)) {
      std::string a = activationOf(*next, cur);
      if (!a.empty()) {
        act = next;
        activation = a;
        if (add) intermediates.push_back(add->output());
        cur = act->output();
      }
    }
    if (!add && !act) return false;
    Node* last = act ? act : add;

    // Where the fused node goes: after the convolution, or after the
    // residual's definition when that is later.
    Node* anchor = conv;
    if (residual && position(residual->node()) > pos_.at(conv)) anchor = residual->node();
    while (anchor->owningBlock() != block_) anchor = anchor->owningBlock()->owningNode();
    // Nothing between the convolution and the chain's last node may write
    // memory: the convolution moves past those nodes, the epilogue before
    // them.
    for (Node* n = conv->next(); n != last; n = n->next())
      if (n != add && mayWriteMemory(*n)) return false;
    // Shape queries of the intermediates must come after the fused node,
    // except aten::dim of the producer's result: it is the input's
    // (batched in, batched out; a linear layer keeps the rank), which is
    // defined before the producer.
    // That is what ResNet's downsample blocks need: batch norm's "expected
    // 4D input" check stays behind after folding, between the block's last
    // convolution and the downsample branch that computes the residual.
    double at = pos_.at(anchor);
    for (Value* v : intermediates)
      for (const ir::Use& u : v->uses())
        if (isShapeQuery(u) && position(u.user) <= at &&
            !(v == conv->output() && u.user->kind().qualString() == "aten::dim"))
          return false;

    Node* savedInsertPoint = graph_.insertPoint();
    graph_.setInsertPoint(anchor->next());
    // New nodes sit between the anchor and its old successor.
    auto constant = [&](IValue v) {
      Value* c = graph_.insertConstant(v);
      pos_[c->node()] = at + 0.25;
      return c;
    };
    std::vector<Value*> inputs = fusedInputs(*conv, *producer, constant, residual, inPlaceAdd, activation);
    Node* fusedNode = graph_.insertNode(graph_.create(producer->fused, inputs, 1));
    fusedNode->output()->setType(last->output()->type());
    fusedNode->setLocation(conv->location());
    graph_.setInsertPoint(savedInsertPoint);
    pos_[fusedNode] = at + 0.5;

    Value* out = fusedNode->output();
    last->output()->replaceAllUsesWith(out);
    for (Value* v : intermediates) {
      std::vector<ir::Use> uses = v->uses();
      for (const ir::Use& u : uses) {
        if (!isShapeQuery(u)) continue;
        u.user->replaceInput(u.offset, position(u.user) <= at ? conv->input(0) : out);
      }
    }
    for (Node* n : {act, add, conv}) {
      if (!n) continue;
      dead_[n] = true;
      pos_.erase(n);
      n->destroy();
    }
    return true;
  }

  ir::Graph& graph_;
  Block* block_;
  const FuserOptions& opts_;
  std::unordered_map<const Node*, double> pos_;
  std::unordered_map<const Node*, bool> dead_;
};

// Whether only conv_fused nodes read `v`, as their input or residual
// (which take either layout), besides shape queries (strides unseen). A
// max_pool2d in between counts as layout-neutral when only convolutions
// read its result in turn: it pools a channels-last input in that layout
// and returns it so (kernels/cpu/pooling.cpp), as PyTorch does.
bool onlyConvsRead(const Value* v, int depth = 0) {
  static const Symbol kMaxPool2d = Symbol::fromQualString("aten::max_pool2d");
  bool any = false;
  for (const ir::Use& u : v->uses()) {
    if (isShapeQuery(u)) continue;
    if (u.user->kind() == kMaxPool2d && u.offset == 0 && depth < 4 && onlyConvsRead(u.user->output(), depth + 1)) {
      any = true;
      continue;
    }
    if (u.user->kind() != convFusedSymbol() || (u.offset != 0 && u.offset != 7)) return false;
    any = true;
  }
  return any;
}

// Results that only convolutions read stay in the layout oneDNN computes
// them in (channels-last): conv_fused nodes get channels_last=true, and a
// plain convolution becomes a conv_fused without epilogue to get it (the
// downsample branch of a ResNet block, whose result is the residual). No
// other op sees those strides.
void preferChannelsLast(ir::Graph& graph, Block* block, const FuserOptions& opts) {
  for (Node* n : block->nodes()) {
    for (Block* b : n->blocks()) preferChannelsLast(graph, b, opts);
    Node* fused = n->kind() == convFusedSymbol() ? n : nullptr;
    if (fused) {
      const IValue* set = constantOf(n->input(10));
      if (set && set->isBool() && set->toBool()) continue;
    } else {
      auto producer = producerOf(*n);
      if (!producer || !producer->conv || excludedByDontFuse(*n, opts) || !mayBeFloat32(n->output())) continue;
      if (!onlyConvsRead(n->output())) continue;
      fused = replaceWithBareFused(graph, n, *producer);
    }
    if (!onlyConvsRead(fused->output())) continue;
    Node* saved = graph.insertPoint();
    graph.setInsertPoint(fused);
    fused->replaceInput(10, graph.insertConstant(IValue(true)));
    graph.setInsertPoint(saved);
  }
}

// Linear layers and products with a constant weight and no epilogue
// become wick::linear_fused too, for the packed weight.
void packConstantLinears(ir::Graph& graph, Block* block, const FuserOptions& opts) {
  for (Node* n : block->nodes()) {
    for (Block* b : n->blocks()) packConstantLinears(graph, b, opts);
    auto producer = producerOf(*n);
    if (!producer || producer->conv || excludedByDontFuse(*n, opts) || !mayBeFloat32(n->output()) ||
        !mayBeFloat32(n->input(0)))
      continue;
    replaceWithBareFused(graph, n, *producer);
  }
}

}  // namespace

int64_t fuseEpilogues(ir::Graph& graph, const FuserOptions& opts) {
  bool linears = !disabledKind(opts, "linear_fused");
  int64_t n = BlockPass(graph, graph.block(), opts).run();
  if (linears) packConstantLinears(graph, graph.block(), opts);
  // Twice: a result read by a plain convolution that the sweep turns into
  // conv_fused after visiting the result (a ResNet stage's output, read by
  // the next block and its downsample branch) qualifies on the second.
  if (!disabledKind(opts, "conv_fused")) {
    preferChannelsLast(graph, graph.block(), opts);
    preferChannelsLast(graph, graph.block(), opts);
  }
  return n;
}

}  // namespace wick::jit
