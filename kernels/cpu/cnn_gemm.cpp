// GEMM for im2col convolution: float32 on oneDNN's sgemm when built with
// it (Debian's OpenBLAS 0.3.21 falls back to its SSE3 "Prescott" kernels on
// CPUs it does not know, measured 1.5x slower than PyTorch on U-Net's
// transposed conv), else OpenBLAS; without either, a loop ordered i-k-j so
// the inner loop is a unit-stride axpy the compiler vectorizes, parallel
// over rows of C.
#include "kernels/cpu/cnn_gemm.h"

#include <algorithm>
#include <vector>

#include "core/parallel.h"

#ifdef WICK_WITH_BLAS
#include "kernels/cpu/blas.h"
#endif
#ifdef WICK_WITH_DNNL
#include <oneapi/dnnl/dnnl.h>

#include "kernels/cpu/conv_internal.h"
#endif

namespace wick::kernels::cnn {
namespace {

template <typename T>
void gemmLoops(bool transA, bool transB, int64_t m, int64_t n, int64_t k, const T* a, int64_t lda,
               const T* b, int64_t ldb, T* c, int64_t ldc, bool accumulate) {
  // A transposed B is packed once so the inner loop stays unit-stride.
  std::vector<T> bPacked;
  if (transB) {
    bPacked.resize(static_cast<size_t>(k * n));
    for (int64_t j = 0; j < n; ++j)
      for (int64_t p = 0; p < k; ++p) bPacked[p * n + j] = b[j * ldb + p];
    b = bPacked.data();
    ldb = n;
  }
  int64_t grain = std::max<int64_t>(1, 32768 / std::max<int64_t>(n * k, 1));
  parallelFor(0, m, grain, [&](int64_t i0, int64_t i1) {
    for (int64_t i = i0; i < i1; ++i) {
      T* ci = c + i * ldc;
      if (!accumulate)
        for (int64_t j = 0; j < n; ++j) ci[j] = T(0);
      for (int64_t p = 0; p < k; ++p) {
        T av = transA ? a[p * lda + i] : a[i * lda + p];
        if (av == T(0)) continue;
        const T* bp = b + p * ldb;
        for (int64_t j = 0; j < n; ++j) ci[j] += av * bp[j];
      }
    }
  });
}

}  // namespace

void gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, const float* a, int64_t lda,
          const float* b, int64_t ldb, float* c, int64_t ldc, bool accumulate) {
#ifdef WICK_WITH_DNNL
  conv::dnnlSyncThreads();
  if (dnnl_sgemm(transA ? 'T' : 'N', transB ? 'T' : 'N', m, n, k, 1.0f, a, lda, b, ldb,
                 accumulate ? 1.0f : 0.0f, c, ldc) == dnnl_success)
    return;
#endif
#ifdef WICK_WITH_BLAS
  blas::sgemm(transA, transB, m, n, k, 1.0f, a, lda, b, ldb, accumulate ? 1.0f : 0.0f, c, ldc);
#else
  gemmLoops(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);
#endif
}

void gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, const double* a, int64_t lda,
          const double* b, int64_t ldb, double* c, int64_t ldc, bool accumulate) {
#ifdef WICK_WITH_BLAS
  blas::dgemm(transA, transB, m, n, k, 1.0, a, lda, b, ldb, accumulate ? 1.0 : 0.0, c, ldc);
#else
  gemmLoops(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);
#endif
}

}  // namespace wick::kernels::cnn
