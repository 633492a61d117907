// A STREAM-like memory-bandwidth probe: copy (a = b), scale (a = s * b),
// add (a = b + c) and triad (a = b + s * c) over float32 arrays well above
// the last-level cache, on 1 thread and on the intra-op pool's N threads
// (Wick's parallelFor, as the kernels use it). Reports the best of --reps
// repetitions in GB/s, counting STREAM's bytes (copy and scale move 8 bytes
// per element, add and triad 12; write-allocate traffic is not counted).
//
//   stream_probe [--mb MB_PER_ARRAY] [--reps N] [--threads N] [--json]
//
// --threads defaults to WICK_NUM_THREADS; --json prints one JSON object.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/parallel.h"
#include "wick/threading.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Kernel {
  const char* name;
  int bytesPerElement;
};
constexpr Kernel kKernels[] = {{"copy", 8}, {"scale", 8}, {"add", 12}, {"triad", 12}};

void run(int which, float* a, const float* b, const float* c, int64_t n) {
  const float s = 3.0f;
  wick::parallelFor(0, n, 1 << 16, [&](int64_t lo, int64_t hi) {
    switch (which) {
      case 0: std::copy(b + lo, b + hi, a + lo); break;
      case 1: for (int64_t i = lo; i < hi; ++i) a[i] = s * b[i]; break;
      case 2: for (int64_t i = lo; i < hi; ++i) a[i] = b[i] + c[i]; break;
      default: for (int64_t i = lo; i < hi; ++i) a[i] = b[i] + s * c[i]; break;
    }
  });
}

int64_t intArg(int argc, char** argv, int& i) {
  if (i + 1 >= argc) {
    std::fprintf(stderr, "stream_probe: %s needs a value\n", argv[i]);
    std::exit(2);
  }
  char* end = nullptr;
  long long v = std::strtoll(argv[++i], &end, 10);
  if (*end != '\0' || v < 1) {
    std::fprintf(stderr, "stream_probe: %s expects a positive integer, got '%s'\n", argv[i - 1], argv[i]);
    std::exit(2);
  }
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  int64_t mb = 128, reps = 10, threads = wick::numThreads();
  bool json = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--mb") mb = intArg(argc, argv, i);
    else if (a == "--reps") reps = intArg(argc, argv, i);
    else if (a == "--threads") threads = intArg(argc, argv, i);
    else if (a == "--json") json = true;
    else {
      std::fprintf(stderr, "usage: stream_probe [--mb MB_PER_ARRAY] [--reps N] [--threads N] [--json]\n");
      return 2;
    }
  }
  const int64_t n = mb * (1 << 20) / 4;
  std::vector<float> a(n, 0.0f), b(n, 1.0f), c(n, 2.0f);  // touched before timing

  std::vector<int64_t> threadCounts = {1};
  if (threads > 1) threadCounts.push_back(threads);
  std::string out;
  for (int64_t t : threadCounts) {
    wick::setNumThreads(static_cast<int>(t));
    for (int k = 0; k < 4; ++k) {
      double best = 1e30;
      for (int64_t r = 0; r < reps + 1; ++r) {  // the first repetition warms up
        auto t0 = Clock::now();
        run(k, a.data(), b.data(), c.data(), n);
        double s = std::chrono::duration<double>(Clock::now() - t0).count();
        if (r > 0) best = std::min(best, s);
      }
      double gbs = static_cast<double>(kKernels[k].bytesPerElement) * static_cast<double>(n) / best / 1e9;
      if (json) out += fmt::format("{}\"{}_t{}_gbs\": {:.3f}", out.empty() ? "" : ", ", kKernels[k].name, t, gbs);
      else std::printf("%-6s %2lld thread%s %8.2f GB/s\n", kKernels[k].name, static_cast<long long>(t),
                       t == 1 ? " " : "s", gbs);
    }
  }
  // A result check keeps the compiler honest: after triad a = 1 + 3 * 2.
  if (a[n / 2] != 7.0f) {
    std::fprintf(stderr, "stream_probe: wrong result %f\n", static_cast<double>(a[n / 2]));
    return 1;
  }
  if (json) std::printf("{\"mb_per_array\": %lld, %s}\n", static_cast<long long>(mb), out.c_str());
  return 0;
}
