// Lowering of the cases the fuser used to leave to the interpreter or got
// wrong: softmax rows holding NaN / inf, the aten::to overloads TorchScript
// graphs use, integer division by constants and integer pow by tensors.
// Each runs fused (reference evaluator, and LLVM when built), specialized
// and dynamic, against the interpreter.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "fuser_test_util.h"
#include "ir/parser.h"
#include "jit/fuser.h"
#include "jit/kir/evaluator.h"
#include "wick/error.h"
#include "wick/tensor.h"

namespace wick::jit {
namespace {

using testing::compareValues;

// Fuses `text` into `groups` groups and checks every backend against the
// interpreter; `lowered` says whether every group must compile (no
// interpreter fallback).
std::vector<IValue> checkFused(const std::string& text, const std::vector<IValue>& inputs, size_t groups = 1,
                               bool lowered = true) {
  auto ref = ir::parseGraph(text);
  std::vector<IValue> expected = testing::interpret(*ref, inputs);
  auto g = ir::parseGraph(text);
  fuseGraph(*g, FuserOptions{});
  g->lint();
  EXPECT_EQ(fusionGroups(*g).size(), groups) << g->str();
  kir::registerInterpBackend();
  for (const char* be : {"interp", "llvm"}) {
    Backend* b = backendFor(be);
    if (!b) continue;
    for (bool dyn : {false, true}) {
      testing::FusedRunner runner(g, b, dyn);
      std::vector<IValue> got = runner.run(inputs);
      if (lowered) EXPECT_EQ(runner.stats.fallbacks, 0) << be << "\n" << g->str();
      EXPECT_EQ(runner.stats.groups, static_cast<int>(groups));
      EXPECT_EQ(got.size(), expected.size());
      for (size_t i = 0; i < got.size() && i < expected.size(); ++i)
        EXPECT_EQ(compareValues(expected[i], got[i]), "") << be << " dynamic=" << dyn << " output " << i << "\n"
                                                          << g->str();
    }
  }
  return expected;
}

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

// Rows: NaN inside, all -inf, +inf inside, one -inf (an ordinary row).
Tensor specialRows(DType t, bool transposed = false) {
  std::vector<float> v = {1, kNaN, 2, 0.5f, -kInf, -kInf, -kInf, -kInf, 1, kInf, 2, 0, -kInf, 1, 2, 3};
  if (transposed) {
    std::vector<float> w(16);
    for (int r = 0; r < 4; ++r)
      for (int c = 0; c < 4; ++c) w[c * 4 + r] = v[r * 4 + c];
    v = w;
  }
  return Tensor::fromVector<float>(v, {4, 4}).to(t);
}

void expectRowsNaN(const Tensor& y, std::vector<bool> nanRow) {
  for (int64_t r = 0; r < y.size(0); ++r)
    for (int64_t c = 0; c < y.size(1); ++c) {
      double v = y.at(r * y.size(1) + c).toDouble();
      EXPECT_EQ(std::isnan(v), nanRow[r]) << "row " << r << " col " << c << ": " << v;
    }
}

TEST(LowerGaps, SoftmaxOfNaNAndInfRowsGivesNaNRows) {
  for (const char* op : {"softmax", "log_softmax"})
    for (DType t : {DType::Float32, DType::Float64}) {
      std::string text = fmt::format(R"(graph(%x : Tensor):
  %d : int = prim::Constant[value=-1]()
  %n : NoneType = prim::Constant()
  %y : Tensor = aten::{}(%x, %d, %n)
  return (%y))",
                                     op);
      std::vector<IValue> expected = checkFused(text, {specialRows(t)});
      expectRowsNaN(expected[0].toTensor(), {true, true, true, false});
      // Over dim 0 (the rows above as columns).
      std::string cols = fmt::format(R"(graph(%x : Tensor):
  %d : int = prim::Constant[value=0]()
  %n : NoneType = prim::Constant()
  %y : Tensor = aten::{}(%x, %d, %n)
  %z : Tensor = aten::t(%y)
  return (%z))",
                                     op);
      expected = checkFused(cols, {specialRows(t, true)});
      expectRowsNaN(expected[0].toTensor().contiguous(), {true, true, true, false});
    }
}

