#include "jit/kir/kernel_ir.h"

#include <gtest/gtest.h>

#include "wick/error.h"

namespace wick::jit::kir {
namespace {

TEST(KernelIR, BuildsPrintsAndVerifiesAnElementwiseKernel) {
  Kernel k;
  k.name = "exp_add";
  int x = k.addBuffer("x", DType::Float32, false);
  int y = k.addBuffer("y", DType::Float32, true);
  VarPtr n = k.addIntParam("n");
  VarPtr alpha = k.addFloatParam("alpha");
  k.outerExtent = var(n);
  ExprPtr i = var(k.outer);
  k.body = store(y, i,
                 binary(BinaryOp::Add, unary(UnaryOp::Exp, load(k, x, i)), cast(var(alpha), DType::Float32)));
  verify(k);
  std::string text = toString(k);
  EXPECT_NE(text.find("buf1[outer0] = (exp(buf0[outer0]) + float32(alpha))"), std::string::npos) << text;
  int64_t ints[] = {42};
  EXPECT_EQ(evalInt(*k.outerExtent, ints), 42);
}

TEST(KernelIR, ReductionWithLocalsVerifies) {
  Kernel k;
  int x = k.addBuffer("x", DType::Float64, false);
  int y = k.addBuffer("y", DType::Float64, true);
  VarPtr rows = k.addIntParam("rows");
  VarPtr cols = k.addIntParam("cols");
  k.outerExtent = var(rows);
  VarPtr acc = k.newVar(Var::Kind::Local, DType::Float64, "acc");
  VarPtr j = k.newVar(Var::Kind::LoopIndex, DType::Int64, "j");
  std::vector<StmtPtr> s;
  s.push_back(let(acc, floatImm(0, DType::Float64)));
  s.push_back(forLoop(j, intImm(0), var(cols),
                      assign(acc, binary(BinaryOp::Add, var(acc),
                                         load(k, x, add(mul(var(k.outer), var(cols)), var(j))))),
                      true));
  s.push_back(store(y, var(k.outer), var(acc)));
  k.body = block(std::move(s));
  verify(k);
}

TEST(KernelIR, RejectsIllTypedOrOutOfScopeCode) {
  Kernel k;
  int x = k.addBuffer("x", DType::Float32, false);
  int y = k.addBuffer("y", DType::Int32, true);
  VarPtr n = k.addIntParam("n");
  k.outerExtent = var(n);
  EXPECT_THROW(binary(BinaryOp::Add, load(k, x, var(k.outer)), intImm(1, DType::Int32)), Error);
  EXPECT_THROW(unary(UnaryOp::Exp, intImm(1, DType::Int32)), Error);
  k.body = store(y, var(k.outer), load(k, x, var(k.outer)));  // Float32 into Int32
  EXPECT_THROW(verify(k), Error);
  VarPtr stray = k.newVar(Var::Kind::LoopIndex, DType::Int64, "j");
  k.body = store(y, var(stray), intImm(0, DType::Int32));
  EXPECT_THROW(verify(k), Error);
  k.body = store(x, var(k.outer), floatImm(0));
  EXPECT_THROW(verify(k), Error);  // store into an input
}

}  // namespace
}  // namespace wick::jit::kir
