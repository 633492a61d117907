// The IR: a Graph owns Blocks of Nodes; Nodes consume and produce Values.
// Semantics follow TorchScript's IR (SSA, structured control flow):
//
// - A Block has parameters (outputs of its Param node) and returns (inputs
//   of its Return node), and an ordered list of nodes.
// - prim::If(cond) has two blocks without parameters; each returns the
//   values that become the If's outputs.
// - prim::Loop(max_trip_count, initial_condition, carried...) has one block
//   with parameters (iteration, carried...) returning (condition,
//   carried...); the Loop's outputs are the final carried values. The body
//   runs while iteration < max_trip_count and the condition is true.
// - Values are typed; a node's inputs are defined before it (dominance).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ir/symbol.h"
#include "ir/type.h"
#include "wick/ivalue.h"

namespace wick::ir {

class Graph;
class Block;
class Node;
class Value;
class GraphParser;
struct Operator;

// Where a node came from: "code/__torch__.py:12:8" or "graph.txt:3:5".
struct SourceLocation {
  std::shared_ptr<const std::string> file;
  int line = 0;
  int col = 0;
  std::string str() const;
  bool valid() const { return file != nullptr; }
};

struct Use {
  Node* user;
  size_t offset;
  bool operator==(const Use& o) const { return user == o.user && offset == o.offset; }
};

class Value {
 public:
  Node* node() const { return node_; }
  size_t offset() const { return offset_; }
  const TypePtr& type() const { return type_; }
  Value* setType(TypePtr t) {
    type_ = std::move(t);
    return this;
  }
  // Unique number within the graph (printed when there is no debug name).
  size_t unique() const { return unique_; }
  const std::string& debugName() const { return debugName_; }
  bool hasDebugName() const { return !debugName_.empty(); }
  // Names are unique in a graph: giving a taken name renames its previous
  // owner to "name.N", as TorchScript does. All-digit names are reserved
  // for the printer's numbering.
  Value* setDebugName(const std::string& name);
  const std::vector<Use>& uses() const { return uses_; }
  bool hasUses() const { return !uses_.empty(); }
  void replaceAllUsesWith(Value* v);
  Graph* owningGraph() const;

 private:
  friend class Node;
  friend class Graph;
  friend class GraphParser;
  Value(Node* n, size_t offset, size_t unique) : node_(n), offset_(offset), unique_(unique) {}
  Node* node_;
  size_t offset_;
  size_t unique_;
  TypePtr type_;
  std::string debugName_;
  std::vector<Use> uses_;
};

// Attribute values: ints, floats, strings, tensors, lists, types and
// graphs. Stored as IValues, with a kind for printing ("i", "f", "s", "t",
// "is", "fs", "ss", "ty", "tys", "g"). prim::isinstance carries its types
// as Kind::Types ("types=[int, str]").
struct Attribute {
  enum class Kind : uint8_t { Int, Float, String, Tensor, Ints, Floats, Strings, IValue, Type, Graph, Types };
  Kind kind;
  IValue value;
  TypePtr type;                    // Kind::Type
  std::shared_ptr<Graph> graph;    // Kind::Graph
  std::vector<TypePtr> types = {};  // Kind::Types
};

class Node {
 public:
  Symbol kind() const { return kind_; }
  Graph* owningGraph() const { return graph_; }
  Block* owningBlock() const { return owningBlock_; }
  Node* next() const { return next_; }
  Node* prev() const { return prev_; }

  const std::vector<Value*>& inputs() const { return inputs_; }
  const std::vector<Value*>& outputs() const { return outputs_; }
  Value* input(size_t i) const { return inputs_.at(i); }
  Value* output(size_t i = 0) const { return outputs_.at(i); }
  const std::vector<Block*>& blocks() const { return blocks_; }

  Value* addInput(Value* v);
  Value* insertInput(size_t i, Value* v);
  void replaceInput(size_t i, Value* v);
  void replaceInputWith(Value* from, Value* to);
  void removeInput(size_t i);
  void removeAllInputs();
  Value* addOutput();
  Value* insertOutput(size_t i);
  void eraseOutput(size_t i);
  Block* addBlock();
  void eraseBlock(size_t i);

