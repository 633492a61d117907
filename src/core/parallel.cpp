// The intra-op pool. Built with OpenMP (WICK_PARALLEL_OPENMP, the runtime
// oneDNN's convolutions and GEMMs run on), regions run on OpenMP's threads:
// one pool for the whole process. Two pools each spinning between regions
// compete for the cores (measured on mobilenet_v3_small at 2 threads on 2
// cores: oneDNN's OpenMP team and Wick's own workers took turns). Without
// OpenMP, a small fork-join pool of Wick's own: workers spin briefly after
// each region (regions come in bursts, one per op) and then sleep on a
// condition variable, so an idle process uses no CPU.
#include "core/parallel.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "core/flags.h"
#include "wick/threading.h"

#ifdef WICK_PARALLEL_OPENMP
#include <omp.h>
#endif

namespace wick {
namespace {

thread_local bool t_in_region = false;

#ifndef WICK_PARALLEL_OPENMP
class Pool {
 public:
  explicit Pool(int n) { resize(n); }
  ~Pool() { stopWorkers(); }

  int size() const { return nthreads_; }

  void resize(int n) {
    std::lock_guard<std::mutex> run(run_mu_);
    stopWorkers();
    nthreads_ = std::max(1, n);
    stop_.store(false);
    for (int i = 1; i < nthreads_; ++i) workers_.emplace_back([this] { workerLoop(); });
  }

  // Returns false when the pool is busy; the caller then runs inline.
  bool run(int64_t begin, int64_t end, int64_t chunk, FunctionRef<void(int64_t, int64_t)> fn) {
    std::unique_lock<std::mutex> run(run_mu_, std::try_to_lock);
    if (!run.owns_lock()) return false;
    Job job;
    job.fn = &fn;
    job.begin = begin;
    job.end = end;
    job.chunk = chunk;
    job.nchunks = (end - begin + chunk - 1) / chunk;
    {
      std::lock_guard<std::mutex> g(mu_);
      job_ = &job;
      generation_.fetch_add(1, std::memory_order_release);
    }
    cv_.notify_all();
    work(job);
    {
      // No worker can join once job_ is cleared; wait for those inside.
      std::lock_guard<std::mutex> g(mu_);
      job_ = nullptr;
    }
    while (job.inside.load(std::memory_order_acquire) > 0) {
#if defined(__x86_64__)
      __builtin_ia32_pause();
#endif
    }
    if (job.error) std::rethrow_exception(job.error);
    return true;
  }

 private:
  struct Job {
    FunctionRef<void(int64_t, int64_t)>* fn;
    int64_t begin, end, chunk, nchunks;
    std::atomic<int64_t> next{0};
    std::atomic<int> inside{0};
    std::mutex err_mu;
    std::exception_ptr error;
  };

  static void work(Job& job) {
    bool was = t_in_region;
    t_in_region = true;
    for (;;) {
      int64_t c = job.next.fetch_add(1, std::memory_order_relaxed);
      if (c >= job.nchunks) break;
      int64_t b = job.begin + c * job.chunk;
      int64_t e = std::min(job.end, b + job.chunk);
      try {
        (*job.fn)(b, e);
      } catch (...) {
        std::lock_guard<std::mutex> g(job.err_mu);
        if (!job.error) job.error = std::current_exception();
      }
    }
    t_in_region = was;
  }

  void workerLoop() {
    uint64_t seen = generation_.load(std::memory_order_acquire);
    for (;;) {
      // Spin a little: the next region usually follows within microseconds.
      bool got = false;
      for (int i = 0; i < 20000; ++i) {
        if (generation_.load(std::memory_order_acquire) != seen || stop_.load()) {
          got = true;
          break;
        }
#if defined(__x86_64__)
        __builtin_ia32_pause();
#endif
      }
      Job* job = nullptr;
      {
        std::unique_lock<std::mutex> g(mu_);
        if (!got) {
          cv_.wait(g, [&] { return generation_.load(std::memory_order_acquire) != seen || stop_.load(); });
        }
        if (stop_.load()) return;
        seen = generation_.load(std::memory_order_acquire);
        job = job_;
        if (job) job->inside.fetch_add(1, std::memory_order_acq_rel);
      }
      if (!job) continue;
      work(*job);
      job->inside.fetch_sub(1, std::memory_order_acq_rel);
    }
  }