// Every to() overload a TorchScript graph holds for a dtype conversion on
// the CPU fuses (with a mul after it, so the group pays).
TEST(LowerGaps, ToOverloadsFuse) {
  const char* calls[] = {
      "aten::to(%x, %f64, %false, %false, %none)",                  // to.dtype
      "aten::to(%x, %f64, %false, %true, %none)",                   // to.dtype, copy
      "aten::to(%x, %f64, %false, %false)",                         // to.prim_dtype
      "aten::to(%x, %cpu, %none, %false, %false)",                  // to.prim_Device, no dtype
      "aten::to(%x, %cpu, %f64, %false, %false)",                   // to.prim_Device
      "aten::to(%x, %none, %f64, %false, %false)",                  // to.prim_Device, device None
      "aten::to(%x, %cpu, %f64, %false, %false, %none)",            // to.device
      "aten::to(%x, %f64, %none, %cpu, %none, %false, %false, %none)",  // to.dtype_layout
      "aten::to(%x, %none, %none, %none, %none, %false, %false, %zero)",  // dtype_layout, contiguous_format
      "aten::to(%x, %false, %false)",                               // to.prim_other
  };
  for (const char* call : calls) {
    std::string text = fmt::format(R"(graph(%x : Tensor):
  %none : NoneType = prim::Constant()
  %false : bool = prim::Constant[value=0]()
  %true : bool = prim::Constant[value=1]()
  %f64 : int = prim::Constant[value=7]()
  %zero : int = prim::Constant[value=0]()
  %cpu : Device = prim::Constant[value="cpu"]()
  %y : Tensor = {}
  %z : Tensor = aten::mul(%y, %y)
  return (%z))",
                                   call);
    SCOPED_TRACE(call);
    try {
      checkFused(text, {testing::randomTensor(DType::Float32, {3, 5}, true, 3)});
      checkFused(text, {testing::randomTensor(DType::Int32, {3, 5}, false, 4)});
    } catch (const Error& e) {
      ADD_FAILURE() << call << ": " << e.what();
    }
  }
}

// to(other) and type_as read only the other tensor's dtype (it is no
// part of the kernel's domain, whatever its shape); to(channels_last) stays
// out of groups. Both give the interpreter's results.
TEST(LowerGaps, ToOtherAndChannelsLast) {
  std::string text = R"(graph(%x : Tensor, %o : Tensor, %p : Tensor):
  %none : NoneType = prim::Constant()
  %false : bool = prim::Constant[value=0]()
  %one : int = prim::Constant[value=1]()
  %cl : int = prim::Constant[value=2]()
  %f64 : int = prim::Constant[value=7]()
  %y : Tensor = aten::to(%x, %o, %false, %false, %none)
  %z : Tensor = aten::mul(%y, %y)
  %a : Tensor = aten::add(%z, %z, %one)
  %b : Tensor = aten::type_as(%a, %p)
  %w : Tensor = aten::to(%b, %f64, %false, %false, %cl)
  return (%w))";
  checkFused(text, {testing::randomTensor(DType::Float32, {2, 3, 4, 5}, true, 3),
                    testing::randomTensor(DType::Float64, {7}, true, 4),
                    testing::randomTensor(DType::Int32, {3, 1, 1, 1, 1}, true, 5)});
  checkFused(text, {testing::randomTensor(DType::Int32, {2, 3, 4, 5}, false, 3),
                    testing::randomTensor(DType::Float32, {}, true, 4),
                    testing::randomTensor(DType::Float64, {6}, true, 5)});
}

Tensor ints(DType t, std::vector<int64_t> v) { return Tensor::fromVector<int64_t>(v, {static_cast<int64_t>(v.size())}).to(t); }

