// Row-major GEMM for the CNN kernels: C = A*B (+ C when accumulate), with
// oneDNN's sgemm (float32) or the BLAS opened on first use (float64) when
// built with them, else a cache-friendly parallel loop.
#pragma once

#include <cstdint>

namespace wick::kernels::cnn {

// A is m x k (or k x m when transA), B is k x n (or n x k when transB),
// C is m x n; lda/ldb/ldc are row strides.
void gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, const float* a, int64_t lda,
          const float* b, int64_t ldb, float* c, int64_t ldc, bool accumulate);
void gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, const double* a, int64_t lda,
          const double* b, int64_t ldb, double* c, int64_t ldc, bool accumulate);

}  // namespace wick::kernels::cnn
