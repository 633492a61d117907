// Compiles an ir::Graph into the interpreter's register code: register
// assignment with coalescing of loop-carried and branch values, last-use
// analysis (moves instead of copies), op resolution and specialized
// instructions for scalar arithmetic, and jumps for prim::If / prim::Loop.
#include <fmt/format.h>

#include <set>
#include <unordered_map>

#include "core/check.h"
#include "runtime/interpreter_code.h"

namespace wick::interp {

namespace {

using ir::Block;
using ir::Node;
using ir::Symbol;
using ir::Value;

constexpr uint32_t kNoReg = UINT32_MAX;

bool isUnboxedKind(ir::TypeKind k) {
  using ir::TypeKind;
  return k == TypeKind::Int || k == TypeKind::Float || k == TypeKind::Bool || k == TypeKind::None ||
         k == TypeKind::Number || k == TypeKind::Device || k == TypeKind::Layout ||
         k == TypeKind::ScalarType || k == TypeKind::MemoryFormat;
}

bool isConstantTrue(const Value* v) {
  const Node* n = v->node();
  if (n->kind() != Symbol::prim_Constant || !n->hasAttribute("value")) return false;
  const IValue& c = n->ival("value");
  return c.isBool() && c.toBool();
}

class Compiler {
 public:
  Compiler(CodeData& out, const OperatorRegistry& registry) : out_(out), registry_(registry) {}

  void compile(const std::shared_ptr<ir::Graph>& graph) {
    out_.graph = graph;
    index(graph->block(), nullptr);
    collectConstants(graph->block());
    for (const Value* in : graph->inputs()) {
      out_.inputRegs.push_back(reg(in));
      out_.inputTypes.push_back(in->type());
      out_.inputNames.push_back(in->debugName());
    }
    computeMoves(graph->block());
    std::vector<uint32_t> noDsts(graph->outputs().size(), kNoReg);
    compileBlock(graph->block(), noDsts);
    const Node* ret = graph->block()->returnNode();
    for (size_t i = 0; i < ret->inputs().size(); ++i) out_.outputs.push_back(operand(ret, i));
    emit(OpCode::Ret, nullptr);
    out_.numRegs = numRegs_;
  }

 private:
  // ---- analysis ----

  // Positions in program order (a node precedes the nodes of its blocks),
  // and the block of every node including Param and Return.
  void index(const Block* b, const Node* owner) {
    ownerOf_[b] = owner;
    blockOf_[b->paramNode()] = b;
    pos_[b->paramNode()] = next_++;
    for (const Node* n : *b) {
      blockOf_[n] = b;
      pos_[n] = next_++;
      for (const Block* sub : n->blocks()) index(sub, n);
    }
    blockOf_[b->returnNode()] = b;
    pos_[b->returnNode()] = next_++;
  }

  // Constants (and prim::Uninitialized, a None) live in the first
  // registers, filled once per run.
  void collectConstants(const Block* b) {
    for (const Node* n : *b) {
      if (n->kind() == Symbol::prim_Constant) {
        IValue v = n->hasAttribute("value") ? n->ival("value") : IValue();
        addConstant(n->output(), std::move(v));
      } else if (n->kind() == Symbol::prim_Uninitialized) {
        addConstant(n->output(), IValue());
      }
      for (const Block* sub : n->blocks()) collectConstants(sub);
    }
  }
  void addConstant(const Value* v, IValue c) {
    regs_[v] = numRegs_;
    owners_.push_back({v});
    ++numRegs_;
    out_.constants.push_back(std::move(c));
  }
  bool isConstantReg(uint32_t r) const { return r < out_.constants.size(); }

  // The node of block `b` that contains `n` (n itself if it is in b), or
  // nullptr if n is not inside b.
  const Node* liftTo(const Node* n, const Block* b) const {
    while (n) {
      const Block* nb = blockOf_.at(n);
      if (nb == b) return n;
      n = ownerOf_.at(nb);
    }
    return nullptr;
  }

  // A use may move the value out of its register when it is the value's
  // last use in program order and no loop lies between the use and the
  // definition (a loop would need the value again on its next iteration).
  void computeMoves(const Block* b) {
    const Node* owner = ownerOf_.at(b);
    for (size_t i = 0; i < b->inputs().size(); ++i) {
      // A loop's iteration counter is read again by the loop itself.
      if (i == 0 && owner && owner->kind() == Symbol::prim_Loop) continue;
      markLastUse(b->inputs()[i]);
    }
    for (const Node* n : *b) {
      for (const Value* v : n->outputs()) markLastUse(v);
      for (const Block* sub : n->blocks()) computeMoves(sub);
    }
  }
  void markLastUse(const Value* v) {
    // Numbers hold no reference: copying them is as cheap as moving.
    if (v->type() && isUnboxedKind(v->type()->kind())) return;
    const ir::Use* last = nullptr;
    for (const ir::Use& u : v->uses()) {
      if (!last || pos_.at(u.user) > pos_.at(last->user) ||
          (u.user == last->user && u.offset > last->offset))
        last = &u;
    }
    if (!last) return;
    const Block* defBlock = blockOf_.at(v->node());
    const Block* b = blockOf_.at(last->user);
    while (b != defBlock) {
      const Node* owner = ownerOf_.at(b);
      if (!owner || owner->kind() == Symbol::prim_Loop) return;
      b = blockOf_.at(owner);
    }
    moves_.insert({last->user, last->offset});
  }

