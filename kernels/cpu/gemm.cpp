// gemm: float32 on oneDNN's sgemm, float64 on OpenBLAS (any layout with a
// unit stride in one dim), a blocked loop for the other dtypes and for
// builds without them. OpenBLAS is opened on first use (kernels/cpu/blas.h),
// so float32-only models never load it.
//
// Why oneDNN for float32 (bench/gemm_bench.cpp, one thread, the shapes of
// resnet18's and mobilenet_v3_small's classifiers and of a 256-wide
// transformer encoder layer): oneDNN generates AVX-512 code for the CPU it
// runs on, while Debian's OpenBLAS 0.3.21 depends on OPENBLAS_CORETYPE. With
// it unset OpenBLAS picks Cooperlake kernels here and the two are even on
// the encoder's GEMMs, but OpenBLAS is 3x slower on 1x1000x1024 (430 vs 140
// us); with OPENBLAS_CORETYPE=Haswell, as these machines and CI export,
// OpenBLAS is 1.5-5x slower on every shape (1x1000x512: 217 vs 41 us;
// 1024x256x1024: 71 vs 36 ms under load). oneDNN's matmul primitive with the
// weight packed once measured within 10% of dnnl_sgemm on these shapes, so
// the plain call, which needs no per-weight cache, is used.
#include <fmt/format.h>

#include <cstring>

#include "core/check.h"
#include "core/dispatch.h"
#include "core/parallel.h"
#include "kernels/cpu/linalg.h"
#include "kernels/cpu/loops.h"

#ifdef WICK_WITH_BLAS
#include "kernels/cpu/blas.h"
#endif
#ifdef WICK_WITH_DNNL
#include <oneapi/dnnl/dnnl.h>

#include "kernels/cpu/conv_internal.h"
#endif

