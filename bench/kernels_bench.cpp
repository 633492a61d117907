// Microbenchmarks of the core CPU kernels: elementwise add and GELU, sum,
// at 1K / 64K / 4M float32 elements, and a 512x512 sgemm. Each benchmark
// checks one result against a scalar reference before timing.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdlib>

#include "kernels/cpu/creation.h"
#include "kernels/cpu/elementwise.h"
#include "kernels/cpu/linalg.h"
#include "kernels/cpu/reduction.h"
#include "kernels/cpu/shape.h"

namespace {

namespace k = wick::kernels;
using wick::Tensor;

void verify(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "kernels_bench: %s gives a wrong result\n", what);
    std::abort();
  }
}

void BM_Add(benchmark::State& state) {
  const int64_t n = state.range(0);
  Tensor a = k::randn({n}), b = k::randn({n});
  Tensor out = Tensor::empty({n}, wick::DType::Float32);
  k::add(a, b, 1, out);
  verify(out.data<float>()[n - 1] == a.data<float>()[n - 1] + b.data<float>()[n - 1], "add");
  for (auto _ : state) {
    k::add(a, b, 1, out);
    benchmark::DoNotOptimize(out.rawData());
  }
  state.SetBytesProcessed(state.iterations() * n * 12);
}

void BM_Gelu(benchmark::State& state) {
  const int64_t n = state.range(0);
  Tensor a = k::randn({n});
  Tensor out = Tensor::empty({n}, wick::DType::Float32);
  k::unary(k::UnaryOp::GeluErf, a, out);
  double x = a.data<float>()[0];
  verify(std::abs(out.data<float>()[0] - 0.5 * x * (1 + std::erf(x / std::sqrt(2.0)))) < 1e-5, "gelu");
  for (auto _ : state) {
    k::unary(k::UnaryOp::GeluErf, a, out);
    benchmark::DoNotOptimize(out.rawData());
  }
  state.SetItemsProcessed(state.iterations() * n);
}

void BM_Sum(benchmark::State& state) {
  const int64_t n = state.range(0);
  Tensor a = Tensor::full({n}, 1, wick::DType::Float32);
  verify(k::sum(a).item().toDouble() == static_cast<double>(n), "sum");
  for (auto _ : state) benchmark::DoNotOptimize(k::sum(a));
  state.SetBytesProcessed(state.iterations() * n * 4);
}

void BM_Sgemm(benchmark::State& state) {
  const int64_t n = state.range(0);
  Tensor a = k::reshape(k::randn({n * n}), {n, n}), b = k::reshape(k::randn({n * n}), {n, n});
  Tensor c = k::mm(a, b);
  double ref = 0;
  for (int64_t p = 0; p < n; ++p) ref += static_cast<double>(a.data<float>()[p]) * b.data<float>()[p * n];
  verify(std::abs(c.data<float>()[0] - ref) < 1e-3, "sgemm");
  for (auto _ : state) {
    k::gemm(a, b, c, 1, 0);
    benchmark::DoNotOptimize(c.rawData());
  }
  state.SetItemsProcessed(state.iterations() * 2 * n * n * n);
}

BENCHMARK(BM_Add)->Arg(1 << 10)->Arg(1 << 16)->Arg(1 << 22);
BENCHMARK(BM_Gelu)->Arg(1 << 10)->Arg(1 << 16)->Arg(1 << 22);
BENCHMARK(BM_Sum)->Arg(1 << 10)->Arg(1 << 16)->Arg(1 << 22);
BENCHMARK(BM_Sgemm)->Arg(512);

}  // namespace

BENCHMARK_MAIN();