TEST(LowerGaps, IntegerDivisionByNonzeroConstantsFuses) {
  // One group computing floor_divide, remainder, fmod and div(floor/trunc)
  // by the same constant (255 and 259 are -1 and 3 in int8, 255 and 3 in
  // uint8; -1 is uint8's 255).
  const int64_t lo = std::numeric_limits<int64_t>::min();
  for (int64_t d : {2, -3, 7, -1, 1, 255, 259})
    for (DType t : {DType::Int64, DType::Int32, DType::Int8, DType::UInt8}) {
      std::string text = fmt::format(R"(graph(%x : Tensor):
  %d : int = prim::Constant[value={}]()
  %floor : str = prim::Constant[value="floor"]()
  %trunc : str = prim::Constant[value="trunc"]()
  %a : Tensor = aten::floor_divide(%x, %d)
  %b : Tensor = aten::remainder(%x, %d)
  %c : Tensor = aten::fmod(%x, %d)
  %e : Tensor = aten::div(%x, %d, %floor)
  %f : Tensor = aten::div(%x, %d, %trunc)
  %one : int = prim::Constant[value=1]()
  %s1 : Tensor = aten::add(%a, %b, %one)
  %s2 : Tensor = aten::add(%s1, %c, %one)
  %s3 : Tensor = aten::add(%s2, %e, %one)
  %s4 : Tensor = aten::add(%s3, %f, %one)
  return (%a, %b, %c, %e, %f, %s4))",
                                     d);
      SCOPED_TRACE(fmt::format("divisor {} {}", d, dtypeName(t)));
      std::vector<int64_t> v = {-7, 7, 0, -1, 1, 100, -100, 127, -128, 13};
      if (t == DType::Int64) v.push_back(lo);
      if (t == DType::UInt8)
        for (auto& e : v) e = e < 0 ? -e : e;
      checkFused(text, {ints(t, v)});
    }
}

TEST(LowerGaps, IntegerDivisionByZeroStillRaises) {
  for (const char* text : {R"(graph(%x : Tensor):
  %d : int = prim::Constant[value=0]()
  %y : Tensor = aten::floor_divide(%x, %d)
  %z : Tensor = aten::neg(%y)
  return (%z))",
                           R"(graph(%x : Tensor, %d : Tensor):
  %y : Tensor = aten::remainder(%x, %d)
  %z : Tensor = aten::neg(%y)
  return (%z))"}) {
    auto g = ir::parseGraph(text);
    fuseGraph(*g, FuserOptions{});
    kir::registerInterpBackend();
    for (const char* be : {"interp", "llvm"}) {
      Backend* b = backendFor(be);
      if (!b) continue;
      testing::FusedRunner runner(g, b, false);
      std::vector<IValue> in = {ints(DType::Int64, {4, 5})};
      if (g->inputs().size() == 2) in.push_back(ints(DType::Int64, {2, 0}));
      try {
        runner.run(in);
        ADD_FAILURE() << be << ": no error\n" << g->str();
      } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("ZeroDivisionError"), std::string::npos) << e.what();
      }
    }
  }
}

TEST(LowerGaps, IntegerPowByATensorFuses) {
  std::string text = R"(graph(%x : Tensor, %e : Tensor):
  %y : Tensor = aten::pow(%x, %e)
  %z : Tensor = aten::neg(%y)
  return (%z))";
  for (DType t : {DType::Int64, DType::Int32}) {
    checkFused(text, {ints(t, {2, -2, 3, 1, -1, -1, 0, 5, 7}), ints(t, {-1, -3, 2, -5, -4, -3, 3, 0, 30})});
    // A broadcast scalar-shaped exponent.
    checkFused(text, {ints(t, {2, -2, 3, 1, -1}), ints(t, {3})});
  }
}

// With profiled shapes the fuser keeps reductions over different dims in
// different groups, each of which lowers.
TEST(LowerGaps, ReductionsOverDifferentDimsGoToDifferentGroups) {
  std::string text = R"(graph(%x : Float(6, 5, strides=[5, 1], device=cpu)):
  %true : bool = prim::Constant[value=1]()
  %none : NoneType = prim::Constant()
  %d0 : int[] = prim::Constant[value=[0]]()
  %d1 : int[] = prim::Constant[value=[1]]()
  %e : Float(6, 5, strides=[5, 1], device=cpu) = aten::exp(%x)
  %s0 : Float(1, 5, strides=[5, 1], device=cpu) = aten::sum(%e, %d0, %true, %none)
  %s1 : Float(6, 1, strides=[1, 1], device=cpu) = aten::mean(%e, %d1, %true, %none)
  %y : Float(6, 5, strides=[5, 1], device=cpu) = aten::div(%s0, %s1)
  %z : Float(6, 5, strides=[5, 1], device=cpu) = aten::sigmoid(%y)
  return (%z))";
  checkFused(text, {testing::randomTensor(DType::Float32, {6, 5}, true, 7)}, 2);
}

