// Kernel IR: the backend-neutral, loop-level form of one fused kernel.
//
// A fusion group is lowered to a Kernel: buffers (tensor data pointers),
// integer parameters (sizes, strides, or run-time int scalars), float
// parameters (run-time float scalars), and a body of loops, loads, stores
// and scalar expressions. Backends (jit/llvm, jit/cuda, the reference
// evaluator) consume only this form; they never see ir::Graph or
// TorchScript.
//
// Calling convention of a compiled kernel (KernelFn):
//
//   void kernel(void* const* bufs, const int64_t* ints, const double* floats,
//               int64_t begin, int64_t end);
//
// The body runs once per value of `outer` in [begin, end): the executor
// splits [0, eval(outerExtent)) into chunks over the intra-op pool, so a
// backend emits `for (outer = begin; outer < end; ++outer) body` and knows
// nothing about threads. `outer` is an Int64 variable the body may read.
//
// Index arithmetic is Int64. Loads and stores address a buffer by element
// index (not bytes) in the buffer's dtype. Expressions are immutable trees
// shared through ExprPtr; statements own their children.
//
//   auto k = std::make_shared<kir::Kernel>();
//   int x = k->addBuffer("x", DType::Float32, false);
//   int y = k->addBuffer("y", DType::Float32, true);
//   kir::VarPtr n = k->addIntParam("n");
//   k->outerExtent = kir::var(n);
//   k->body = kir::store(y, kir::var(k->outer),
//                        kir::unary(kir::UnaryOp::Exp, kir::load(*k, x, kir::var(k->outer))));
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "wick/dtype.h"

namespace wick::jit::kir {

// Kernels compute in Bool, UInt8, Int8, Int16, Int32, Int64, Float32 and
// Float64. (Float16/BFloat16 buffers are not fused.)

struct Var;
struct Expr;
struct Stmt;
using VarPtr = std::shared_ptr<const Var>;
using ExprPtr = std::shared_ptr<const Expr>;
using StmtPtr = std::unique_ptr<Stmt>;

// A named scalar: a loop index, an int or float parameter, or a local
// (Let binds once; Assign updates a local declared by Let, e.g. a
// reduction accumulator).
struct Var {
  enum class Kind : uint8_t { LoopIndex, IntParam, FloatParam, Local };
  Kind kind;
  DType dtype;       // Int64 for loop indices and int params, Float64 for float params
  std::string name;  // unique within a kernel (used by printers and emitters)
  int index = -1;    // position in Kernel::intParams / floatParams; -1 otherwise
};

enum class UnaryOp : uint8_t {
  Neg, Abs, Not /* logical, bool */, BitNot,
  Exp, Exp2, Expm1, Log, Log2, Log10, Log1p,
  Sqrt, Rsqrt, Reciprocal,
  Sin, Cos, Tan, Asin, Acos, Atan, Sinh, Cosh, Tanh,
  Sigmoid, Erf, Erfc,
  Floor, Ceil, Round /* half to even, like torch.round */, Trunc,
  Sign, IsNan, IsInf, IsFinite /* result Bool */,
};

enum class BinaryOp : uint8_t {
  Add, Sub, Mul,
  Div,       // float: IEEE division; int: truncating (C) division (guard divisor != 0 upstream)
  FloorDiv,  // Python/PyTorch floor division (ints and floats)
  Mod,       // C fmod semantics (torch.fmod)
  Remainder, // Python semantics: sign of the divisor (torch.remainder)
  Max, Min,  // NaN-propagating for floats (torch.maximum/minimum)
  Pow, Atan2,
  BitAnd, BitOr, BitXor, Shl, Shr,
  LogicalAnd, LogicalOr,  // operands Bool, result Bool
};

enum class CompareOp : uint8_t { EQ, NE, LT, LE, GT, GE };

struct Expr {
  enum class Kind : uint8_t {
    IntImm,    // ival, dtype integer or Bool
    FloatImm,  // fval, dtype Float32/Float64
    VarRef,    // var
    Load,      // buffer[operands[0]] (element index, Int64)
    Unary,     // unary(operands[0])
    Binary,    // binary(operands[0], operands[1]); operands share dtype == result dtype
    Compare,   // compare(operands[0], operands[1]) -> Bool; operands share a dtype
    Select,    // operands[0] (Bool) ? operands[1] : operands[2]
    Cast,      // convert operands[0] to dtype (float->int truncates; ->Bool is != 0)
  };
  Kind kind;
  DType dtype;  // the result's type
  int64_t ival = 0;
  double fval = 0;
  VarPtr var;
  int buffer = -1;
  UnaryOp unaryOp = UnaryOp::Neg;
  BinaryOp binaryOp = BinaryOp::Add;
  CompareOp compareOp = CompareOp::EQ;
  std::vector<ExprPtr> operands;
};

struct Stmt {
  enum class Kind : uint8_t {
    Block,   // body: statements in order
    For,     // for (var = start; var < stop; ++var) body[0]
    Store,   // buffer[index] = value  (value's dtype == the buffer's)
    Let,     // declare local var = value
    Assign,  // local var = value
    If,      // if (cond) body[0] else body[1] (body[1] may be null)
  };
  Kind kind;
  std::vector<StmtPtr> body;
  VarPtr var;
  ExprPtr start, stop;   // For
  ExprPtr index, value;  // Store (index, value); Let/Assign (value); If (value = cond)
  int buffer = -1;       // Store
  // For loops: a hint that this is the innermost loop over unit-stride
  // elements, worth vectorizing.
  bool vectorize = false;
};

struct BufferParam {
  std::string name;
  DType dtype;
  bool isOutput = false;
};

struct Kernel {
  Kernel();
  std::string name = "kernel";
  std::vector<BufferParam> buffers;  // bufs[i]
  std::vector<VarPtr> intParams;     // ints[i]
  std::vector<VarPtr> floatParams;   // floats[i]
  VarPtr outer;                      // the outermost index, in [begin, end)
  ExprPtr outerExtent;               // over intParams and constants only
  StmtPtr body;                      // runs once per value of `outer`