  // Attributes, keyed by name ("value", "name").
  bool hasAttribute(const std::string& name) const { return attrs_.count(name) != 0; }
  const Attribute& attr(const std::string& name) const;
  void setAttr(const std::string& name, Attribute a) { attrs_[name] = std::move(a); }
  void removeAttr(const std::string& name) { attrs_.erase(name); }
  const std::map<std::string, Attribute>& attributes() const { return attrs_; }
  // Shorthands: i("value"), s("name"), ival("value").
  int64_t i(const std::string& name) const;
  double f(const std::string& name) const;
  const std::string& s(const std::string& name) const;
  const IValue& ival(const std::string& name) const;
  Node* i_(const std::string& name, int64_t v);
  Node* f_(const std::string& name, double v);
  Node* s_(const std::string& name, std::string v);
  Node* ival_(const std::string& name, IValue v);  // kind inferred from the value
  Node* ty_(const std::string& name, TypePtr t);
  TypePtr ty(const std::string& name) const;
  Node* tys_(const std::string& name, std::vector<TypePtr> ts);
  const std::vector<TypePtr>& tys(const std::string& name) const;

  const SourceLocation& location() const { return loc_; }
  void setLocation(SourceLocation l) { loc_ = std::move(l); }

  // The operator this node resolves to (set by the registry's resolution;
  // nullptr for prim nodes the interpreter executes itself).
  const Operator* op() const { return op_; }
  void setOp(const Operator* op) { op_ = op; }

  // List position.
  void insertBefore(Node* n);
  void insertAfter(Node* n);
  void moveBefore(Node* n);
  void moveAfter(Node* n);
  bool isBefore(const Node* n) const;  // same block only; walks the list
  // Removes the node from its block and frees it; it must have no uses.
  void destroy();

 private:
  friend class Graph;
  friend class Block;
  friend class Value;
  friend class GraphParser;
  Node(Graph* g, Symbol kind);
  void removeFromList();
  static void eraseUse(Value* v, const Use& u);

  Symbol kind_;
  Graph* graph_;
  Block* owningBlock_ = nullptr;
  Node* next_ = nullptr;
  Node* prev_ = nullptr;
  std::vector<Value*> inputs_;
  std::vector<Value*> outputs_;
  std::vector<Block*> blocks_;
  std::map<std::string, Attribute> attrs_;
  SourceLocation loc_;
  const Operator* op_ = nullptr;
};

class Block {
 public:
  Graph* owningGraph() const { return graph_; }
  Node* owningNode() const { return owningNode_; }
  Node* paramNode() const { return input_; }
  Node* returnNode() const { return output_; }
  const std::vector<Value*>& inputs() const { return input_->outputs(); }
  const std::vector<Value*>& outputs() const { return output_->inputs(); }
  Value* addInput(const std::string& name = "");
  Value* insertInput(size_t i, const std::string& name = "");
  void eraseInput(size_t i);
  size_t registerOutput(Value* v);
  void insertOutput(size_t i, Value* v);
  void eraseOutput(size_t i);

  // Iteration over the nodes between Param and Return.
  class iterator {
   public:
    explicit iterator(Node* n) : n_(n) {}
    Node* operator*() const { return n_; }
    iterator& operator++() {
      n_ = n_->next();
      return *this;
    }
    bool operator!=(const iterator& o) const { return n_ != o.n_; }
    bool operator==(const iterator& o) const { return n_ == o.n_; }

   private:
    Node* n_;
  };
  iterator begin() const { return iterator(input_->next()); }
  iterator end() const { return iterator(output_); }
  // Nodes in a vector: safe to iterate while destroying nodes.
  std::vector<Node*> nodes() const;

  // Appends n before the Return node.
  Node* appendNode(Node* n);
  Node* prependNode(Node* n);

 private:
  friend class Graph;
  friend class Node;
  Block(Graph* g, Node* owner);
  Graph* graph_;
  Node* owningNode_;
  Node* input_;
  Node* output_;
};

// Owns every node, value and block of a program.
class Graph : public std::enable_shared_from_this<Graph> {
 public:
  Graph();
  ~Graph();
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  Block* block() const { return block_; }
  const std::vector<Value*>& inputs() const { return block_->inputs(); }
  const std::vector<Value*>& outputs() const { return block_->outputs(); }
  Value* addInput(const std::string& name = "") { return block_->addInput(name); }
  size_t registerOutput(Value* v) { return block_->registerOutput(v); }

