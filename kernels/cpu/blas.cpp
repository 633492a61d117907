#include "kernels/cpu/blas.h"

#include <dlfcn.h>

#include <climits>
#include <cstdlib>

#include "core/check.h"
#include "wick/threading.h"

namespace wick::kernels::blas {
namespace {

// CBLAS's enums (cblas.h) and entry points, resolved with dlsym: the
// headers are not needed to build, the library only to run float64 GEMM.
constexpr int kRowMajor = 101, kNoTrans = 111, kTrans = 112;
using SgemmFn = void (*)(int, int, int, int, int, int, float, const float*, int, const float*, int, float,
                         float*, int);
using DgemmFn = void (*)(int, int, int, int, int, int, double, const double*, int, const double*, int,
                         double, double*, int);

struct Library {
  SgemmFn sgemm = nullptr;
  DgemmFn dgemm = nullptr;
  std::string path;   // the file the symbols come from
  std::string error;  // why no library is usable; empty when loaded
};

const Library& load() {
  static const Library lib = [] {
    Library l;
    std::string tried;
    for (const char* name : {"libopenblas.so.0", "libblas.so.3"}) {
      void* h = dlopen(name, RTLD_NOW | RTLD_LOCAL);
      if (!h) {
        const char* why = dlerror();
        // dlerror() names the file ("libblas.so.3: cannot open shared object file: ...").
        if (!tried.empty()) tried += "; ";
        tried += why ? std::string(why) : std::string(name) + ": not found";
        continue;
      }
      auto s = reinterpret_cast<SgemmFn>(dlsym(h, "cblas_sgemm"));
      auto d = reinterpret_cast<DgemmFn>(dlsym(h, "cblas_dgemm"));
      if (!s || !d) {
        if (!tried.empty()) tried += "; ";
        tried += fmt::format("{}: has no cblas_sgemm/cblas_dgemm", name);
        dlclose(h);
        continue;
      }
      l.sgemm = s;
      l.dgemm = d;
      Dl_info info{};
      l.path = dladdr(reinterpret_cast<void*>(d), &info) && info.dli_fname ? info.dli_fname : name;
      // OpenBLAS reads its thread count from the environment when loaded;
      // without one set for it, it follows Wick's (not the core count).
      using SetThreadsFn = void (*)(int);
      auto setThreads = reinterpret_cast<SetThreadsFn>(dlsym(h, "openblas_set_num_threads"));
      if (setThreads && !std::getenv("OPENBLAS_NUM_THREADS") && !std::getenv("GOTO_NUM_THREADS"))
        setThreads(numThreads());
      return l;
    }
    l.error = fmt::format(
        "GEMM on float64 tensors needs a BLAS library at run time (Debian: apt-get install "
        "libopenblas0-pthread), and none could be loaded ({})",
        tried);
    return l;
  }();
  WICK_CHECK(lib.error.empty(), "{}", lib.error);
  return lib;
}

int dim(int64_t v, const char* what) {
  WICK_CHECK(v >= 0 && v <= INT_MAX, "BLAS GEMM: {} = {} does not fit BLAS's 32-bit int", what, v);
  return static_cast<int>(v);
}

}  // namespace

void sgemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, float alpha, const float* a,
           int64_t lda, const float* b, int64_t ldb, float beta, float* c, int64_t ldc) {
  const Library& l = load();
  l.sgemm(kRowMajor, transA ? kTrans : kNoTrans, transB ? kTrans : kNoTrans, dim(m, "m"), dim(n, "n"),
          dim(k, "k"), alpha, a, dim(lda, "lda"), b, dim(ldb, "ldb"), beta, c, dim(ldc, "ldc"));
}

void dgemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, double alpha, const double* a,
           int64_t lda, const double* b, int64_t ldb, double beta, double* c, int64_t ldc) {
  const Library& l = load();
  l.dgemm(kRowMajor, transA ? kTrans : kNoTrans, transB ? kTrans : kNoTrans, dim(m, "m"), dim(n, "n"),
          dim(k, "k"), alpha, a, dim(lda, "lda"), b, dim(ldb, "ldb"), beta, c, dim(ldc, "ldc"));
}

std::string library() { return load().path; }

}  // namespace wick::kernels::blas
