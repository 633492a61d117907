// A peak-FLOP probe: large float32 GEMMs (C = A @ B, N x N) through
// kernels::gemm, the path of Wick's aten::mm (its GEMM library: oneDNN's or
// OpenBLAS's sgemm), on 1 thread and on N threads.
// Reports the best of --reps repetitions in GFLOP/s (2 N^3 per GEMM).
//
//   gemm_probe [--n N] [--reps N] [--threads N] [--json]
//
// --threads defaults to WICK_NUM_THREADS. The libraries' own thread counts
// (OpenBLAS, and OpenMP's for oneDNN) are set per run to the same number.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "kernels/cpu/creation.h"
#include "kernels/cpu/linalg.h"
#include "kernels/cpu/shape.h"
#include "wick/threading.h"

extern "C" void openblas_set_num_threads(int);
extern "C" void omp_set_num_threads(int);

namespace {

using Clock = std::chrono::steady_clock;

int64_t intArg(int argc, char** argv, int& i) {
  if (i + 1 >= argc) {
    std::fprintf(stderr, "gemm_probe: %s needs a value\n", argv[i]);
    std::exit(2);
  }
  char* end = nullptr;
  long long v = std::strtoll(argv[++i], &end, 10);
  if (*end != '\0' || v < 1) {
    std::fprintf(stderr, "gemm_probe: %s expects a positive integer, got '%s'\n", argv[i - 1], argv[i]);
    std::exit(2);
  }
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  namespace k = wick::kernels;
  int64_t n = 2048, reps = 5, threads = wick::numThreads();
  bool json = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--n") n = intArg(argc, argv, i);
    else if (a == "--reps") reps = intArg(argc, argv, i);
    else if (a == "--threads") threads = intArg(argc, argv, i);
    else if (a == "--json") json = true;
    else {
      std::fprintf(stderr, "usage: gemm_probe [--n N] [--reps N] [--threads N] [--json]\n");
      return 2;
    }
  }
  wick::Tensor a = k::reshape(k::randn({n * n}), {n, n}), b = k::reshape(k::randn({n * n}), {n, n});
  wick::Tensor c = k::mm(a, b);
  double ref = 0;  // one element against a scalar dot product
  for (int64_t p = 0; p < n; ++p) ref += static_cast<double>(a.data<float>()[p]) * b.data<float>()[p * n];
  if (std::abs(c.data<float>()[0] - ref) > 1e-3 * std::sqrt(static_cast<double>(n)) * 10) {
    std::fprintf(stderr, "gemm_probe: wrong result %f, expected %f\n", static_cast<double>(c.data<float>()[0]), ref);
    return 1;
  }
  std::vector<int64_t> threadCounts = {1};
  if (threads > 1) threadCounts.push_back(threads);
  std::string out;
  for (int64_t t : threadCounts) {
    openblas_set_num_threads(static_cast<int>(t));
    omp_set_num_threads(static_cast<int>(t));
    wick::setNumThreads(static_cast<int>(t));
    double best = 1e30;
    for (int64_t r = 0; r < reps + 1; ++r) {  // the first repetition warms up
      auto t0 = Clock::now();
      k::gemm(a, b, c, 1, 0);
      double s = std::chrono::duration<double>(Clock::now() - t0).count();
      if (r > 0) best = std::min(best, s);
    }
    double gflops = 2.0 * static_cast<double>(n) * static_cast<double>(n) * static_cast<double>(n) / best / 1e9;
    if (json) out += fmt::format("{}\"sgemm_t{}_gflops\": {:.2f}", out.empty() ? "" : ", ", t, gflops);
    else std::printf("sgemm %lldx%lld %2lld thread%s %9.2f GFLOP/s\n", static_cast<long long>(n),
                     static_cast<long long>(n), static_cast<long long>(t), t == 1 ? " " : "s", gflops);
  }
  if (json) std::printf("{\"n\": %lld, %s}\n", static_cast<long long>(n), out.c_str());
  return 0;
}
