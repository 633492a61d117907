// Differential tests of fusion + lowering: random graphs of fusible ops
// (float32/float64/int32/int64/bool, broadcasting, non-contiguous and
// zero-size inputs, scalars) run in the interpreter and fused (reference
// evaluator always, LLVM when built), specialized and dynamic; then the
// same graphs again with other shapes, dtypes and contiguity, which must
// fail the guards and still give the interpreter's results.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <random>

#include "fuser_test_util.h"
#include "ir/parser.h"
#include "jit/fuser.h"
#include "jit/kir/evaluator.h"
#include "wick/error.h"
#include "wick/tensor.h"

namespace wick::jit {
namespace {

const DType kDTypes[] = {DType::Float32, DType::Float64, DType::Int32, DType::Int64, DType::Bool};

struct Case {
  std::string text;
  int numTensors = 0;
  std::vector<std::vector<int64_t>> shapeMask;  // per tensor input: 1 = broadcast dim, per base dim (right-aligned)
  std::vector<int> ranks;
  bool scalarInput = false;
  bool scalarIsFloat = false;
};

struct Gen {
  std::mt19937_64 rng;
  explicit Gen(uint64_t seed) : rng(seed) {}
  int pick(int n) { return static_cast<int>(rng() % n); }

  Case make() {
    Case c;
    int rank = pick(4);
    c.numTensors = 1 + pick(3);
    std::string sig;
    for (int i = 0; i < c.numTensors; ++i) {
      int r = i == 0 ? rank : pick(rank + 1);
      c.ranks.push_back(r);
      std::vector<int64_t> mask;
      for (int d = 0; d < r; ++d) mask.push_back(i > 0 && pick(3) == 0);
      c.shapeMask.push_back(mask);
      sig += fmt::format("{}%t{} : Tensor", i ? ", " : "", i);
    }
    c.scalarInput = pick(3) == 0;
    c.scalarIsFloat = pick(2);
    if (c.scalarInput) sig += fmt::format(", %s : {}", c.scalarIsFloat ? "float" : "int");
    std::string body;
    body += "  %one : int = prim::Constant[value=1]()\n";
    body += "  %two : int = prim::Constant[value=2]()\n";
    body += "  %half : float = prim::Constant[value=0.5]()\n";
    body += "  %none : NoneType = prim::Constant()\n";
    body += "  %true : bool = prim::Constant[value=1]()\n";
    body += "  %false : bool = prim::Constant[value=0]()\n";
    body += "  %last : int[] = prim::Constant[value=[-1]]()\n";
    body += "  %m1 : int = prim::Constant[value=-1]()\n";
    body += "  %f32 : int = prim::Constant[value=6]()\n";
    body += "  %f64 : int = prim::Constant[value=7]()\n";
    body += "  %i64 : int = prim::Constant[value=4]()\n";
    body += "  %three : int = prim::Constant[value=3]()\n";
    body += "  %floor : str = prim::Constant[value=\"floor\"]()\n";
    body += "  %trunc : str = prim::Constant[value=\"trunc\"]()\n";
    std::vector<std::string> tensors, scalars = {"%one", "%half", "%two"};
    for (int i = 0; i < c.numTensors; ++i) tensors.push_back(fmt::format("%t{}", i));
    if (c.scalarInput) scalars.push_back("%s");
    int nOps = 2 + pick(5);
    for (int k = 0; k < nOps; ++k) {
      std::string v = fmt::format("%v{}", k);
      auto T = [&] { return tensors[pick(static_cast<int>(tensors.size()))]; };
      // A float view of a random operand (lerp, mean, var, softmax need one).
      int fk = 0;
      auto F = [&](bool fromInput = false) {
        std::string f = fmt::format("%f{}_{}", k, fk++);
        std::string src = fromInput ? tensors[pick(c.numTensors)] : T();
        body += fmt::format("  {} : Tensor = aten::to({}, {}, %false, %false)\n", f, src, pick(2) ? "%f32" : "%f64");
        return f;
      };
      auto TS = [&] { return pick(4) == 0 ? scalars[pick(static_cast<int>(scalars.size()))] : T(); };
      static const char* unary[] = {"exp", "sigmoid", "tanh", "abs", "neg", "relu", "sin", "floor",
                                    "logical_not", "bitwise_not", "ceil", "erf", "silu", "isnan", "reciprocal"};
      static const char* binary[] = {"mul", "div", "maximum", "minimum", "eq", "lt", "ge", "logical_and", "fmod",
                                     "atan2", "bitwise_xor"};
      std::string line;
      switch (pick(14)) {
        case 0: case 1: case 2:
          line = fmt::format("aten::{}({})", unary[pick(15)], T());
          break;
        case 3: case 4:
          line = fmt::format("aten::{}({}, {}, %one)", pick(2) ? "add" : "sub", T(), TS());
          break;
        case 5: case 6:
        {
          int b = pick(11);
          bool tensorOnly = b == 2 || b == 3 || b == 7;  // maximum, minimum, logical_and
          line = fmt::format("aten::{}({}, {})", binary[b], T(), tensorOnly ? T() : TS());
        }
          break;
        case 7:
          body += fmt::format("  %c{} : Tensor = aten::gt({}, %half)\n", k, T());
          line = fmt::format("aten::where(%c{}, {}, {})", k, T(), TS());
          break;
        case 8:
          line = pick(2) ? fmt::format("aten::clamp({}, %half, %none)", T())
                         : fmt::format("aten::to({}, {}, %false, %false)", T(),
                                       std::vector<std::string>{"%f32", "%f64", "%i64"}[pick(3)]);
          break;
        case 9:
        {
          std::string a = F(), b = fmt::format("%g{}", k);
          body += fmt::format("  {} : Tensor = aten::type_as({}, {})\n", b, T(), a);
          line = fmt::format("aten::lerp({}, {}, %half)", a, b);
        }
          break;
        case 12:
        {
          // Integer division fuses by a nonzero constant (-1 included);
          // a tensor divisor stays in the interpreter (it may be 0).
          std::string d = std::vector<std::string>{"%two", "%m1", "%three", "%half"}[pick(4)];
          if (pick(5) == 0) d = T();
          switch (pick(5)) {
            case 0: line = fmt::format("aten::floor_divide({}, {})", T(), d); break;
            case 1: line = fmt::format("aten::remainder({}, {})", T(), d); break;
            case 2: line = fmt::format("aten::fmod({}, {})", T(), d); break;
            default: line = fmt::format("aten::div({}, {}, {})", T(), d, pick(2) ? "%floor" : "%trunc"); break;
          }
        }
          break;
        case 13:
          // Integer pow by a tensor exponent (negative ones give 0, 1, -1).
          line = fmt::format("aten::pow({}, {})", T(), pick(3) ? T() : std::vector<std::string>{"%two", "%three"}[pick(2)]);
          break;
        default: {
          int red = pick(5);
          std::string x = red == 0 || red == 1 ? T() : F();
          switch (red) {
            case 0: line = fmt::format("aten::sum({}, %last, {}, %none)", x, pick(2) ? "%true" : "%false"); break;
            case 1: line = fmt::format("aten::amax({}, %last, %true)", x); break;
            case 2: line = fmt::format("aten::mean({}, %last, %true, %none)", x); break;
            case 3: line = fmt::format("aten::softmax({}, %m1, %none)", x); break;
            default: line = fmt::format("aten::var({}, %last, %true, %true)", x); break;
          }
        }
      }
      body += fmt::format("  {} : Tensor = {}\n", v, line);
      tensors.push_back(v);
    }
    std::string ret = tensors.back();
    if (nOps > 2 && pick(2)) ret += ", " + tensors[c.numTensors + pick(nOps - 1)];
    c.text = fmt::format("graph({}):\n{}  return ({})\n", sig, body, ret);
    return c;
  }

