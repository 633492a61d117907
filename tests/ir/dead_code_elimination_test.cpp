// Dead code elimination: pure unused nodes go, side effects and what they
// read stay, control flow is cleaned from the inside out.
#include "passes/dead_code_elimination.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "ir/parser.h"

namespace wick::ir {
namespace {

std::string dce(const std::string& text) {
  auto g = parseGraph(text);
  passes::eliminateDeadCode(*g);
  g->lint();
  return g->str();
}

TEST(DeadCodeEliminationTest, RemovesUnusedPureNodes) {
  EXPECT_EQ(dce("graph(%x : Tensor):\n"
                "  %1 : int = prim::Constant[value=1]()\n"
                "  %2 : int = prim::Constant[value=2]()\n"
                "  %a : Tensor = aten::mul(%x, %2)\n"
                "  %b : Tensor = aten::relu(%a)\n"
                "  %c : bool = aten::__and__(%1, %1)\n"
                "  %d : Tensor = aten::add(%x, %x, %1)\n"
                "  return (%d)\n"),
            "graph(%x : Tensor):\n"
            "  %1 : int = prim::Constant[value=1]()\n"
            "  %d : Tensor = aten::add(%x, %x, %1)\n"
            "  return (%d)\n");
}

TEST(DeadCodeEliminationTest, KeepsSideEffects) {
  const std::string text =
      "graph(%x : Tensor, %self : __torch__.M):\n"
      "  %1 : int = prim::Constant[value=1]()\n"
      "  %l : int[] = prim::ListConstruct()\n"
      "  %2 : int[] = aten::append(%l, %1)\n"
      "  %3 : int[] = aten::_set_item(%l, %1, %1)\n"
      "  %4 : Tensor = aten::add_(%x, %x, %1)\n"
      "  %5 : Tensor = aten::__iadd__(%x, %x)\n"
      "   = prim::SetAttr[name=\"n\"](%self, %1)\n"
      "  %6 : Tensor = prim::CallMethod[name=\"forward\"](%self, %x)\n"
      "   = prim::Print(%x)\n"
      "  return ()\n";
  auto g = parseGraph(text);
  std::string before = g->str();
  passes::eliminateDeadCode(*g);
  EXPECT_EQ(g->str(), before);
}

TEST(DeadCodeEliminationTest, ControlFlow) {
  EXPECT_EQ(dce("graph(%c : bool, %n : int):\n"
                "  %1 : int = prim::Constant[value=1]()\n"
                "  %s : str = prim::Constant[value=\"boom\"]()\n"
                "  %a : int, %b : int = prim::If(%c)\n"
                "    block0():\n"
                "      %t : int = aten::add(%n, %1)\n"
                "       = prim::RaiseException(%s)\n"
                "      -> (%t, %n)\n"
                "    block1():\n"
                "      %u : int = aten::mul(%n, %1)\n"
                "      -> (%u, %n)\n"
                "  %p : int = prim::If(%c)\n"
                "    block0():\n"
                "      -> (%n)\n"
                "    block1():\n"
                "      -> (%1)\n"
                "  %r : int = prim::Loop(%n, %c, %n)\n"
                "    block0(%i : int, %acc : int):\n"
                "      %q : int = aten::add(%acc, %i)\n"
                "      -> (%c, %q)\n"
                "  return (%b)\n"),
            "graph(%c : bool,\n"
            "      %n : int):\n"
            "  %s : str = prim::Constant[value=\"boom\"]()\n"
            "  %b : int = prim::If(%c)\n"
            "    block0():\n"
            "       = prim::RaiseException(%s)\n"
            "      -> (%n)\n"
            "    block1():\n"
            "      -> (%n)\n"
            "  return (%b)\n");
}

TEST(DeadCodeEliminationTest, LoopCarriedValuesStay) {
  const std::string text =
      "graph(%n : int, %c : bool):\n"
      "  %1 : int = prim::Constant[value=1]()\n"
      "  %r : int = prim::Loop(%n, %c, %n)\n"
      "    block0(%i : int, %acc : int):\n"
      "      %q : int = aten::add(%acc, %i)\n"
      "      %dead : int = aten::mul(%q, %1)\n"
      "      -> (%c, %q)\n"
      "  return (%r)\n";
  std::string out = dce(text);
  EXPECT_EQ(out.find("%dead"), std::string::npos);
  EXPECT_NE(out.find("aten::add(%acc, %i)"), std::string::npos);
}

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(WICK_TEST_DATA_DIR) + "/ir/" + name + ".txt");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(DeadCodeEliminationTest, PyTorchGraphs) {
  // The unused wait and the pure fork it waited on go; the dict writes stay.
  std::string fork = dce(fixture("fork_and_dict"));
  EXPECT_EQ(fork.find("aten::wait"), std::string::npos);
  EXPECT_EQ(fork.find("prim::fork"), std::string::npos);
  EXPECT_NE(fork.find("aten::_set_item"), std::string::npos);
  // The untaken raise keeps its If; print, with-blocks and asserts stay.
  EXPECT_NE(dce(fixture("raise_untaken")).find("prim::RaiseException"), std::string::npos);
  std::string ctx = dce(fixture("context_print_assert"));
  for (const char* kept : {"prim::Enter", "prim::Exit", "prim::Print", "prim::RaiseException"})
    EXPECT_NE(ctx.find(kept), std::string::npos) << kept;
  // Graphs PyTorch already cleaned have nothing left to remove.
  for (const char* name : {"nested_loops", "tensor_math", "loop_break_continue"}) {
    auto g = parseGraph(fixture(name));
    std::string before = g->str();
    passes::eliminateDeadCode(*g);
    EXPECT_EQ(g->str(), before) << name;
  }
}

TEST(DeadCodeEliminationTest, SubgraphSideEffectsKeepTheNode) {
  const std::string text =
      "graph(%x : Tensor):\n"
      "  %f : Future[Tensor] = prim::fork_0(%x)\n"
      "  return (%x)\n"
      "with prim::fork_0 = graph(%a : Tensor):\n"
      "   = prim::Print(%a)\n"
      "  return (%a)\n";
  EXPECT_EQ(dce(text), text);
}

TEST(DeadCodeEliminationTest, SideEffectClassification) {
  auto g = std::make_shared<Graph>();
  auto k = [&](const char* s) { return passes::hasSideEffects(*g->create(Symbol::fromQualString(s), 0)); };
  EXPECT_TRUE(k("aten::copy_"));
  EXPECT_TRUE(k("aten::__setitem__"));
  EXPECT_TRUE(k("aten::pop"));
  EXPECT_TRUE(k("prim::RaiseException"));
  EXPECT_FALSE(k("aten::__is__"));
  EXPECT_FALSE(k("aten::__getitem__"));
  EXPECT_FALSE(k("aten::relu"));
  EXPECT_FALSE(k("prim::Constant"));
}

}  // namespace
}  // namespace wick::ir
