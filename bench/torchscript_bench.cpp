// The TorchScript baseline of scripts/compare_torch.py: what Wick replaces,
// libtorch's torch::jit::load and forward, timed like `wick bench`. Built
// only when libtorch's headers and libraries are found (Debian's
// libtorch-dev); compare_torch.py falls back to Python's torch.jit.load.
//
//   torchscript_bench MODEL.pt ARGS.pt [--method NAME] [--warmup N]
//       [--iters N] [--threads N] [--optimize]
//
// ARGS.pt is a torch.save'd tuple of positional arguments. --optimize runs
// torch::jit::optimize_for_inference (freeze + inference passes) after load;
// its time is reported as optimize_ms and included in load_ms. Prints one
// JSON object with wick bench's keys: load_ms, call_ms (calls 1-3), min_ms,
// p50_ms, p90_ms, p99_ms, peak_rss_mb, threads.
#include <ATen/Parallel.h>
#include <sys/resource.h>
#include <torch/script.h>
#include <torch/serialize.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double percentile(const std::vector<double>& sorted, double p) {
  double pos = p * static_cast<double>(sorted.size() - 1);
  size_t lo = static_cast<size_t>(pos);
  size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - static_cast<double>(lo));
}

[[noreturn]] void fail(const std::string& msg) {
  std::fprintf(stderr, "torchscript_bench: error: %s\n", msg.c_str());
  std::exit(1);
}

long positive(const std::string& flag, const char* v, long min) {
  char* end = nullptr;
  long n = std::strtol(v, &end, 10);
  if (*end != '\0' || n < min) fail(flag + " expects an integer >= " + std::to_string(min));
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> pos;
  std::string method = "forward";
  long warmup = 10, iters = 100, threads = 0;
  bool optimize = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) fail(a + " needs a value");
      return argv[++i];
    };
    if (a == "--method") method = value();
    else if (a == "--warmup") warmup = positive(a, value(), 0);
    else if (a == "--iters") iters = positive(a, value(), 1);
    else if (a == "--threads") threads = positive(a, value(), 1);
    else if (a == "--optimize") optimize = true;
    else if (!a.empty() && a[0] == '-') fail("unknown option " + a);
    else pos.push_back(a);
  }
  if (pos.size() != 2) fail("usage: torchscript_bench MODEL.pt ARGS.pt [options]");
  if (threads > 0) at::set_num_threads(static_cast<int>(threads));
  c10::InferenceMode inference;

  std::ifstream in(pos[1], std::ios::binary);
  if (!in) fail("cannot read " + pos[1]);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  torch::IValue saved = torch::pickle_load(bytes);
  std::vector<torch::IValue> args;
  if (saved.isTuple()) {
    for (const auto& e : saved.toTupleRef().elements()) args.push_back(e);
  } else {
    args.push_back(saved);
  }

  double loadMs = 0, optimizeMs = 0;
  torch::jit::Module m;
  try {
    auto t0 = Clock::now();
    m = torch::jit::load(pos[0]);
    m.eval();
    loadMs = msSince(t0);
    if (optimize) {
      auto t1 = Clock::now();
      m = torch::jit::optimize_for_inference(m, method == "forward" ? std::vector<std::string>{}
                                                                    : std::vector<std::string>{method});
      optimizeMs = msSince(t1);
      loadMs += optimizeMs;
    }
  } catch (const std::exception& e) {
    std::string msg = e.what();
    fail(msg.substr(0, msg.find('\n')));
  }
  torch::jit::Method fn = m.get_method(method);

  std::vector<double> first, times;
  long warmCalls = std::max(3L, warmup);
  try {
    for (long c = 0; c < warmCalls; ++c) {
      auto c0 = Clock::now();
      fn(args);
      if (c < 3) first.push_back(msSince(c0));
    }
    for (long c = 0; c < iters; ++c) {
      auto c0 = Clock::now();
      fn(args);
      times.push_back(msSince(c0));
    }
  } catch (const std::exception& e) {
    std::string msg = e.what();
    fail(msg.substr(0, msg.find('\n')));
  }
  std::sort(times.begin(), times.end());
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf(
      "{\"load_ms\": %.4f, \"optimize_ms\": %.4f, \"call_ms\": [%.4f, %.4f, %.4f], \"min_ms\": %.4f, "
      "\"p50_ms\": %.4f, \"p90_ms\": %.4f, \"p99_ms\": %.4f, \"iters\": %ld, \"peak_rss_mb\": %.1f, "
      "\"threads\": %d}\n",
      loadMs, optimizeMs, first[0], first[1], first[2], times.front(), percentile(times, 0.5),
      percentile(times, 0.9), percentile(times, 0.99), iters, static_cast<double>(ru.ru_maxrss) / 1024.0,
      at::get_num_threads());
  return 0;
}