  // ---- registers ----

  uint32_t fresh() {
    owners_.emplace_back();
    return numRegs_++;
  }
  uint32_t reg(const Value* v) {
    auto it = regs_.find(v);
    if (it != regs_.end()) return it->second;
    uint32_t r = fresh();
    alias(v, r);
    return r;
  }
  void alias(const Value* v, uint32_t r) {
    regs_[v] = r;
    owners_[r].push_back(v);
  }
  Operand operand(const Node* user, size_t offset) {
    uint32_t r = reg(user->input(offset));
    return Operand{r, !isConstantReg(r) && moves_.count({user, offset}) != 0};
  }

  // Lets a value that a block returns be computed directly into the
  // register it is returned to (a loop-carried variable's, an If output's),
  // saving a move per iteration. Safe when no other value living in that
  // register is used after the defining node; instructions read their
  // operands before they write.
  void coalesceReturns(const Block* b, const std::vector<uint32_t>& dsts) {
    const auto& rets = b->outputs();
    for (size_t j = 0; j < rets.size(); ++j) {
      const Value* v = rets[j];
      uint32_t r = dsts[j];
      if (r == kNoReg || isConstantReg(r) || regs_.count(v)) continue;
      const Node* def = v->node();
      if (blockOf_.at(def) != b || def->kind() == Symbol::prim_Loop) continue;
      if (std::count(rets.begin(), rets.end(), v) != 1) continue;
      bool safe = true;
      for (const Value* owner : owners_[r])
        for (const ir::Use& u : owner->uses()) {
          const Node* at = liftTo(u.user, b);
          if (at && pos_.at(at) > pos_.at(def)) safe = false;
        }
      if (safe) alias(v, r);
    }
  }

  // ---- emission ----

  size_t emit(OpCode op, const Node* node, uint32_t a = 0, uint32_t b = 0, uint32_t dst = 0) {
    out_.instrs.push_back(Instr{op, a, b, dst, 0});
    out_.instrNodes.push_back(node);
    return out_.instrs.size() - 1;
  }
  uint32_t here() const { return static_cast<uint32_t>(out_.instrs.size()); }

  // Moves sources into destinations as if all at once: when a source
  // register is also another move's destination, everything goes through
  // temporaries.
  void emitParallelMove(std::vector<std::pair<uint32_t, Operand>> moves) {
    std::erase_if(moves, [](const auto& m) { return m.first == kNoReg || m.first == m.second.reg; });
    bool conflict = false;
    for (const auto& m : moves)
      for (const auto& other : moves)
        if (&m != &other && m.second.reg == other.first) conflict = true;
    if (conflict) {
      std::vector<uint32_t> temps;
      for (const auto& m : moves) {
        temps.push_back(fresh());
        emit(m.second.move ? OpCode::Move : OpCode::Copy, nullptr, m.second.reg, 0, temps.back());
      }
      for (size_t i = 0; i < moves.size(); ++i) emit(OpCode::Move, nullptr, temps[i], 0, moves[i].first);
      return;
    }
    for (const auto& m : moves) emit(m.second.move ? OpCode::Move : OpCode::Copy, nullptr, m.second.reg, 0, m.first);
  }

  void compileBlock(const Block* b, const std::vector<uint32_t>& dsts) {
    coalesceReturns(b, dsts);
    for (Node* n : *b) compileNode(n);
    std::vector<std::pair<uint32_t, Operand>> moves;
    const Node* ret = b->returnNode();
    for (size_t j = 0; j < dsts.size(); ++j) moves.push_back({dsts[j], operand(ret, j)});
    emitParallelMove(std::move(moves));
  }

  void compileNode(Node* n) {
    switch (n->kind().id()) {
      case Symbol::prim_Constant:
      case Symbol::prim_Uninitialized: return;
      case Symbol::prim_If: return compileIf(n);
      case Symbol::prim_Loop: return compileLoop(n);
      case Symbol::prim_TupleConstruct: return compileAggregate(n, OpCode::TupleConstruct);
      case Symbol::prim_TupleUnpack: return compileAggregate(n, OpCode::TupleUnpack);
      case Symbol::prim_ListConstruct: return compileAggregate(n, OpCode::ListConstruct);
      case Symbol::prim_ListUnpack: return compileAggregate(n, OpCode::ListUnpack);
      case Symbol::prim_DictConstruct: return compileAggregate(n, OpCode::DictConstruct);
      case Symbol::prim_unchecked_cast: {
        Operand in = operand(n, 0);
        emit(in.move ? OpCode::Move : OpCode::Copy, n, in.reg, 0, reg(n->output()));
        return;
      }
      case Symbol::prim_GetAttr:
      case Symbol::prim_SetAttr: return compileCall(n, attributeAccessOp(*n));
      case Symbol::prim_isinstance: return compileCall(n, isInstanceOp(*n));
      default: break;
    }
    const Operator* op = registry_.resolveNode(*n);
    auto fast = specializedOpCodes().find(op->schema.qualifiedOverloadName());
    if (fast != specializedOpCodes().end()) {
      uint32_t a = reg(n->input(0));
      uint32_t b = n->inputs().size() > 1 ? reg(n->input(1)) : 0;
      emit(fast->second, n, a, b, reg(n->output()));
      return;
    }
    compileCall(n, op->operationFor(*n));
  }

