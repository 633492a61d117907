// Microbenchmarks of the core CPU kernels: elementwise add, broadcast bias
// add, sigmoid and GELU, full sum and last-dimension mean, at 1K / 64K / 4M
// float32 elements, and sgemm through the GEMM library at square and the W4 MLP's
// shapes. Each benchmark checks one result against a scalar reference
// before timing. (Convolution through oneDNN: conv_bench.)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
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

// [rows, 1024] + [1024]: the bias add of W2 (row broadcast).
void BM_BiasAdd(benchmark::State& state) {
  const int64_t n = state.range(0), cols = 1024, rows = std::max<int64_t>(1, n / cols);
  Tensor a = k::reshape(k::randn({rows * cols}), {rows, cols}), b = k::randn({cols});
  Tensor out = Tensor::empty({rows, cols}, wick::DType::Float32);
  k::add(a, b, 1, out);
  verify(out.data<float>()[rows * cols - 1] == a.data<float>()[rows * cols - 1] + b.data<float>()[cols - 1],
         "bias add");
  for (auto _ : state) {
    k::add(a, b, 1, out);
    benchmark::DoNotOptimize(out.rawData());
  }
  state.SetBytesProcessed(state.iterations() * rows * cols * 8);
}

void BM_Sigmoid(benchmark::State& state) {
  const int64_t n = state.range(0);
  Tensor a = k::randn({n});
  Tensor out = Tensor::empty({n}, wick::DType::Float32);
  k::unary(k::UnaryOp::Sigmoid, a, out);
  double x = a.data<float>()[0];
  verify(std::abs(out.data<float>()[0] - 1 / (1 + std::exp(-x))) < 1e-6, "sigmoid");
  for (auto _ : state) {
    k::unary(k::UnaryOp::Sigmoid, a, out);
    benchmark::DoNotOptimize(out.rawData());
  }
  state.SetBytesProcessed(state.iterations() * n * 8);
}

void BM_Sum(benchmark::State& state) {
  const int64_t n = state.range(0);
  Tensor a = Tensor::full({n}, 1, wick::DType::Float32);
  verify(k::sum(a).item().toDouble() == static_cast<double>(n), "sum");
  for (auto _ : state) benchmark::DoNotOptimize(k::sum(a));
  state.SetBytesProcessed(state.iterations() * n * 4);
}

// mean over the last dimension of [rows, 1024] (LayerNorm's statistics).
void BM_MeanLastDim(benchmark::State& state) {
  const int64_t n = state.range(0), cols = 1024, rows = std::max<int64_t>(1, n / cols);
  Tensor a = Tensor::full({rows, cols}, 2, wick::DType::Float32);
  verify(k::mean(a, {-1}, true).data<float>()[rows - 1] == 2.0f, "mean");
  for (auto _ : state) benchmark::DoNotOptimize(k::mean(a, {-1}, true));
  state.SetBytesProcessed(state.iterations() * rows * cols * 4);
}

// [m, k] @ [k, n]: args (m, k, n).
void BM_SgemmShape(benchmark::State& state) {
  const int64_t m = state.range(0), kk = state.range(1), n = state.range(2);
  Tensor a = k::reshape(k::randn({m * kk}), {m, kk}), b = k::reshape(k::randn({kk * n}), {kk, n});
  Tensor c = k::mm(a, b);
  double ref = 0;
  for (int64_t p = 0; p < kk; ++p) ref += static_cast<double>(a.data<float>()[p]) * b.data<float>()[p * n];
  verify(std::abs(c.data<float>()[0] - ref) < 1e-2, "sgemm shape");
  for (auto _ : state) {
    k::gemm(a, b, c, 1, 0);
    benchmark::DoNotOptimize(c.rawData());
  }
  state.SetItemsProcessed(state.iterations() * 2 * m * n * kk);
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
BENCHMARK(BM_BiasAdd)->Arg(1 << 10)->Arg(1 << 16)->Arg(1 << 22);
BENCHMARK(BM_Sigmoid)->Arg(1 << 10)->Arg(1 << 16)->Arg(1 << 22);
BENCHMARK(BM_Sum)->Arg(1 << 10)->Arg(1 << 16)->Arg(1 << 22);
BENCHMARK(BM_MeanLastDim)->Arg(1 << 10)->Arg(1 << 16)->Arg(1 << 22);
BENCHMARK(BM_Sgemm)->Arg(128)->Arg(512)->Arg(1024);
// W4's two GEMMs at batch 64 and W8's gate GEMM (batch 16, 256 -> 1024).
BENCHMARK(BM_SgemmShape)->Args({64, 1024, 4096})->Args({64, 4096, 1024})->Args({16, 256, 1024});

}  // namespace

BENCHMARK_MAIN();
