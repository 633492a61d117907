// Block and Graph: block parameters and returns, node creation and
// insertion, constants, cloning, copying and inlining of graphs.
#include "ir/graph.h"

#include <algorithm>

#include "core/check.h"

namespace wick::ir {

Block::Block(Graph* g, Node* owner) : graph_(g), owningNode_(owner) {
  input_ = g->create(Symbol::prim_Param, 0);
  output_ = g->create(Symbol::prim_Return, 0);
  input_->owningBlock_ = this;
  output_->owningBlock_ = this;
  input_->next_ = output_;
  output_->prev_ = input_;
}

Value* Block::addInput(const std::string& name) { return insertInput(input_->outputs().size(), name); }

Value* Block::insertInput(size_t i, const std::string& name) {
  Value* v = input_->insertOutput(i);
  if (!name.empty()) v->setDebugName(name);
  return v;
}

void Block::eraseInput(size_t i) { input_->eraseOutput(i); }

size_t Block::registerOutput(Value* v) {
  output_->addInput(v);
  return output_->inputs().size() - 1;
}

void Block::insertOutput(size_t i, Value* v) { output_->insertInput(i, v); }
void Block::eraseOutput(size_t i) { output_->removeInput(i); }

std::vector<Node*> Block::nodes() const {
  std::vector<Node*> out;
  for (Node* n : *this) out.push_back(n);
  return out;
}

Node* Block::appendNode(Node* n) {
  n->insertBefore(output_);
  return n;
}

Node* Block::prependNode(Node* n) {
  n->insertAfter(input_);
  return n;
}

Graph::Graph() {
  // The top block has no owning node; create() works before block_ exists.
  auto owned = std::unique_ptr<Block>(new Block(this, nullptr));
  block_ = owned.get();
  blocks_.emplace(block_, std::move(owned));
  insertBefore_ = block_->returnNode();
}

Graph::~Graph() = default;

Node* Graph::create(Symbol kind, size_t numOutputs) {
  auto owned = std::unique_ptr<Node>(new Node(this, kind));
  Node* n = owned.get();
  nodes_.emplace(n, std::move(owned));
  for (size_t i = 0; i < numOutputs; ++i) n->addOutput();
  return n;
}

Node* Graph::create(Symbol kind, const std::vector<Value*>& inputs, size_t numOutputs) {
  Node* n = create(kind, numOutputs);
  for (Value* v : inputs) n->addInput(v);
  return n;
}

Node* Graph::createConstant(const IValue& v) {
  Node* n = create(Symbol::prim_Constant, 1);
  if (!v.isNone()) n->ival_("value", v);
  n->output()->setType(typeOfValue(v));
  return n;
}

Node* Graph::insertNode(Node* n) {
  n->insertBefore(insertBefore_);
  return n;
}

Value* Graph::insertConstant(const IValue& v) { return insertNode(createConstant(v))->output(); }

Value* Graph::findValue(const std::string& debugName) const {
  auto it = names_.find(debugName);
  return it == names_.end() ? nullptr : it->second;
}

void Graph::freeValue(Value* v) {
  if (v->hasDebugName()) {
    auto it = names_.find(v->debugName());
    if (it != names_.end() && it->second == v) names_.erase(it);
  }
  values_.erase(v);
}

void Graph::freeNode(Node* n) {
  for (Value* v : n->outputs_) freeValue(v);
  n->outputs_.clear();
  nodes_.erase(n);
}

void Graph::copyMetadata(const Value* from, Value* to, bool keepNumericNames) {
  to->setType(from->type());
  // A whole-graph copy keeps the numbers too, so it prints identically;
  // copy() reserves them.
  if (keepNumericNames) to->unique_ = from->unique_;
  if (!from->hasDebugName()) return;
  const std::string& name = from->debugName();
  bool numeric = std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!numeric) {
    to->setDebugName(name);
  } else if (keepNumericNames) {
    // Parsed graphs keep PyTorch's numbers; copy() reserves them as well.
    names_[name] = to;
    to->debugName_ = name;
  }
}