  int addBuffer(std::string name, DType dtype, bool isOutput);
  VarPtr addIntParam(std::string name);
  VarPtr addFloatParam(std::string name);
  // A fresh loop index or local with a unique name derived from `hint`.
  VarPtr newVar(Var::Kind kind, DType dtype, const std::string& hint);

 private:
  int nextId_ = 0;
};

using KernelFn = void (*)(void* const* bufs, const int64_t* ints, const double* floats, int64_t begin,
                          int64_t end);

// ---- builders (type-checked: a wrong dtype combination throws wick::Error) ----
ExprPtr intImm(int64_t v, DType dtype = DType::Int64);
ExprPtr floatImm(double v, DType dtype = DType::Float32);
ExprPtr boolImm(bool v);
ExprPtr var(const VarPtr& v);
ExprPtr load(const Kernel& k, int buffer, ExprPtr index);
ExprPtr unary(UnaryOp op, ExprPtr a);  // dtype of a (Bool for IsNan/IsInf/IsFinite/Not)
ExprPtr binary(BinaryOp op, ExprPtr a, ExprPtr b);
ExprPtr compare(CompareOp op, ExprPtr a, ExprPtr b);
ExprPtr select(ExprPtr cond, ExprPtr a, ExprPtr b);
ExprPtr cast(ExprPtr a, DType to);  // returns a itself when a's dtype is already `to`
// Int64 index arithmetic with constant folding of immediates (0 + x, 1 * x).
ExprPtr add(ExprPtr a, ExprPtr b);
ExprPtr mul(ExprPtr a, ExprPtr b);

StmtPtr block(std::vector<StmtPtr> stmts);
StmtPtr forLoop(VarPtr v, ExprPtr start, ExprPtr stop, StmtPtr body, bool vectorize = false);
StmtPtr store(int buffer, ExprPtr index, ExprPtr value);
StmtPtr let(VarPtr local, ExprPtr value);
StmtPtr assign(VarPtr local, ExprPtr value);
StmtPtr ifThen(ExprPtr cond, StmtPtr then, StmtPtr otherwise = nullptr);

// Evaluates an Int64 expression over integer parameters and immediates
// (outerExtent, loop bounds that depend on sizes only).
int64_t evalInt(const Expr& e, const int64_t* ints);

// Readable text, one statement per line (WICK_DUMP=kernel).
std::string toString(const Kernel& k);
std::string toString(const Expr& e);

// Checks structural invariants (buffers and vars in range, dtypes agree,
// Assign only to declared locals); throws wick::Error describing the first
// violation. Backends may assume a verified kernel.
void verify(const Kernel& k);

}  // namespace wick::jit::kir
