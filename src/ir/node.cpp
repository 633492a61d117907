// Value and Node: use lists, inputs and outputs, blocks, attributes and list
// position.
#include <algorithm>

#include "core/check.h"
#include "ir/graph.h"

namespace wick::ir {
namespace {

bool isAllDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

// Searches from the back: passes remove the latest users first (DCE walks
// backwards), which keeps removal cheap for values with many uses.
void Node::eraseUse(Value* v, const Use& u) {
  auto it = std::find(v->uses_.rbegin(), v->uses_.rend(), u);
  WICK_ASSERT(it != v->uses_.rend(), "use of an input is missing from its use list");
  v->uses_.erase(std::next(it).base());
}

std::string SourceLocation::str() const {
  return fmt::format("{}:{}:{}", file ? *file : std::string("<unknown>"), line, col);
}

Graph* Value::owningGraph() const { return node_->owningGraph(); }

Value* Value::setDebugName(const std::string& name) {
  WICK_CHECK(!isAllDigits(name), "value name '{}' is reserved: numeric names are printed for unnamed values",
             name);
  Graph* g = owningGraph();
  if (hasDebugName()) {
    g->names_.erase(debugName_);
    debugName_.clear();
  }
  if (name.empty()) return this;
  auto old = g->names_.find(name);
  if (old != g->names_.end() && old->second != this) {
    // The previous owner becomes base.N: "x.1" -> base "x" and N from 1 on.
    std::string base = name;
    size_t suffix = 1;
    size_t dot = name.find_last_of('.');
    if (dot != std::string::npos && dot + 1 < name.size() && isAllDigits(name.substr(dot + 1)) &&
        name.size() - dot - 1 < 18) {
      suffix = std::stoull(name.substr(dot + 1));
      base = name.substr(0, dot);
    }
    auto& next = g->debugNameCounts_[base];
    suffix = std::max(suffix, next);
    std::string replacement;
    do {
      replacement = base + "." + std::to_string(suffix++);
    } while (g->names_.count(replacement) != 0);
    next = suffix;
    old->second->setDebugName(replacement);
  }
  g->names_[name] = this;
  debugName_ = name;
  return this;
}

void Value::replaceAllUsesWith(Value* v) {
  WICK_ASSERT(v != nullptr);
  if (v == this) return;
  for (const Use& u : uses_) {
    u.user->inputs_[u.offset] = v;
    v->uses_.push_back(u);
  }
  uses_.clear();
}

Node::Node(Graph* g, Symbol kind) : kind_(kind), graph_(g) {}

Value* Node::addInput(Value* v) {
  WICK_ASSERT(v != nullptr && v->owningGraph() == graph_, "input from another graph");
  v->uses_.push_back({this, inputs_.size()});
  inputs_.push_back(v);
  return v;
}

Value* Node::insertInput(size_t i, Value* v) {
  WICK_ASSERT(i <= inputs_.size() && v != nullptr && v->owningGraph() == graph_);
  for (size_t j = i; j < inputs_.size(); ++j)
    for (Use& u : inputs_[j]->uses_)
      if (u.user == this && u.offset == j) ++u.offset;
  inputs_.insert(inputs_.begin() + static_cast<ptrdiff_t>(i), v);
  v->uses_.push_back({this, i});
  return v;
}

void Node::replaceInput(size_t i, Value* v) {
  WICK_ASSERT(i < inputs_.size() && v != nullptr && v->owningGraph() == graph_);
  eraseUse(inputs_[i], Use{this, i});
  inputs_[i] = v;
  v->uses_.push_back({this, i});
}

void Node::replaceInputWith(Value* from, Value* to) {
  for (size_t i = 0; i < inputs_.size(); ++i)
    if (inputs_[i] == from) replaceInput(i, to);
}

void Node::removeInput(size_t i) {
  WICK_ASSERT(i < inputs_.size());
  eraseUse(inputs_[i], Use{this, i});
  for (size_t j = i + 1; j < inputs_.size(); ++j)
    for (Use& u : inputs_[j]->uses_)
      if (u.user == this && u.offset == j) --u.offset;
  inputs_.erase(inputs_.begin() + static_cast<ptrdiff_t>(i));
}

void Node::removeAllInputs() {
  for (size_t i = 0; i < inputs_.size(); ++i) {
    eraseUse(inputs_[i], Use{this, i});
  }
  inputs_.clear();
}

Value* Node::addOutput() { return insertOutput(outputs_.size()); }

Value* Node::insertOutput(size_t i) {
  WICK_ASSERT(i <= outputs_.size());
  auto owned = std::unique_ptr<Value>(new Value(this, i, graph_->nextUnique()));
  Value* v = owned.get();
  graph_->values_.emplace(v, std::move(owned));
  outputs_.insert(outputs_.begin() + static_cast<ptrdiff_t>(i), v);
  for (size_t j = i + 1; j < outputs_.size(); ++j) outputs_[j]->offset_ = j;
  return v;
}

void Node::eraseOutput(size_t i) {
  WICK_ASSERT(i < outputs_.size());
  Value* v = outputs_[i];
  WICK_CHECK(!v->hasUses(), "cannot erase output {} of {}: it still has {} uses", i, kind_.qualString(),
             v->uses().size());
  outputs_.erase(outputs_.begin() + static_cast<ptrdiff_t>(i));
  for (size_t j = i; j < outputs_.size(); ++j) outputs_[j]->offset_ = j;
  graph_->freeValue(v);
}

Block* Node::addBlock() {
  auto owned = std::unique_ptr<Block>(new Block(graph_, this));
  Block* b = owned.get();
  graph_->blocks_.emplace(b, std::move(owned));
  blocks_.push_back(b);
  return b;
}

void Node::eraseBlock(size_t i) {
  WICK_ASSERT(i < blocks_.size());
  Block* b = blocks_[i];
  blocks_.erase(blocks_.begin() + static_cast<ptrdiff_t>(i));
  // Users come after definitions, so destroying in reverse frees every
  // value before its definition goes.
  b->output_->removeAllInputs();
  std::vector<Node*> ns = b->nodes();
  for (auto it = ns.rbegin(); it != ns.rend(); ++it) (*it)->destroy();
  graph_->freeNode(b->output_);
  graph_->freeNode(b->input_);
  graph_->blocks_.erase(b);
}

const Attribute& Node::attr(const std::string& name) const {
  auto it = attrs_.find(name);
  WICK_CHECK(it != attrs_.end(), "{} has no attribute '{}'", kind_.qualString(), name);
  return it->second;
}

int64_t Node::i(const std::string& name) const {
  const IValue& v = attr(name).value;
  return v.isBool() ? static_cast<int64_t>(v.toBool()) : v.toInt();
}
double Node::f(const std::string& name) const { return attr(name).value.toDouble(); }
const std::string& Node::s(const std::string& name) const { return attr(name).value.toStringRef(); }
const IValue& Node::ival(const std::string& name) const { return attr(name).value; }

TypePtr Node::ty(const std::string& name) const {
  const Attribute& a = attr(name);
  WICK_CHECK(a.kind == Attribute::Kind::Type, "attribute '{}' of {} is not a type", name, kind_.qualString());
  return a.type;
}

const std::vector<TypePtr>& Node::tys(const std::string& name) const {
  const Attribute& a = attr(name);
  WICK_CHECK(a.kind == Attribute::Kind::Types, "attribute '{}' of {} is not a list of types", name,
             kind_.qualString());
  return a.types;
}

Node* Node::tys_(const std::string& name, std::vector<TypePtr> ts) {
  attrs_[name] = Attribute{Attribute::Kind::Types, IValue(), nullptr, nullptr, std::move(ts)};
  return this;
}

Node* Node::i_(const std::string& name, int64_t v) {
  attrs_[name] = Attribute{Attribute::Kind::Int, IValue(v), nullptr, nullptr};
  return this;
}
Node* Node::f_(const std::string& name, double v) {
  attrs_[name] = Attribute{Attribute::Kind::Float, IValue(v), nullptr, nullptr};
  return this;
}
Node* Node::s_(const std::string& name, std::string v) {
  attrs_[name] = Attribute{Attribute::Kind::String, IValue(std::move(v)), nullptr, nullptr};
  return this;
}
Node* Node::ty_(const std::string& name, TypePtr t) {
  attrs_[name] = Attribute{Attribute::Kind::Type, IValue(), std::move(t), nullptr};
  return this;
}

Node* Node::ival_(const std::string& name, IValue v) {
  using K = Attribute::Kind;
  K kind = K::IValue;
  if (v.isInt() || v.isBool())
    kind = K::Int;
  else if (v.isDouble())
    kind = K::Float;
  else if (v.isString())
    kind = K::String;
  else if (v.isTensor())
    kind = K::Tensor;
  else if (v.isList() && !v.listRef().elements.empty()) {
    const auto& es = v.listRef().elements;
    auto all = [&](bool (IValue::*pred)() const) {
      return std::all_of(es.begin(), es.end(), [&](const IValue& e) { return (e.*pred)(); });
    };
    if (all(&IValue::isInt))
      kind = K::Ints;
    else if (all(&IValue::isDouble))
      kind = K::Floats;
    else if (all(&IValue::isString))
      kind = K::Strings;
  }
  attrs_[name] = Attribute{kind, std::move(v), nullptr, nullptr};
  return this;
}

void Node::insertBefore(Node* n) {
  WICK_ASSERT(n != nullptr && n->owningBlock_ != nullptr, "insertion point is not in a block");
  WICK_ASSERT(owningBlock_ == nullptr && n->kind_ != Symbol(Symbol::prim_Param), "node already in a block");
  owningBlock_ = n->owningBlock_;
  prev_ = n->prev_;
  next_ = n;
  if (prev_) prev_->next_ = this;
  n->prev_ = this;
}

void Node::insertAfter(Node* n) {
  WICK_ASSERT(n != nullptr && n->next_ != nullptr, "cannot insert after a Return node or outside a block");
  insertBefore(n->next_);
}

void Node::moveBefore(Node* n) {
  removeFromList();
  insertBefore(n);
}

void Node::moveAfter(Node* n) {
  removeFromList();
  insertAfter(n);
}

bool Node::isBefore(const Node* n) const {
  WICK_ASSERT(n->owningBlock_ == owningBlock_, "isBefore compares nodes of one block");
  for (const Node* p = next_; p != nullptr; p = p->next_)
    if (p == n) return true;
  return false;
}

void Node::removeFromList() {
  WICK_ASSERT(owningBlock_ != nullptr, "node is not in a block");
  if (prev_) prev_->next_ = next_;
  if (next_) next_->prev_ = prev_;
  if (graph_->insertBefore_ == this) graph_->insertBefore_ = next_;
  next_ = prev_ = nullptr;
  owningBlock_ = nullptr;
}

void Node::destroy() {
  for (Value* v : outputs_)
    WICK_CHECK(!v->hasUses(), "cannot destroy {}: output %{} still has {} uses", kind_.qualString(),
               v->hasDebugName() ? v->debugName() : std::to_string(v->unique()), v->uses().size());
  while (!blocks_.empty()) eraseBlock(blocks_.size() - 1);
  removeAllInputs();
  if (owningBlock_ != nullptr) removeFromList();
  graph_->freeNode(this);
}

}  // namespace wick::ir