  void compileCall(const Node* n, Operation op) {
    CallSite cs;
    cs.op = std::move(op);
    cs.node = n;
    for (size_t i = 0; i < n->inputs().size(); ++i) cs.args.push_back(operand(n, i));
    for (const Value* o : n->outputs()) cs.outs.push_back(reg(o));
    out_.maxStack = std::max({out_.maxStack, cs.args.size(), cs.outs.size()});
    out_.calls.push_back(std::move(cs));
    emit(OpCode::Call, n, static_cast<uint32_t>(out_.calls.size() - 1));
  }

  void compileAggregate(const Node* n, OpCode op) {
    Aggregate ag;
    for (size_t i = 0; i < n->inputs().size(); ++i) ag.args.push_back(operand(n, i));
    for (const Value* o : n->outputs()) ag.outs.push_back(reg(o));
    out_.aggregates.push_back(std::move(ag));
    emit(op, n, static_cast<uint32_t>(out_.aggregates.size() - 1));
  }

  void compileIf(const Node* n) {
    uint32_t cond = reg(n->input(0));
    std::vector<uint32_t> outs;
    for (const Value* o : n->outputs()) outs.push_back(reg(o));
    size_t jumpElse = emit(OpCode::JumpIfFalse, n, cond);
    compileBlock(n->blocks()[0], outs);
    size_t jumpEnd = emit(OpCode::Jump, n);
    out_.instrs[jumpElse].target = here();
    compileBlock(n->blocks()[1], outs);
    if (here() == jumpEnd + 1) {
      // The else branch is empty: the then branch falls through instead.
      out_.instrs.pop_back();
      out_.instrNodes.pop_back();
      out_.instrs[jumpElse].target = here();
      return;
    }
    out_.instrs[jumpEnd].target = here();
  }

  // prim::Loop(max_trip_count, cond, carried...): the body's parameters are
  // (iteration, carried...) and it returns (cond, carried...). The loop's
  // outputs share the registers of the body's carried parameters.
  void compileLoop(const Node* n) {
    const Block* body = n->blocks()[0];
    const auto& params = body->inputs();
    size_t numCarried = n->inputs().size() - 2;
    WICK_CHECK(params.size() == numCarried + 1 && body->outputs().size() == numCarried + 1,
               "prim::Loop: the body must take and return {} carried values", numCarried);
    uint32_t counter = reg(params[0]);
    std::vector<uint32_t> carried;
    std::vector<std::pair<uint32_t, Operand>> init;
    for (size_t j = 0; j < numCarried; ++j) {
      carried.push_back(reg(params[j + 1]));
      alias(n->output(j), carried.back());
      init.push_back({carried.back(), operand(n, j + 2)});
    }
    emitParallelMove(std::move(init));
    emit(OpCode::SetZero, n, 0, 0, counter);
    // `for` loops never change their condition: test only the trip count.
    bool alwaysTrue = isConstantTrue(n->input(1)) && isConstantTrue(body->outputs()[0]);
    uint32_t condReg = kNoReg;
    if (!alwaysTrue) {
      condReg = fresh();
      Operand c = operand(n, 1);
      emit(c.move ? OpCode::Move : OpCode::Copy, n, c.reg, 0, condReg);
    }
    uint32_t top = here();
    size_t test = emit(alwaysTrue ? OpCode::LoopTestTrip : OpCode::LoopTest, n, counter,
                       reg(n->input(0)), alwaysTrue ? 0 : condReg);
    std::vector<uint32_t> dsts{condReg};
    dsts.insert(dsts.end(), carried.begin(), carried.end());
    compileBlock(body, dsts);
    size_t next = emit(OpCode::LoopNext, n, counter);
    out_.instrs[next].target = top;
    out_.instrs[test].target = here();
  }

  CodeData& out_;
  const OperatorRegistry& registry_;
  uint32_t numRegs_ = 0;
  size_t next_ = 0;
  std::unordered_map<const Value*, uint32_t> regs_;
  std::vector<std::vector<const Value*>> owners_;  // values living in each register
  std::unordered_map<const Node*, size_t> pos_;
  std::unordered_map<const Node*, const Block*> blockOf_;
  std::unordered_map<const Block*, const Node*> ownerOf_;
  std::set<std::pair<const Node*, size_t>> moves_;
};

}  // namespace

void compileGraph(CodeData& out, std::shared_ptr<ir::Graph> graph, const OperatorRegistry& registry) {
  Compiler(out, registry).compile(graph);
}

}  // namespace wick::interp