Node* Graph::cloneNode(const Node* n, const std::function<Value*(Value*)>& valueMap, bool copyBlocks,
                       bool keepNumericNames) {
  Node* c = create(n->kind(), 0);
  c->attrs_ = n->attrs_;
  c->loc_ = n->loc_;
  c->op_ = n->op_;
  for (Value* in : n->inputs()) c->addInput(valueMap(in));
  for (Value* out : n->outputs()) copyMetadata(out, c->addOutput(), keepNumericNames);
  if (!copyBlocks) return c;
  for (const Block* b : n->blocks()) {
    Block* nb = c->addBlock();
    std::unordered_map<const Value*, Value*> local;
    auto env = [&](Value* v) -> Value* {
      auto it = local.find(v);
      return it != local.end() ? it->second : valueMap(v);
    };
    for (Value* p : b->inputs()) {
      Value* np = nb->addInput();
      copyMetadata(p, np, keepNumericNames);
      local[p] = np;
    }
    for (Node* inner : *b) {
      Node* ic = cloneNode(inner, env, true, keepNumericNames);
      nb->appendNode(ic);
      for (size_t i = 0; i < inner->outputs().size(); ++i) local[inner->output(i)] = ic->output(i);
    }
    for (Value* r : b->outputs()) nb->registerOutput(env(r));
  }
  return c;
}

Node* Graph::createClone(const Node* n, const std::function<Value*(Value*)>& valueMap, bool copyBlocks) {
  return cloneNode(n, valueMap, copyBlocks, false);
}

std::shared_ptr<Graph> Graph::copy() const {
  auto g = std::make_shared<Graph>();
  // Fresh values of the copy must not take numbers this graph printed.
  g->nextUnique_ = nextUnique_;
  std::unordered_map<const Value*, Value*> map;
  auto env = [&](Value* v) -> Value* {
    auto it = map.find(v);
    WICK_ASSERT(it != map.end(), "copy: a value is used outside its scope");
    return it->second;
  };
  for (Value* in : inputs()) {
    Value* nv = g->block_->addInput();
    g->copyMetadata(in, nv, true);
    map[in] = nv;
  }
  for (Node* n : *block_) {
    Node* c = g->cloneNode(n, env, true, true);
    g->block_->appendNode(c);
    for (size_t i = 0; i < n->outputs().size(); ++i) map[n->output(i)] = c->output(i);
  }
  for (Value* out : outputs()) g->registerOutput(env(out));
  return g;
}

std::vector<Value*> Graph::insertGraph(const Graph& src, const std::vector<Value*>& inputs) {
  WICK_CHECK(&src != this, "insertGraph: cannot insert a graph into itself; insert a copy()");
  WICK_CHECK(inputs.size() == src.inputs().size(), "insertGraph: the graph takes {} inputs, {} given",
             src.inputs().size(), inputs.size());
  std::unordered_map<const Value*, Value*> map;
  for (size_t i = 0; i < inputs.size(); ++i) map[src.inputs()[i]] = inputs[i];
  auto env = [&](Value* v) -> Value* {
    auto it = map.find(v);
    WICK_ASSERT(it != map.end(), "insertGraph: a value is used outside its scope");
    return it->second;
  };
  for (Node* n : *src.block()) {
    Node* c = cloneNode(n, env, true, false);
    insertNode(c);
    for (size_t i = 0; i < n->outputs().size(); ++i) map[n->output(i)] = c->output(i);
  }
  std::vector<Value*> outs;
  for (Value* v : src.outputs()) outs.push_back(env(v));
  return outs;
}

std::string Function::name() const {
  size_t dot = qualName_.find_last_of('.');
  return dot == std::string::npos ? qualName_ : qualName_.substr(dot + 1);
}

}  // namespace wick::ir