  // A node not yet in a block; insert it with appendNode/insertBefore.
  Node* create(Symbol kind, size_t numOutputs = 1);
  Node* create(Symbol kind, const std::vector<Value*>& inputs, size_t numOutputs = 1);
  // Convenience constructors: the node is created, not inserted.
  Node* createConstant(const IValue& v);
  // Inserts at the insertion point (end of the top block by default).
  Node* insertNode(Node* n);
  Value* insertConstant(const IValue& v);
  void setInsertPoint(Node* before) { insertBefore_ = before; }
  void setInsertPoint(Block* b) { insertBefore_ = b->returnNode(); }
  Node* insertPoint() const { return insertBefore_; }

  // Deep copy (values remapped).
  std::shared_ptr<Graph> copy() const;
  // Copies the nodes of `src` into block `dst` at the insertion point,
  // mapping src's inputs to `inputs`; returns the values that src returns.
  std::vector<Value*> insertGraph(const Graph& src, const std::vector<Value*>& inputs);

  // Checks structural invariants (uses lists, dominance, block arity);
  // throws naming the first problem.
  void lint() const;
  // TorchScript's text form (what `print(graph)` shows in PyTorch).
  std::string str(bool printSourceLocations = false) const;

  // A copy of `n` (attributes, location, output types and names, nested
  // blocks), not inserted; `valueMap` maps n's inputs (and values its
  // blocks use from outside) to values of this graph.
  Node* createClone(const Node* n, const std::function<Value*(Value*)>& valueMap, bool copyBlocks = true);
  // The value currently named `debugName`, or nullptr.
  Value* findValue(const std::string& debugName) const;

  size_t nextUnique() { return nextUnique_++; }

 private:
  friend class Node;
  friend class Block;
  friend class Value;
  friend class GraphParser;
  Node* cloneNode(const Node* n, const std::function<Value*(Value*)>& valueMap, bool copyBlocks,
                  bool keepNumericNames);
  void copyMetadata(const Value* from, Value* to, bool keepNumericNames);
  void freeNode(Node* n);
  void freeValue(Value* v);
  Block* block_;
  Node* insertBefore_;
  size_t nextUnique_ = 0;
  // Owned objects by address, so freeing one is O(1).
  std::unordered_map<const Node*, std::unique_ptr<Node>> nodes_;
  std::unordered_map<const Value*, std::unique_ptr<Value>> values_;
  std::unordered_map<const Block*, std::unique_ptr<Block>> blocks_;
  std::unordered_map<std::string, Value*> names_;
  // Next suffix to try per name base, so renaming stays O(1) on average.
  std::map<std::string, size_t> debugNameCounts_;
};

// Runtime state a Function caches (the interpreter's compiled code); the IR
// knows only that it exists.
struct CompiledState {
  virtual ~CompiledState() = default;
};

// A named graph with a schema: a method of a class or a free function.
class Function {
 public:
  Function(std::string qualName, std::shared_ptr<Graph> graph)
      : qualName_(std::move(qualName)), graph_(std::move(graph)) {}
  const std::string& qualName() const { return qualName_; }
  std::string name() const;  // the part after the last '.'
  const std::shared_ptr<Graph>& graph() const { return graph_; }
  void setGraph(std::shared_ptr<Graph> g) { graph_ = std::move(g); }

  // Parameter names and defaults (from source); empty when unknown.
  struct Param {
    std::string name;
    TypePtr type;
    std::optional<IValue> defaultValue;
    bool kwargOnly = false;
  };
  const std::vector<Param>& params() const { return params_; }
  void setParams(std::vector<Param> p) { params_ = std::move(p); }

  // Slot for the runtime's compiled state, created once.
  std::shared_ptr<CompiledState> compiled;
  std::mutex compileMutex;

 private:
  std::string qualName_;
  std::shared_ptr<Graph> graph_;
  std::vector<Param> params_;
};

}  // namespace wick::ir
