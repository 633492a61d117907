// Convolution microbenchmarks on resnet18's and mobilenet's shapes at
// batch 1, one thread: oneDNN with cached prepared weights (the default),
// oneDNN preparing the weights on every call, and the im2col + GEMM path.
// Each shape's paths are checked against each other before timing.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/parallel.h"
#include "kernels/cpu/activation.h"
#include "kernels/cpu/convolution.h"

namespace {

using wick::DType;
using wick::Tensor;

struct ConvShape {
  const char* name;
  int64_t c, h, w, o, k, stride, pad, groups;
  bool transposed = false;
};

// resnet18: stem, layer1 3x3, layer2 3x3, layer2 1x1 downsample;
// mobilenet_v2: a 3x3 depthwise of the 56x56 stage.
const ConvShape kShapes[] = {
    {"stem_7x7_s2_3to64_224", 3, 224, 224, 64, 7, 2, 3, 1},
    {"3x3_64ch_56", 64, 56, 56, 64, 3, 1, 1, 1},
    {"3x3_128ch_28", 128, 28, 28, 128, 3, 1, 1, 1},
    {"1x1_s2_64to128_56", 64, 56, 56, 128, 1, 2, 0, 1},
    {"dw3x3_144ch_56", 144, 56, 56, 144, 3, 1, 1, 144},
    // U-Net's up-convolution (transposed, always on the GEMM path).
    {"convT_2x2_s2_128to64_28", 128, 28, 28, 64, 2, 2, 0, 1, true},
};

Tensor randn(wick::IntArrayRef sizes) {
  Tensor t = Tensor::empty(sizes, DType::Float32);
  float* p = t.data<float>();
  uint32_t s = 7;
  for (int64_t i = 0; i < t.numel(); ++i) {
    s = s * 1664525u + 1013904223u;
    p[i] = static_cast<float>(s >> 8) / 16777216.0f - 0.5f;
  }
  return t;
}

enum class Path { Cached, Uncached, Gemm };

void checkPathsAgree(const Tensor& x, const Tensor& w, const Tensor& b,
                     const wick::kernels::ConvParams& p, const char* name) {
  Tensor a = wick::kernels::convolution("bench", x, w, b, p);
  Tensor g = wick::kernels::convolution("bench", x, w, b, p, {.allowDnnl = false});
  const float* pa = a.data<float>();
  const float* pg = g.data<float>();
  for (int64_t i = 0; i < a.numel(); ++i)
    if (std::abs(pa[i] - pg[i]) > 1e-3f + 1e-3f * std::abs(pg[i])) {
      std::fprintf(stderr, "%s: oneDNN and GEMM paths differ at %ld: %f vs %f\n", name,
                   static_cast<long>(i), pa[i], pg[i]);
      std::abort();
    }
}

void convBench(benchmark::State& state, ConvShape s, Path path) {
  wick::setNumThreads(1);
  Tensor x = randn({1, s.c, s.h, s.w});
  Tensor w = s.transposed ? randn({s.c, s.o / s.groups, s.k, s.k})
                         : randn({s.o, s.c / s.groups, s.k, s.k});
  Tensor b = randn({s.o});
  wick::kernels::ConvParams p;
  p.stride = wick::DimVector{s.stride};
  p.padding = wick::DimVector{s.pad};
  p.groups = s.groups;
  p.transposed = s.transposed;
  checkPathsAgree(x, w, b, p, s.name);
  wick::kernels::ConvOptions opt;
  opt.cacheWeights = path == Path::Cached;
  opt.allowDnnl = path != Path::Gemm;
  for (auto _ : state) benchmark::DoNotOptimize(wick::kernels::convolution("bench", x, w, b, p, opt));
  // Multiply-adds: each input (transposed) or output pixel meets k*k*C/g weights per channel.
  int64_t oh = (s.h + 2 * s.pad - s.k) / s.stride + 1, ow = (s.w + 2 * s.pad - s.k) / s.stride + 1;
  double flops = s.transposed ? 2.0 * s.c * s.h * s.w * (s.o / s.groups) * s.k * s.k
                              : 2.0 * s.o * oh * ow * (s.c / s.groups) * s.k * s.k;
  state.counters["GFLOPS"] = benchmark::Counter(flops, benchmark::Counter::kIsIterationInvariantRate,
                                                benchmark::Counter::kIs1000);
}

// A conv (oneDNN's OpenMP threads) followed by an activation (Wick's pool)
// on all threads: shows whether the two pools slow each other down, e.g.
// OpenMP workers still spinning while Wick's threads want the cores.
void convThenActivation(benchmark::State& state) {
  int threads = static_cast<int>(state.range(0));
  wick::setNumThreads(threads);
  Tensor x = randn({1, 64, 56, 56}), w = randn({64, 64, 3, 3}), b = randn({64});
  wick::kernels::ConvParams p;
  p.padding = wick::DimVector{1};
  for (auto _ : state) {
    Tensor y = wick::kernels::convolution("bench", x, w, b, p);
    benchmark::DoNotOptimize(
        wick::kernels::activationInPlace("bench", wick::kernels::Activation::Hardswish, y));
  }
  wick::setNumThreads(1);
}

[[maybe_unused]] const bool kRegistered = [] {
  for (const ConvShape& s : kShapes) {
    benchmark::RegisterBenchmark((std::string("conv/") + s.name + "/cached").c_str(), convBench, s, Path::Cached)
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark((std::string("conv/") + s.name + "/uncached").c_str(), convBench, s, Path::Uncached)
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark((std::string("conv/") + s.name + "/gemm").c_str(), convBench, s, Path::Gemm)
        ->Unit(benchmark::kMicrosecond);
  }
  benchmark::RegisterBenchmark("conv_then_hardswish/threads", convThenActivation)
      ->Arg(1)
      ->Arg(2)
      ->Unit(benchmark::kMicrosecond)
      ->UseRealTime();
  return true;
}();

}  // namespace

BENCHMARK_MAIN();
