// The interpreter's compiled form, shared by the compiler
// (interpreter_compile.cpp) and the dispatch loop (interpreter_run.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ir/graph.h"
#include "runtime/interpreter.h"
#include "runtime/operator.h"

namespace wick::interp {

// The four operand-type forms of a binary op on numbers: int/int,
// float/float, int/float, float/int (in this order; the compiler relies on
// it).
#define WICK_INTERP_BIN4(X, Name) X(Name##II) X(Name##FF) X(Name##IF) X(Name##FI)

// Every instruction. Fields used (see Instr): a, b operand registers, dst
// destination register, target jump target.
#define WICK_INTERP_OPCODES(X)                                                              \
  X(Ret)            /* end of the graph */                                                  \
  X(Jump)           /* goto target */                                                       \
  X(JumpIfFalse)    /* if !a goto target */                                                 \
  X(LoopTest)       /* if !(a < b && dst) goto target: counter, max trip, condition */      \
  X(LoopTestTrip)   /* if !(a < b) goto target: loops whose condition is always true */     \
  X(LoopNext)       /* ++a; goto target */                                                  \
  X(SetZero)        /* dst = 0 */                                                           \
  X(Copy)           /* dst = a */                                                           \
  X(Move)           /* dst = move(a) */                                                     \
  X(Call)           /* calls_[a]: push args, run the op, pop outputs */                     \
  X(TupleConstruct) /* aggregates_[a] */                                                    \
  X(TupleUnpack)                                                                            \
  X(ListConstruct)                                                                          \
  X(ListUnpack)                                                                             \
  X(DictConstruct)                                                                          \
  X(FloatI)         /* dst = float(int a) */                                                \
  X(IntF)           /* dst = int(float a) */                                                \
  X(NegI)                                                                                   \
  X(NegF)                                                                                   \
  X(Not)                                                                                    \
  X(DivII)          /* int / int -> float */                                                \
  X(DivFF)                                                                                  \
  WICK_INTERP_BIN4(X, Add)                                                                  \
  WICK_INTERP_BIN4(X, Sub)                                                                  \
  WICK_INTERP_BIN4(X, Mul)                                                                  \
  WICK_INTERP_BIN4(X, FloorDiv)                                                             \
  WICK_INTERP_BIN4(X, Rem)                                                                  \
  WICK_INTERP_BIN4(X, Eq)                                                                   \
  WICK_INTERP_BIN4(X, Ne)                                                                   \
  WICK_INTERP_BIN4(X, Lt)                                                                   \
  WICK_INTERP_BIN4(X, Le)                                                                   \
  WICK_INTERP_BIN4(X, Gt)                                                                   \
  WICK_INTERP_BIN4(X, Ge)

enum class OpCode : uint8_t {
#define WICK_INTERP_ENUM(N) N,
  WICK_INTERP_OPCODES(WICK_INTERP_ENUM)
#undef WICK_INTERP_ENUM
      NumOpCodes
};

const char* opCodeName(OpCode op);

struct Instr {
  OpCode op;
  uint32_t a = 0;
  uint32_t b = 0;
  uint32_t dst = 0;
  uint32_t target = 0;
};

// An operand of a call or aggregate: a register, and whether this use is
// the value's last, so it may be moved out of the register.
struct Operand {
  uint32_t reg;
  bool move;
};

// An op call: arguments pushed in order, outputs popped into registers.
struct CallSite {
  Operation op;
  std::vector<Operand> args;
  std::vector<uint32_t> outs;
  const ir::Node* node = nullptr;
};

// Tuple/List/Dict construction and unpacking.
struct Aggregate {
  std::vector<Operand> args;
  std::vector<uint32_t> outs;
};

struct CodeData {
  std::shared_ptr<ir::Graph> graph;
  std::vector<Instr> instrs;
  // The node each instruction came from (nullptr for glue such as moves).
  std::vector<const ir::Node*> instrNodes;
  std::vector<CallSite> calls;
  std::vector<Aggregate> aggregates;
  // Registers [0, constants.size()) hold the constants.
  std::vector<IValue> constants;
  std::vector<uint32_t> inputRegs;
  std::vector<ir::TypePtr> inputTypes;
  std::vector<std::string> inputNames;
  std::vector<Operand> outputs;
  uint32_t numRegs = 0;
  size_t maxStack = 0;

  static std::unique_ptr<CodeData>& of(Code& c) { return c.d_; }
  static const CodeData& of(const Code& c) { return *c.d_; }
};

// Overload names ("aten::add.int") with a specialized instruction; the
// registry's op of the same name has the same semantics (both use
// scalar_math.h). In interpreter_lowering.cpp, as are the two below.
const std::unordered_map<std::string, OpCode>& specializedOpCodes();
// prim::GetAttr / prim::SetAttr on objects.
Operation attributeAccessOp(const ir::Node& n);
// prim::isinstance[types=[...]](x).
Operation isInstanceOp(const ir::Node& n);

// Builds the code for `graph` (interpreter_compile.cpp).
void compileGraph(CodeData& out, std::shared_ptr<ir::Graph> graph, const OperatorRegistry& registry);

}  // namespace wick::interp