namespace wick::kernels {
namespace {

template <typename T>
using GemmAccT = std::conditional_t<std::is_integral_v<T>, int64_t, OpMathT<T>>;

// C = alpha * A @ B + beta * C with plain strides: rows of C in parallel,
// k-outer / j-inner so the innermost loop runs along B's and C's rows.
template <typename T>
void gemmFallback(const Tensor& a, const Tensor& b, const Tensor& c, Scalar alphaS, Scalar betaS) {
  using acc_t = GemmAccT<T>;
  const int64_t m = c.size(0), n = c.size(1), k = a.size(1);
  const T* A = static_cast<const T*>(a.rawData());
  const T* B = static_cast<const T*>(b.rawData());
  T* C = static_cast<T*>(c.rawData());
  const int64_t as0 = a.stride(0), as1 = a.stride(1), bs0 = b.stride(0), bs1 = b.stride(1);
  const int64_t cs0 = c.stride(0), cs1 = c.stride(1);
  const acc_t alpha = alphaS.to<acc_t>(), beta = betaS.to<acc_t>();
  const bool betaZero = betaS.toDouble() == 0.0 && !betaS.isBool();
  int64_t grain = std::max<int64_t>(1, 4096 / std::max<int64_t>(1, n * k));
  parallelFor(0, m, grain, [&](int64_t r0, int64_t r1) {
    std::vector<acc_t> row(static_cast<size_t>(n));
    for (int64_t i = r0; i < r1; ++i) {
      std::fill(row.begin(), row.end(), acc_t(0));
      for (int64_t p = 0; p < k; ++p) {
        const acc_t av = static_cast<acc_t>(A[i * as0 + p * as1]);
        const T* brow = B + p * bs0;
        for (int64_t j = 0; j < n; ++j) row[j] += av * static_cast<acc_t>(brow[j * bs1]);
      }
      for (int64_t j = 0; j < n; ++j) {
        T& cv = C[i * cs0 + j * cs1];
        acc_t v = alpha * row[j];
        if (!betaZero) v += beta * static_cast<acc_t>(cv);
        cv = static_cast<T>(v);
      }
    }
  });
}

#if defined(WICK_WITH_BLAS) || defined(WICK_WITH_DNNL)
enum class Trans { No, Yes };

// Describes a matrix to BLAS: row-major with leading dim, or transposed.
// Returns false when neither dim has unit stride.
bool blasLayout(const Tensor& t, Trans* trans, int64_t* ld) {
  const int64_t rows = t.size(0), cols = t.size(1);
  if (t.stride(1) == 1 || cols == 1) {
    *trans = Trans::No;
    *ld = std::max<int64_t>({t.stride(0), cols, 1});
    if (rows == 1) *ld = std::max<int64_t>(cols, 1);
    return t.stride(0) >= cols || rows == 1;
  }
  if (t.stride(0) == 1 || rows == 1) {
    *trans = Trans::Yes;
    *ld = std::max<int64_t>({t.stride(1), rows, 1});
    if (cols == 1) *ld = std::max<int64_t>(rows, 1);
    return t.stride(1) >= rows || cols == 1;
  }
  return false;
}
#endif

}  // namespace

bool hasBlas() {
#ifdef WICK_WITH_BLAS
  return true;
#else
  return false;
#endif
}

void gemm(const Tensor& a, const Tensor& b, const Tensor& c, Scalar alpha, Scalar beta) {
  const int64_t m = c.size(0), n = c.size(1), k = a.size(1);
  if (m == 0 || n == 0) return;
  if (k == 0) {
    // An empty sum: C = beta * C.
    if (beta.toDouble() == 0.0) {
      c.copyFrom(Tensor::scalar(0, c.dtype()));
    } else {
      Tensor scaled = Tensor::empty(c.sizes(), c.dtype());
      scaled.copyFrom(c);
      WICK_DISPATCH_ALL(c.dtype(), "gemm", {
        scalar_t* p = static_cast<scalar_t*>(scaled.rawData());
        for (int64_t i = 0; i < scaled.numel(); ++i)
          p[i] = static_cast<scalar_t>(static_cast<double>(p[i]) * beta.toDouble());
      });
      c.copyFrom(scaled);
    }
    return;
  }
#if defined(WICK_WITH_BLAS) || defined(WICK_WITH_DNNL)
  const DType dt = c.dtype();
  if ((dt == DType::Float32 || dt == DType::Float64) && c.stride(1) == 1 && c.stride(0) >= n) {
    Trans ta, tb;
    int64_t lda, ldb;
    Tensor A = a, B = b;
    if (!blasLayout(A, &ta, &lda)) {
      A = a.contiguous();
      blasLayout(A, &ta, &lda);
    }
    if (!blasLayout(B, &tb, &ldb)) {
      B = b.contiguous();
      blasLayout(B, &tb, &ldb);
    }
    const int64_t ldc = std::max<int64_t>(c.stride(0), std::max<int64_t>(n, 1));
#ifdef WICK_WITH_DNNL
    if (dt == DType::Float32) {
      conv::dnnlSyncThreads();
      if (dnnl_sgemm(ta == Trans::Yes ? 'T' : 'N', tb == Trans::Yes ? 'T' : 'N', m, n, k, alpha.to<float>(),
                     static_cast<const float*>(A.rawData()), lda, static_cast<const float*>(B.rawData()), ldb,
                     beta.to<float>(), static_cast<float*>(c.rawData()), ldc) == dnnl_success)
        return;
    }
#endif
#ifdef WICK_WITH_BLAS
    if (dt == DType::Float32) {
      blas::sgemm(ta == Trans::Yes, tb == Trans::Yes, m, n, k, alpha.to<float>(),
                  static_cast<const float*>(A.rawData()), lda, static_cast<const float*>(B.rawData()), ldb,
                  beta.to<float>(), static_cast<float*>(c.rawData()), ldc);
    } else {
      blas::dgemm(ta == Trans::Yes, tb == Trans::Yes, m, n, k, alpha.to<double>(),
                  static_cast<const double*>(A.rawData()), lda, static_cast<const double*>(B.rawData()), ldb,
                  beta.to<double>(), static_cast<double*>(c.rawData()), ldc);
    }
    return;
#endif
  }
#endif
  WICK_CHECK(c.dtype() != DType::Bool, "aten::mm: bool tensors are not supported");
  WICK_DISPATCH_ALL(c.dtype(), "aten::mm", { gemmFallback<scalar_t>(a, b, c, alpha, beta); });
}

}  // namespace wick::kernels