  void stopWorkers() {
    {
      std::lock_guard<std::mutex> g(mu_);
      stop_.store(true);
    }
    cv_.notify_all();
    for (auto& t : workers_) t.join();
    workers_.clear();
  }

  int nthreads_ = 1;
  std::vector<std::thread> workers_;
  std::mutex run_mu_;  // one region at a time
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<uint64_t> generation_{0};
  std::atomic<bool> stop_{false};
  Job* job_ = nullptr;  // guarded by mu_
};
#endif

#ifdef WICK_PARALLEL_OPENMP

// The thread count; OpenMP keeps its own team per calling thread.
std::atomic<int>& ompThreads() {
  static std::atomic<int> n{std::max(1, Flags::get().num_threads)};
  return n;
}
// One region at a time: a second caller (another thread's forward) runs its
// range inline rather than oversubscribing the cores with a second team.
std::mutex& regionMutex() {
  static std::mutex* mu = new std::mutex();  // leaked: used at exit
  return *mu;
}

}  // namespace

int numThreads() { return ompThreads().load(std::memory_order_relaxed); }
void setNumThreads(int n) { ompThreads().store(std::max(1, n)); }
bool inParallelRegion() { return t_in_region || omp_in_parallel(); }

void parallelFor(int64_t begin, int64_t end, int64_t grain, FunctionRef<void(int64_t, int64_t)> fn) {
  if (end <= begin) return;
  int64_t range = end - begin;
  if (grain < 1) grain = 1;
  int n = numThreads();
  if (n <= 1 || t_in_region || range < 2 * grain || omp_in_parallel()) {
    fn(begin, end);
    return;
  }
  std::unique_lock<std::mutex> lock(regionMutex(), std::try_to_lock);
  if (!lock.owns_lock()) {
    fn(begin, end);
    return;
  }
  int64_t nchunks = std::min<int64_t>(n, range / grain);
  int64_t chunk = (range + nchunks - 1) / nchunks;
  std::exception_ptr error;
  std::mutex errMu;
#pragma omp parallel num_threads(static_cast<int>(nchunks))
  {
    t_in_region = true;
    int64_t t = omp_get_thread_num(), nt = omp_get_num_threads();
    // Static chunks: thread t runs chunks t, t + nt, ... (nt may be fewer
    // than asked for when OpenMP is short of threads).
    for (int64_t c = t; c < nchunks; c += nt) {
      int64_t b = begin + c * chunk;
      int64_t e = std::min(end, b + chunk);
      try {
        fn(b, e);
      } catch (...) {
        std::lock_guard<std::mutex> g(errMu);
        if (!error) error = std::current_exception();
      }
    }
    t_in_region = false;
  }
  if (error) std::rethrow_exception(error);
}

#else  // Wick's own pool

Pool& pool() {
  static Pool* p = new Pool(Flags::get().num_threads);  // leaked: workers outlive statics
  return *p;
}

}  // namespace

int numThreads() { return pool().size(); }
void setNumThreads(int n) { pool().resize(n); }
bool inParallelRegion() { return t_in_region; }

void parallelFor(int64_t begin, int64_t end, int64_t grain, FunctionRef<void(int64_t, int64_t)> fn) {
  if (end <= begin) return;
  int64_t range = end - begin;
  if (grain < 1) grain = 1;
  if (t_in_region || range < 2 * grain) {
    fn(begin, end);
    return;
  }
  Pool& p = pool();
  int n = p.size();
  if (n <= 1) {
    fn(begin, end);
    return;
  }
  int64_t nchunks = std::min<int64_t>(n, range / grain);
  int64_t chunk = (range + nchunks - 1) / nchunks;
  if (!p.run(begin, end, chunk, fn)) fn(begin, end);
}

#endif

}  // namespace wick
