// Microbenchmarks of the non-convolution CNN kernels on typical vision
// model shapes (batch 1, one thread): pooling, upsampling, normalization,
// activations and softmax. scripts/cnn_ops_bench_torch.py times PyTorch on
// the same shapes.
#include <benchmark/benchmark.h>

#include "core/parallel.h"
#include "kernels/cpu/activation.h"
#include "kernels/cpu/normalization.h"
#include "kernels/cpu/pooling.h"

namespace {

using wick::DType;
using wick::Tensor;
namespace k = wick::kernels;

Tensor randn(wick::IntArrayRef sizes) {
  Tensor t = Tensor::empty(sizes, DType::Float32);
  float* p = t.data<float>();
  uint32_t s = 11;
  for (int64_t i = 0; i < t.numel(); ++i) {
    s = s * 1664525u + 1013904223u;
    p[i] = static_cast<float>(s >> 8) / 16777216.0f - 0.5f;
  }
  return t;
}

template <typename F>
void run(benchmark::State& state, F&& fn) {
  wick::setNumThreads(1);
  for (auto _ : state) benchmark::DoNotOptimize(fn());
}

void maxPoolResnet(benchmark::State& st) {
  Tensor x = randn({1, 64, 112, 112});
  k::PoolParams p;
  p.kernel = {3};
  p.stride = {2};
  p.padding = {1};
  run(st, [&] { return k::maxPool("bench", x, p, 2, false).first; });
}
// The same pool on a channels-last input (resnet18's stem after its
// convolution, as the JIT hands it over).
void maxPoolResnetChannelsLast(benchmark::State& st) {
  Tensor nhwc = randn({1, 112, 112, 64});
  Tensor x = nhwc.asStrided({1, 64, 112, 112}, {112 * 112 * 64, 1, 112 * 64, 64}, 0);
  k::PoolParams p;
  p.kernel = {3};
  p.stride = {2};
  p.padding = {1};
  run(st, [&] { return k::maxPool("bench", x, p, 2, false).first; });
}
void adaptiveAvg7to1(benchmark::State& st) {
  Tensor x = randn({1, 512, 7, 7});
  run(st, [&] { return k::adaptiveAvgPool("bench", x, {1, 1}, 2); });
}
void avgPoolDensenet(benchmark::State& st) {
  Tensor x = randn({1, 256, 28, 28});
  k::PoolParams p;
  p.kernel = {2};
  p.stride = {2};
  p.padding = {0};
  run(st, [&] { return k::avgPool("bench", x, p, 2); });
}
void bilinearX2(benchmark::State& st) {
  Tensor x = randn({1, 64, 56, 56});
  run(st, [&] { return k::upsampleBilinear2d("bench", x, {112, 112}, false, 2.0, 2.0); });
}
void batchNormEval(benchmark::State& st) {
  Tensor x = randn({1, 64, 56, 56});
  Tensor ones = Tensor::full({64}, 1.0, DType::Float32), zeros = Tensor::zeros({64}, DType::Float32);
  run(st, [&] { return std::get<0>(k::batchNorm("bench", x, ones, zeros, zeros, ones, false, 0.1, 1e-5)); });
}
void hardswish(benchmark::State& st) {
  Tensor x = randn({1, 64, 56, 56});
  run(st, [&] { return k::activation("bench", k::Activation::Hardswish, x); });
}
void softmax64x1000(benchmark::State& st) {
  Tensor x = randn({64, 1000});
  run(st, [&] { return k::softmax("bench", x, 1, std::nullopt, false); });
}
void layerNorm197x768(benchmark::State& st) {
  Tensor x = randn({197, 768});
  run(st, [&] { return std::get<0>(k::layerNorm("bench", x, {768}, Tensor(), Tensor(), 1e-5)); });
}

BENCHMARK(maxPoolResnet)->Unit(benchmark::kMicrosecond);
BENCHMARK(maxPoolResnetChannelsLast)->Unit(benchmark::kMicrosecond);
BENCHMARK(adaptiveAvg7to1)->Unit(benchmark::kMicrosecond);
BENCHMARK(avgPoolDensenet)->Unit(benchmark::kMicrosecond);
BENCHMARK(bilinearX2)->Unit(benchmark::kMicrosecond);
BENCHMARK(batchNormEval)->Unit(benchmark::kMicrosecond);
BENCHMARK(hardswish)->Unit(benchmark::kMicrosecond);
BENCHMARK(softmax64x1000)->Unit(benchmark::kMicrosecond);
BENCHMARK(layerNorm197x768)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