// Float32 sums over a million elements: blocks in float32, blocks added in
// float64, about as exact as PyTorch's cascade sum (1e-7 relative on these
// rows; lanes of 30,000 elements in float32 were 1e-4 and worse).
TEST(LowerGaps, LongFloat32SumsStayAccurate) {
  const int64_t n = 1 << 20;
  std::vector<float> v(2 * n);
  uint64_t state = 42;
  for (auto& e : v) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    e = 1.0f + static_cast<float>((state >> 40) & 0xffffff) / 16777216.0f;
  }
  Tensor x = Tensor::fromVector<float>(v, {2, n});
  double ref[2] = {0, 0};
  for (int r = 0; r < 2; ++r)
    for (int64_t i = 0; i < n; ++i) ref[r] += v[r * n + i];
  std::string text = R"(graph(%x : Tensor):
  %d : int[] = prim::Constant[value=[-1]]()
  %false : bool = prim::Constant[value=0]()
  %none : NoneType = prim::Constant()
  %two : float = prim::Constant[value=2.]()
  %y : Tensor = aten::mul(%x, %two)
  %s : Tensor = aten::sum(%y, %d, %false, %none)
  %m : Tensor = aten::mean(%x, %d, %false, %none)
  return (%s, %m))";
  auto g = ir::parseGraph(text);
  fuseGraph(*g, FuserOptions{});
  ASSERT_EQ(fusionGroups(*g).size(), 1u);
  kir::registerInterpBackend();
  for (const char* be : {"llvm", "interp"}) {
    Backend* b = backendFor(be);
    if (!b) continue;
    for (bool dyn : {false, true}) {
      testing::FusedRunner runner(g, b, dyn);
      std::vector<IValue> got = runner.run({x});
      EXPECT_EQ(runner.stats.fallbacks, 0);
      for (int r = 0; r < 2; ++r) {
        double s = got[0].toTensor().at(r).toDouble(), m = got[1].toTensor().at(r).toDouble();
        double es = std::abs(s - 2 * ref[r]) / (2 * ref[r]), em = std::abs(m - ref[r] / n) / (ref[r] / n);
        if (r == 0) std::printf("%s dynamic=%d: float32 sum of 2^20 relative error %.3g, mean %.3g\n", be, dyn, es, em);
        EXPECT_LT(es, 1e-6) << be << " dynamic=" << dyn;
        EXPECT_LT(em, 1e-6) << be << " dynamic=" << dyn;
      }
    }
  }
}

// x - x.sum(-1) on a square x broadcasts the row sums along the rows: the
// subtraction cannot join the reduction's kernel, and both groups lower.
TEST(LowerGaps, ReductionWithoutKeepdimBroadcastAcrossItsDimsIsSplit) {
  std::string text = R"(graph(%x : Float(5, 5, strides=[5, 1], device=cpu)):
  %false : bool = prim::Constant[value=0]()
  %one : int = prim::Constant[value=1]()
  %none : NoneType = prim::Constant()
  %d1 : int[] = prim::Constant[value=[1]]()
  %e : Float(5, 5, strides=[5, 1], device=cpu) = aten::exp(%x)
  %s : Float(5, strides=[1], device=cpu) = aten::sum(%e, %d1, %false, %none)
  %y : Float(5, 5, strides=[5, 1], device=cpu) = aten::sub(%e, %s, %one)
  %z : Float(5, 5, strides=[5, 1], device=cpu) = aten::relu(%y)
  return (%z))";
  checkFused(text, {testing::randomTensor(DType::Float32, {5, 5}, true, 8)}, 2);
}

// sum(self, dtype) reduces every dim (its second argument is the dtype, not
// a dim), also on a rank-7 input where 7 (float64) is a valid dim.
TEST(LowerGaps, SumWithADtypeReducesEverything) {
  std::string text = R"(graph(%x : Tensor):
  %f64 : int = prim::Constant[value=7]()
  %two : float = prim::Constant[value=2.]()
  %y : Tensor = aten::mul(%x, %two)
  %s : Tensor = aten::sum(%y, %f64)
  %m : Tensor = aten::mean(%y, %f64)
  return (%s, %m))";
  checkFused(text, {testing::randomTensor(DType::Float32, {3, 4}, true, 9)});
  checkFused(text, {testing::randomTensor(DType::Float32, {2, 1, 2, 3, 1, 2, 2, 3}, true, 10)});
}

}  // namespace
}  // namespace wick::jit
