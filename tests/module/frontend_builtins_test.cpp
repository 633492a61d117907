// The registry-backed BuiltinResolver: source functions compiled by the
// frontend against the real operator schemas, then run by the interpreter.
#include <gtest/gtest.h>

#include "frontend/compiler.h"
#include "frontend/parser.h"
#include "runtime/frontend_builtins.h"
#include "runtime/interpreter.h"
#include "wick/error.h"

namespace wick {
namespace {

std::shared_ptr<const Code> compileSource(const std::string& src) {
  frontend::StmtList tree = frontend::parseFile(src, "f.py");
  RegistryBuiltins builtins;
  auto graph = frontend::compileFunction(*tree.at(0)->as<frontend::FunctionDef>(), builtins);
  return Code::compile(graph);
}

IValue runSource(const std::string& src, std::vector<IValue> inputs) {
  std::vector<IValue> out = compileSource(src)->run(std::move(inputs));
  return out.at(0);
}

std::string errorOf(const std::string& src) {
  try {
    compileSource(src);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

Tensor vec(std::vector<float> v) { return Tensor::fromVector(v); }

std::vector<float> values(const Tensor& t) {
  Tensor c = t.contiguous();
  const float* p = c.data<float>();
  return std::vector<float>(p, p + c.numel());
}

TEST(FrontendBuiltins, KeywordOnlyArgumentAndDefault) {
  IValue r = runSource(
      "def f(x: Tensor, y: Tensor) -> Tensor:\n"
      "  return torch.add(torch.add(x, y), y, alpha=2)\n",
      {IValue(vec({1, 2})), IValue(vec({10, 20}))});
  EXPECT_EQ(values(r.toTensor()), (std::vector<float>{31, 62}));
}

TEST(FrontendBuiltins, ScalarOverloadAndMethodCall) {
  IValue r = runSource(
      "def f(x: Tensor) -> Tensor:\n"
      "  return x.mul(2.5).relu()\n",
      {IValue(vec({-1, 2}))});
  EXPECT_EQ(values(r.toTensor()), (std::vector<float>{0, 5}));
}

TEST(FrontendBuiltins, IntForOptionalIntListAndKeyword) {
  IValue r = runSource(
      "def f(x: Tensor) -> Tensor:\n"
      "  return torch.sum(x, 0, keepdim=True)\n",
      {IValue(vec({1, 2, 3}))});
  EXPECT_EQ(r.toTensor().dim(), 1);
  EXPECT_EQ(values(r.toTensor()), (std::vector<float>{6}));
}

TEST(FrontendBuiltins, IntConvertsToFloat) {
  IValue r = runSource(
      "def f(x: Tensor) -> Tensor:\n"
      "  return torch.dropout(x, 0, False)\n",
      {IValue(vec({4, 5}))});
  EXPECT_EQ(values(r.toTensor()), (std::vector<float>{4, 5}));
}

TEST(FrontendBuiltins, IntPassesForScalarTypeAndLayout) {
  IValue r = runSource(
      "def f(x: Tensor) -> Tensor:\n"
      "  return torch.zeros([2, 3], dtype=ops.prim.dtype(x), layout=None)\n",
      {IValue(vec({1}))});
  EXPECT_EQ(r.toTensor().numel(), 6);
  EXPECT_EQ(r.toTensor().dtype(), DType::Float32);
}

TEST(FrontendBuiltins, VarargsPassThrough) {
  IValue r = runSource(
      "def f(a: int) -> str:\n"
      "  return torch.format(\"x{}y{}\", a, 2.5)\n",
      {IValue(int64_t{7})});
  EXPECT_EQ(r.toStringRef(), "x7y2.5");
}

TEST(FrontendBuiltins, OneIntFillsAFixedLengthIntList) {
  Tensor x = Tensor::fromVector(std::vector<float>{1, 2, 3, 4}, {1, 1, 2, 2});
  IValue r = runSource(
      "def f(x: Tensor) -> Tensor:\n"
      "  return torch.max_pool2d(x, 2)\n",
      {IValue(x)});
  EXPECT_EQ(values(r.toTensor()), (std::vector<float>{4}));
}

TEST(FrontendBuiltins, ScalarArithmeticPicksIntOverloads) {
  IValue r = runSource(
      "def f(a: int, b: int) -> int:\n"
      "  return a * b + 1\n",
      {IValue(int64_t{6}), IValue(int64_t{7})});
  EXPECT_EQ(r.toInt(), 43);
}

TEST(FrontendBuiltins, SeveralResultsBecomeATuple) {
  IValue r = runSource(
      "def f(x: Tensor) -> Tensor:\n"
      "  v, i = torch.max(x, 0)\n"
      "  return i\n",
      {IValue(vec({1, 7, 3}))});
  EXPECT_EQ(r.toTensor().item().toInt(), 1);
}

TEST(FrontendBuiltins, ListElementTypeFlowsThroughTypeVariables) {
  IValue r = runSource(
      "def f(xs: List[int]) -> int:\n"
      "  return xs[1] + len(xs)\n",
      {IValue(makeList({IValue(int64_t{4}), IValue(int64_t{9})}))});
  EXPECT_EQ(r.toInt(), 11);
}

TEST(FrontendBuiltins, NoMatchingOverloadNamesOpTypesAndCandidates) {
  std::string e = errorOf(
      "def f(x: Tensor, y: Tensor) -> Tensor:\n"
      "  return torch.add(x, y, 2)\n");
  EXPECT_NE(e.find("no overload of aten::add accepts arguments (Tensor, Tensor, int)"), std::string::npos) << e;
  EXPECT_NE(e.find("aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1)"), std::string::npos) << e;
  EXPECT_NE(e.find("f.py:2"), std::string::npos) << e;
}

TEST(FrontendBuiltins, UnknownKeywordIsRejected) {
  std::string e = errorOf(
      "def f(x: Tensor) -> Tensor:\n"
      "  return torch.relu(x, inplace=True)\n");
  EXPECT_NE(e.find("relu"), std::string::npos) << e;
  EXPECT_NE(e.find("inplace=bool"), std::string::npos) << e;
}

TEST(FrontendBuiltins, UnknownBuiltinIsAnError) {
  std::string e = errorOf(
      "def f(x: Tensor) -> Tensor:\n"
      "  return torch.no_such_op(x)\n");
  EXPECT_NE(e.find("no_such_op"), std::string::npos) << e;
}

TEST(FrontendBuiltins, ListUnpackChecksTheLengthAtRunTime) {
  const std::string src =
      "def f(x: Tensor) -> int:\n"
      "  a, b, = torch.size(x)\n"
      "  return torch.sub(a, b)\n";
  EXPECT_EQ(runSource(src, {IValue(Tensor::zeros({5, 2}, DType::Float32))}).toInt(), 3);
  std::string e;
  try {
    runSource(src, {IValue(Tensor::zeros({5, 2, 1}, DType::Float32))});
  } catch (const Error& err) {
    e = err.what();
  }
  EXPECT_NE(e.find("3"), std::string::npos) << e;
  EXPECT_NE(e.find("2"), std::string::npos) << e;
}

TEST(FrontendBuiltins, IsinstanceOnUnionAndTupleOfTypes) {
  const std::string src =
      "def f(v: Union[int, float, str]) -> int:\n"
      "  if isinstance(v, int):\n"
      "    r = 1\n"
      "  elif isinstance(v, (float, bool)):\n"
      "    r = 2\n"
      "  else:\n"
      "    r = 3\n"
      "  return r\n";
  EXPECT_EQ(runSource(src, {IValue(int64_t(4))}).toInt(), 1);
  EXPECT_EQ(runSource(src, {IValue(2.5)}).toInt(), 2);
  EXPECT_EQ(runSource(src, {IValue(std::string("s"))}).toInt(), 3);
}

TEST(FrontendBuiltins, DefaultMemoryFormatAndOptionalIntDtype) {
  IValue r = runSource(
      "def f(x: Tensor, dtype: Optional[int]=None) -> Tensor:\n"
      "  y = torch.full([2], 1.5, dtype=dtype, layout=None, device=None)\n"
      "  return torch.add(torch.contiguous(torch.t(x)), torch.sum(y))\n",
      {IValue(Tensor::zeros({1, 2}, DType::Float32)), IValue()});
  EXPECT_EQ(values(r.toTensor()), (std::vector<float>{3, 3}));
}

}  // namespace
}  // namespace wick
