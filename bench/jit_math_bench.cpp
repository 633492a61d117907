// Throughput of the LLVM backend's inline transcendentals (jit/llvm/llvm_math.cpp)
// in compute-bound loops: one kernel y[i] = f(x[i]) per function and dtype
// over 16K elements (L2-resident, so memory does not hide the arithmetic),
// plus the GELU(erf) and x * sigmoid(x) chains of workloads W1 and W2.
// Reports items (elements) per second; the CPU time column is what to
// compare on a loaded machine.
//
//   jit_math_bench --benchmark_filter='gelu|silu'
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "jit/backend.h"
#include "jit/kir/kernel_ir.h"

namespace {

namespace kir = wick::jit::kir;
using kir::ExprPtr;
using kir::UnaryOp;
using wick::DType;

enum Fn { kExp, kSigmoid, kTanh, kLog, kErf, kGelu, kSilu };

ExprPtr body(Fn f, ExprPtr v, DType dt) {
  auto c = [dt](double x) { return kir::floatImm(x, dt); };
  switch (f) {
    case kExp: return kir::unary(UnaryOp::Exp, v);
    case kSigmoid: return kir::unary(UnaryOp::Sigmoid, v);
    case kTanh: return kir::unary(UnaryOp::Tanh, v);
    case kLog: return kir::unary(UnaryOp::Log, kir::unary(UnaryOp::Abs, v));
    case kErf: return kir::unary(UnaryOp::Erf, v);
    case kGelu:
      return kir::mul(kir::mul(v, c(0.5)), kir::add(c(1), kir::unary(UnaryOp::Erf, kir::mul(v, c(0.7071067811865476)))));
    case kSilu: return kir::mul(v, kir::unary(UnaryOp::Sigmoid, v));
  }
  return v;
}

template <typename T>
void BM_Unary(benchmark::State& state, Fn f) {
  wick::jit::Backend* be = wick::jit::backendFor("llvm");
  if (!be) {
    state.SkipWithError("built without LLVM");
    return;
  }
  DType dt = sizeof(T) == 4 ? DType::Float32 : DType::Float64;
  kir::Kernel k;
  k.name = "math_bench";
  int x = k.addBuffer("x", dt, false), y = k.addBuffer("y", dt, true);
  k.outerExtent = kir::var(k.addIntParam("n"));
  ExprPtr i = kir::var(k.outer);
  k.body = kir::store(y, i, body(f, kir::load(k, x, i), dt));
  auto ck = be->compile(k);
  const int64_t n = 16384;
  std::vector<T> xs(n), ys(n);
  std::mt19937 g(1);
  std::normal_distribution<double> nd(0, 2);
  for (auto& v : xs) v = static_cast<T>(nd(g));
  void* bufs[2] = {xs.data(), ys.data()};
  int64_t nn = n;
  for (auto _ : state) {
    ck->fn(bufs, &nn, nullptr, 0, n);
    benchmark::DoNotOptimize(ys.data());
  }
  state.SetItemsProcessed(state.iterations() * n);
}

void BM_Float32(benchmark::State& state, Fn f) { BM_Unary<float>(state, f); }
void BM_Float64(benchmark::State& state, Fn f) { BM_Unary<double>(state, f); }

#define WICK_MATH_BENCH(name, fn)             \
  BENCHMARK_CAPTURE(BM_Float32, name, fn);    \
  BENCHMARK_CAPTURE(BM_Float64, name, fn);

WICK_MATH_BENCH(exp, kExp)
WICK_MATH_BENCH(sigmoid, kSigmoid)
WICK_MATH_BENCH(tanh, kTanh)
WICK_MATH_BENCH(log, kLog)
WICK_MATH_BENCH(erf, kErf)
WICK_MATH_BENCH(gelu, kGelu)
WICK_MATH_BENCH(silu, kSilu)

}  // namespace

BENCHMARK_MAIN();
