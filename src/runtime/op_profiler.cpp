// Per-op timing: calls and nanoseconds per node kind (an interned symbol,
// so a record outlives the graph it came from). A mutex per record is fine: profiling is for finding hot spots, not
// for the timed numbers themselves.
#include "runtime/op_profiler.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/flags.h"
#include "ir/graph.h"
#include "wick/profiling.h"

namespace wick {
namespace interp {

std::atomic<int> g_opProfiling{0};

namespace {

struct Totals {
  int64_t calls = 0;
  int64_t ns = 0;
};

struct Records {
  std::mutex mu;
  std::unordered_map<uint32_t, std::pair<ir::Symbol, Totals>> byKind;  // by Symbol::id()
};

Records& records() {
  static Records* r = new Records();  // never destroyed: may be read at exit
  return *r;
}

void printProfileAtExit() {
  std::vector<OpProfileEntry> entries = opProfile();
  double total = 0;
  for (const auto& e : entries) total += e.total_ms;
  std::fprintf(stderr, "wick profile (WICK_LOG=profile): wall time inside each op, every call of the process\n");
  std::fprintf(stderr, "%-40s %10s %12s %10s %6s\n", "op", "calls", "total ms", "us/call", "%");
  for (const auto& e : entries)
    std::fprintf(stderr, "%-40s %10lld %12.3f %10.2f %6.1f\n", e.op.c_str(), static_cast<long long>(e.calls),
                 e.total_ms, e.calls ? e.total_ms * 1e3 / static_cast<double>(e.calls) : 0.0,
                 total > 0 ? 100.0 * e.total_ms / total : 0.0);
  std::fprintf(stderr, "%-40s %10s %12.3f\n", "all ops", "", total);
}

// True when WICK_LOG names the component "profile" (optionally =LEVEL).
bool profileRequested() {
  const std::string& log = Flags::get().log;
  size_t pos = 0;
  while (pos <= log.size()) {
    size_t end = log.find(',', pos);
    if (end == std::string::npos) end = log.size();
    std::string item = log.substr(pos, end - pos);
    item = item.substr(0, item.find('='));
    if (item == "profile") return true;
    pos = end + 1;
  }
  return false;
}

}  // namespace

bool initOpProfiling() {
  static std::once_flag once;
  std::call_once(once, [] {
    bool on = profileRequested();
    if (on) std::atexit(printProfileAtExit);
    int expected = 0;
    g_opProfiling.compare_exchange_strong(expected, on ? 2 : 1);
  });
  return g_opProfiling.load() == 2;
}

void recordOpTime(const ir::Node* node, int64_t ns) {
  Records& r = records();
  std::lock_guard<std::mutex> lock(r.mu);
  ir::Symbol kind = node->kind();
  auto it = r.byKind.try_emplace(kind.id(), kind, Totals{}).first;
  it->second.second.calls += 1;
  it->second.second.ns += ns;
}

}  // namespace interp

void setOpProfiling(bool on) {
  interp::initOpProfiling();  // WICK_LOG is read once; this call then overrides it
  interp::g_opProfiling.store(on ? 2 : 1);
}

std::vector<OpProfileEntry> opProfile() {
  auto& r = interp::records();
  std::lock_guard<std::mutex> lock(r.mu);
  std::vector<OpProfileEntry> out;
  for (const auto& [id, e] : r.byKind)
    out.push_back({e.first.qualString(), e.second.calls, static_cast<double>(e.second.ns) / 1e6});
  std::sort(out.begin(), out.end(), [](const OpProfileEntry& a, const OpProfileEntry& b) {
    return a.total_ms != b.total_ms ? a.total_ms > b.total_ms : a.op < b.op;
  });
  return out;
}

void resetOpProfile() {
  auto& r = interp::records();
  std::lock_guard<std::mutex> lock(r.mu);
  r.byKind.clear();
}

}  // namespace wick
