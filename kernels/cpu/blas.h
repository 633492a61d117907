// Row-major GEMM from a BLAS library that is opened with dlopen on first
// use (libopenblas.so.0, else libblas.so.3, Debian's alternative for
// whichever BLAS is installed), so the BLAS is neither in libwick's ldd
// closure nor loaded by models that never need it. kernels::gemm calls it
// for float64 (float32 goes to oneDNN's sgemm when Wick is built with it).
//
// Threads: unless OPENBLAS_NUM_THREADS or GOTO_NUM_THREADS is set,
// OpenBLAS's thread count is set to WICK_NUM_THREADS's when it is loaded.
#pragma once

#include <cstdint>
#include <string>

namespace wick::kernels::blas {

// C = alpha * op(A) @ op(B) + beta * C, row-major, lda/ldb/ldc the row
// strides. Loads the library on the first call and throws wick::Error when
// none can be loaded or a dimension exceeds BLAS's 32-bit int.
void sgemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, float alpha, const float* a,
           int64_t lda, const float* b, int64_t ldb, float beta, float* c, int64_t ldc);
void dgemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, double alpha, const double* a,
           int64_t lda, const double* b, int64_t ldb, double beta, double* c, int64_t ldc);

// The library in use (the path dlopen resolved), loading it if needed;
// throws like sgemm when there is none.
std::string library();

}  // namespace wick::kernels::blas
