// The source compiler: functions with arithmetic, if/else, loops, tuples
// and lists compile to the IR TorchScript would build (checked as graph
// text and by the IR's own lint), with builtins resolved by a small test
// resolver; programs outside its subset fail with a located error.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "frontend/compiler.h"
#include "frontend/parser.h"
#include "wick/error.h"

namespace wick::frontend {
namespace {

using ir::Type;
using ir::TypeKind;

// Knows a few int/float/bool/Tensor builtins, with TorchScript's result
// types; stands in for the runtime's operator registry.
class TestBuiltins : public BuiltinResolver {
 public:
  ir::Value* emitCall(ir::Graph& graph, const std::string& name, const std::vector<NamedValue>& args,
                      const std::vector<NamedValue>& kwargs, const ir::SourceLocation& loc) override {
    auto kind = [&](size_t i) { return args.at(i).value->type()->kind(); };
    ir::TypePtr result;
    static const std::set<std::string> kArith = {"aten::add", "aten::sub", "aten::mul", "aten::floordiv",
                                                 "aten::remainder", "aten::pow", "aten::__and__", "aten::__or__"};
    static const std::set<std::string> kCompare = {"aten::lt", "aten::le", "aten::gt", "aten::ge",
                                                   "aten::eq", "aten::ne", "aten::__is__", "aten::__isnot__",
                                                   "aten::__contains__", "aten::__not__"};
    if (kArith.count(name) && args.size() == 2) {
      if (kind(0) == TypeKind::Tensor || kind(1) == TypeKind::Tensor) {
        result = Type::tensor();
      } else {
        result = Type::get(kind(0) == TypeKind::Float || kind(1) == TypeKind::Float ? TypeKind::Float : TypeKind::Int);
      }
    } else if (name == "aten::div") {
      result = Type::get(TypeKind::Float);
    } else if (kCompare.count(name) || name == "aten::Bool") {
      result = Type::get(TypeKind::Bool);
    } else if (name == "aten::neg") {
      result = args.at(0).value->type();
    } else if (name == "aten::Float") {
      result = Type::get(TypeKind::Float);
    } else if (name == "aten::len") {
      result = Type::get(TypeKind::Int);
    } else if (name == "aten::relu" || name == "aten::zeros") {
      result = Type::tensor();
    } else if (name == "aten::__getitem__" && kind(0) == TypeKind::List) {
      result = args[0].value->type()->containedTypes()[0];
    } else {
      return nullptr;
    }
    std::vector<ir::Value*> inputs;
    for (const NamedValue& a : args) inputs.push_back(a.value);
    for (const NamedValue& k : kwargs) inputs.push_back(k.value);
    ir::Node* n = graph.insertNode(graph.create(ir::Symbol::fromQualString(name), inputs, 1));
    n->setLocation(loc);
    n->output()->setType(result);
    return n->output();
  }
};

std::string compile(const std::string& src) {
  StmtList tree = parseFile(src, "f.py");
  EXPECT_EQ(tree.size(), 1u);
  TestBuiltins builtins;
  return compileFunction(*tree[0]->as<FunctionDef>(), builtins)->str();
}

std::string errorOf(const std::string& src) {
  try {
    compile(src);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(Compiler, Arithmetic) {
  EXPECT_EQ(compile("def f(a: int, b: float) -> float:\n  c = a * 2 + b\n  return -c / 3.\n"),
            "graph(%a : int,\n"
            "      %b : float):\n"
            "  %2 : int = prim::Constant[value=2]()\n"
            "  %3 : int = aten::mul(%a, %2)\n"
            "  %c : float = aten::add(%3, %b)\n"
            "  %5 : float = aten::neg(%c)\n"
            "  %6 : float = prim::Constant[value=3.]()\n"
            "  %7 : float = aten::div(%5, %6)\n"
            "  return (%7)\n");
}

TEST(Compiler, IfElseMergesVariables) {
  std::string g = compile(
      "def f(a: int, b: float) -> float:\n"
      "  if a > 3:\n    r = b * 2.0\n    t = 1\n  elif a < -1:\n    r = b - 1.5\n  else:\n    r = float(a)\n"
      "  return r\n");
  EXPECT_NE(g.find("%r : float = prim::If(%3)"), std::string::npos) << g;
  // t is defined in one branch only, so it is no output of the If.
  EXPECT_NE(g.find("      -> (%r.1)\n"), std::string::npos) << g;
  EXPECT_NE(g.find("aten::Float(%a)"), std::string::npos) << g;
}

TEST(Compiler, WhileLoopCarriesAssignedVariables) {
  std::string g = compile(
      "def f(x: float) -> float:\n  i = 0\n  while x > 1.0:\n    x = x / 2.0\n    i += 1\n  return x + i\n");
  EXPECT_NE(g.find("%i : int, %x : float = prim::Loop(%2, %4, %i.1, %x.1)"), std::string::npos) << g;
  EXPECT_NE(g.find("block0(%5 : int, %i.2 : int, %x.2 : float):"), std::string::npos) << g;
  EXPECT_NE(g.find("-> (%13, %i.3, %x.3)"), std::string::npos) << g;
  EXPECT_NE(g.find("aten::add(%x, %i)"), std::string::npos) << g;
}

TEST(Compiler, ForRangeAndShortCircuit) {
  std::string g = compile(
      "def f(n: int, m: int) -> int:\n  s = 0\n  for i in range(2, n):\n    if i > 2 and i < m or 0 < i < 9:\n"
      "      s = s + i\n  return s\n");
  EXPECT_NE(g.find("aten::sub(%n, %"), std::string::npos) << g;
  EXPECT_NE(g.find("prim::Loop("), std::string::npos) << g;
  // and/or and the chained comparison are prim::Ifs, not eager calls.
  size_t ifs = 0;
  for (size_t p = g.find("prim::If("); p != std::string::npos; p = g.find("prim::If(", p + 1)) ++ifs;
  EXPECT_EQ(ifs, 4u) << g;
}

TEST(Compiler, TuplesListsAndCalls) {
  std::string g = compile(
      "def f(x: Tensor, xs: List[int]) -> Tuple[Tensor, int]:\n  t = (x.relu(), xs[0])\n  a, b = t\n"
      "  ys = annotate(List[int], [])\n  zs = [b, len(xs)]\n  assert b in zs, \"missing\"\n  return (a, t[-1])\n");
  EXPECT_NE(g.find("prim::TupleConstruct"), std::string::npos) << g;
  EXPECT_NE(g.find("prim::TupleUnpack"), std::string::npos) << g;
  EXPECT_NE(g.find("int[] = prim::ListConstruct()"), std::string::npos) << g;
  EXPECT_NE(g.find("prim::TupleIndex"), std::string::npos) << g;
  EXPECT_NE(g.find("prim::RaiseException(%"), std::string::npos) << g;
  EXPECT_NE(g.find("aten::__contains__(%zs, %b)"), std::string::npos) << g;
}

TEST(Compiler, PrinterForms) {
  std::string g = compile(
      "def f(x: Optional[int], k: str) -> Dict[str, float]:\n  _0 = uninitialized(int)\n"
      "  x0 = unchecked_cast(int, x)\n  d = {k: inf, \"a\": float(x0)}\n  e = annotate(Dict[str, float], {})\n"
      "  return d\n");
  EXPECT_NE(g.find("%_0 : int = prim::Uninitialized()"), std::string::npos) << g;
  EXPECT_NE(g.find("%x0 : int = prim::unchecked_cast(%x)"), std::string::npos) << g;
  EXPECT_NE(g.find("prim::Constant[value=inf]()"), std::string::npos) << g;
  EXPECT_NE(g.find("%d : Dict(str, float) = prim::DictConstruct(%k, %"), std::string::npos) << g;
  EXPECT_NE(g.find("%e : Dict(str, float) = prim::DictConstruct()"), std::string::npos) << g;
}

TEST(Compiler, NoReturnGivesNone) {
  EXPECT_EQ(compile("def f(x: int):\n  pass\n"), "graph(%x : int):\n  %1 : NoneType = prim::Constant()\n  return (%1)\n");
}

TEST(Compiler, TypeAnnotations) {
  auto type = [](const char* src) { return parseTypeAnnotation(*parseExpression(src, "t.py"))->annotationStr(); };
  EXPECT_EQ(type("Dict[str, List[Tuple[int, Optional[Tensor]]]]"), "Dict[str, List[Tuple[int, Optional[Tensor]]]]");
  EXPECT_EQ(type("Final[int]"), "int");
  EXPECT_EQ(type("torch.Tensor"), "Tensor");
  EXPECT_THROW(type("Frobnicate"), Error);
}

TEST(Compiler, LocatedErrors) {
  EXPECT_EQ(errorOf("def f(a: int) -> int:\n  return b\n"), "f.py:2:10: undefined variable 'b'");
  EXPECT_EQ(errorOf("def f(a: int) -> int:\n  return frob(a)\n"), "f.py:2:10: unknown builtin 'aten::frob'");
  EXPECT_EQ(errorOf("def f(a: int) -> str:\n  return a\n"),
            "f.py:2:3: return value has type int but the function returns str");
  EXPECT_EQ(errorOf("def f(a: int) -> int:\n  if a:\n    return a\n  return 0\n"),
            "f.py:3:5: 'return' is supported only as the last statement of a function");
  EXPECT_EQ(errorOf("def f(a: int) -> int:\n  x = []\n  return a\n"),
            "f.py:2:7: the type of an empty list must be given: annotate(List[T], [])");
  EXPECT_EQ(errorOf("def f(a: int) -> int:\n  while a:\n    a = 1.5\n  return a\n"),
            "f.py:2:3: variable 'a' is int before the loop and float at the end of its body");
  EXPECT_EQ(errorOf("def f(a: int) -> int:\n  for i in a:\n    pass\n  return a\n"),
            "f.py:2:12: the source compiler supports 'for' over range(stop) and range(start, stop) only");
  EXPECT_EQ(errorOf("def f(a: Frob) -> int:\n  return 1\n"), "f.py:1:10: unknown type 'Frob'");
}

}  // namespace
}  // namespace wick::frontend