  std::vector<IValue> inputs(const Case& c, int variant) {
    int rank = c.ranks[0];
    std::vector<int64_t> base;
    static const int64_t sizes[] = {1, 2, 3, 5, 8, 17};
    for (int d = 0; d < rank; ++d) base.push_back(pick(25) == 0 ? 0 : sizes[pick(6)]);
    std::vector<IValue> in;
    DType dt0 = kDTypes[pick(5)];
    for (int i = 0; i < c.numTensors; ++i) {
      std::vector<int64_t> shape;
      int r = c.ranks[i];
      for (int d = 0; d < r; ++d) shape.push_back(c.shapeMask[i][d] ? 1 : base[rank - r + d]);
      DType dt = pick(2) ? dt0 : kDTypes[pick(5)];
      in.push_back(testing::randomTensor(dt, shape, pick(3) != 0, rng() + variant));
    }
    if (c.scalarInput) {
      if (c.scalarIsFloat) in.push_back(IValue(0.25 + pick(4)));
      else in.push_back(IValue(static_cast<int64_t>(pick(5) - 2)));
    }
    return in;
  }
};

TEST(FuserDifferential, RandomGraphsMatchTheInterpreter) {
  kir::registerInterpBackend();
  std::vector<std::pair<std::string, Backend*>> backends = {{"interp", backendFor("interp")}};
  if (Backend* b = backendFor("llvm")) backends.emplace_back("llvm", b);
  Gen gen(12345);
  int cases = 0, compared = 0, groupRuns = 0, compiledRuns = 0, guardFailures = 0, fallbacks = 0, skipped = 0;
  const int kGraphs = 1200;
  std::map<std::string, int> failures;
  for (int gi = 0; gi < kGraphs; ++gi) {
    Case c = gen.make();
    auto ref = ir::parseGraph(c.text);
    auto g = ir::parseGraph(c.text);
    fuseGraph(*g, FuserOptions{});
    g->lint();
    // Call sequences: the first specializes; later ones change shape,
    // dtype or contiguity (guards fail or pass, results must match).
    std::vector<std::vector<IValue>> calls;
    for (int v = 0; v < 3; ++v) calls.push_back(gen.inputs(c, v));
    for (auto& [beName, be] : backends) {
      if (beName == "llvm" && gi % 3 != 0) continue;  // compile time: a third of the graphs
      for (bool dyn : {false, true}) {
        testing::FusedRunner runner(g, be, dyn);
        for (auto& in : calls) {
          ++cases;
          std::vector<IValue> expected;
          try {
            expected = testing::interpret(*ref, in);
          } catch (const Error& e) {
            if (std::getenv("FUSER_TEST_VERBOSE")) std::fprintf(stderr, "SKIP %s\n", std::string(e.what()).substr(0, 90).c_str());
            ++skipped;
            continue;  // an invalid program for these inputs (e.g. neg of bool)
          }
          std::vector<IValue> got;
          try {
            got = runner.run(in);
          } catch (const Error& e) {
            ADD_FAILURE() << "fused run threw: " << e.what() << "\n" << c.text << "\n" << g->str();
            continue;
          }
          ASSERT_EQ(got.size(), expected.size());
          for (size_t i = 0; i < got.size(); ++i) {
            std::string diff = testing::compareValues(expected[i], got[i]);
            if (!diff.empty()) {
              std::string ins;
              for (auto& x : in) ins += (x.isTensor() ? x.toTensor().typeString() + "[" + fmt::format("{}", fmt::join(x.toTensor().sizes().vec(), ",")) + "]" : std::string("scalar")) + " ";
              if (++failures[beName] > 3) continue;
              ADD_FAILURE() << beName << " dynamic=" << dyn << " output " << i << ": " << diff << "\ninputs: " << ins
                            << "\n" << c.text << "\n" << g->str();
              continue;
            }
          }
          ++compared;
        }
        groupRuns += runner.stats.groups;
        compiledRuns += runner.stats.compiled;
        guardFailures += runner.stats.guardFailures;
        fallbacks += runner.stats.fallbacks;
      }
    }
  }
  std::printf("fuser differential: %d graphs, %d calls (%d compared, %d invalid for the interpreter), %d group runs: "
              "%d compiled, %d guard failures, %d lowering fallbacks\n",
              kGraphs, cases, compared, skipped, groupRuns, compiledRuns, guardFailures, fallbacks);
  for (auto& [b, n] : failures) std::printf("  %s: %d mismatches\n", b.c_str(), n);
  EXPECT_GT(compiledRuns, groupRuns / 3);
}

}  // namespace
}  // namespace wick::jit
