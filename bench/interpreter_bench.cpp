// Interpreter speed on two TorchScript loops (graphs printed by
// torch.jit.script(fn).graph in PyTorch 1.13):
//
//   scalar_loop: 100,000 iterations of int/float arithmetic and a branch;
//                goal < 60 ns per iteration (TorchScript ~200 ns, CPython ~58).
//   tensor_loop: 10,000 iterations of `x = x * 0.5 + 1` on a one-element
//                float tensor; goal < 1 us per iteration (TorchScript ~3.4 us).
//
// Each benchmark checks its result against PyTorch's before timing. The
// "per_iter" counter is the wall time per loop iteration (comparable with
// scripts/bench_interpreter.py's TorchScript timings); compilation is timed
// separately.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "ir/parser.h"
#include "runtime/interpreter.h"

namespace {

// def scalar_loop(n: int) -> float:
//     k = 0
//     acc = 0.0
//     for i in range(n):
//         k = (k * 31 + i) % 1000003
//         if k % 3 == 0:
//             acc = acc + float(k) * 0.5
//         else:
//             acc = acc - 1.25
//     return acc
const char* kScalarLoop = R"IR(graph(%n.1 : int):
  %6 : bool = prim::Constant[value=1]() # g.py:13:4
  %k.1 : int = prim::Constant[value=0]() # g.py:11:8
  %acc.1 : float = prim::Constant[value=0.]() # g.py:12:10
  %9 : int = prim::Constant[value=31]() # g.py:14:17
  %17 : int = prim::Constant[value=1000003]() # g.py:14:27
  %22 : int = prim::Constant[value=3]() # g.py:15:15
  %30 : float = prim::Constant[value=0.5]() # g.py:16:35
  %35 : float = prim::Constant[value=1.25]() # g.py:18:24
  %acc : float, %k : int = prim::Loop(%n.1, %6, %acc.1, %k.1) # g.py:13:4
    block0(%i.1 : int, %acc.29 : float, %k.17 : int):
      %14 : int = aten::mul(%k.17, %9) # g.py:14:13
      %16 : int = aten::add(%14, %i.1) # g.py:14:13
      %k.7 : int = aten::remainder(%16, %17) # g.py:14:13
      %23 : int = aten::remainder(%k.7, %22) # g.py:15:11
      %24 : bool = aten::eq(%23, %k.1) # g.py:15:11
      %acc.27 : float = prim::If(%24) # g.py:15:8
        block0():
          %29 : float = aten::Float(%k.7) # g.py:16:24
          %31 : float = aten::mul(%29, %30) # g.py:16:24
          %acc.5 : float = aten::add(%acc.29, %31) # g.py:16:18
          -> (%acc.5)
        block1():
          %acc.11 : float = aten::sub(%acc.29, %35) # g.py:18:18
          -> (%acc.11)
      -> (%6, %acc.27, %k.7)
  return (%acc)
)IR";
constexpr int64_t kScalarIters = 100000;
constexpr double kScalarExpected = 8349364953.25;  // PyTorch: scalar_loop(100000)

// def tensor_loop(x: Tensor, n: int) -> Tensor:
//     for i in range(n):
//         x = x * 0.5 + 1
//     return x
const char* kTensorLoop = R"IR(graph(%x.1 : Tensor,
      %n.1 : int):
  %5 : bool = prim::Constant[value=1]() # g.py:13:4
  %8 : float = prim::Constant[value=0.5]() # g.py:14:16
  %10 : int = prim::Constant[value=1]() # g.py:14:22
  %x : Tensor = prim::Loop(%n.1, %5, %x.1) # g.py:13:4
    block0(%i : int, %x.11 : Tensor):
      %9 : Tensor = aten::mul(%x.11, %8) # g.py:14:12
      %x.5 : Tensor = aten::add(%9, %10, %10) # g.py:14:12
      -> (%5, %x.5)
  return (%x)
)IR";
constexpr int64_t kTensorIters = 10000;

std::shared_ptr<const wick::Code> compile(const char* text) {
  return wick::Code::compile(wick::ir::parseGraph(text, "interpreter_bench"));
}

void checkOrDie(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "interpreter_bench: wrong result for %s\n", what);
    std::abort();
  }
}

void perIteration(benchmark::State& state, int64_t loopIters) {
  state.counters["per_iter"] = benchmark::Counter(static_cast<double>(loopIters),
                                                  benchmark::Counter::kIsIterationInvariantRate |
                                                      benchmark::Counter::kInvert);
}

void BM_ScalarLoop(benchmark::State& state) {
  auto code = compile(kScalarLoop);
  double r = code->run({wick::IValue(kScalarIters)})[0].toDouble();
  checkOrDie(r == kScalarExpected, "scalar_loop");
  for (auto _ : state) {
    auto out = code->run({wick::IValue(kScalarIters)});
    benchmark::DoNotOptimize(out);
  }
  perIteration(state, kScalarIters);
}
BENCHMARK(BM_ScalarLoop)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_TensorLoop(benchmark::State& state) {
  auto code = compile(kTensorLoop);
  auto input = [] { return wick::Tensor::full({1}, wick::Scalar(2.0), wick::DType::Float32); };
  // x = 2 is the fixed point of x * 0.5 + 1; start at 4 to check the math.
  wick::Tensor start = wick::Tensor::full({1}, wick::Scalar(4.0), wick::DType::Float32);
  wick::Tensor once = code->run({start, wick::IValue(int64_t(1))})[0].toTensor();
  checkOrDie(once.item().toDouble() == 3.0, "tensor_loop(4, 1)");
  for (auto _ : state) {
    auto out = code->run({input(), wick::IValue(kTensorIters)});
    benchmark::DoNotOptimize(out);
  }
  perIteration(state, kTensorIters);
}
BENCHMARK(BM_TensorLoop)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_CompileScalarLoop(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(compile(kScalarLoop));
}
BENCHMARK(BM_CompileScalarLoop)->Unit(benchmark::kMicrosecond);

// One call of a tiny graph: the fixed cost of run() (frame, input checks).
void BM_CallOverhead(benchmark::State& state) {
  auto code = compile(kScalarLoop);
  for (auto _ : state) benchmark::DoNotOptimize(code->run({wick::IValue(int64_t(0))}));
}
BENCHMARK(BM_CallOverhead);

}  // namespace

BENCHMARK_MAIN();
