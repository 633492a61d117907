// The BLAS that float64 GEMM opens on first use (kernels/cpu/blas.h):
// results through every operand layout, the library it resolved, and the
// 32-bit limit of BLAS's dimensions.
#include <dlfcn.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "kernels/cpu/blas.h"
#include "kernels/cpu/creation.h"
#include "kernels/cpu/linalg.h"
#include "kernels/cpu/shape.h"
#include "wick/error.h"
#include "wick/threading.h"

namespace wick::testing {
namespace {

namespace k = kernels;

TEST(Blas, Float64GemmThroughTheOpenedLibrary) {
  if (!k::hasBlas()) GTEST_SKIP() << "built without WICK_WITH_BLAS";
  const int64_t m = 9, kk = 13, n = 6;
  Tensor a = k::reshape(k::rand({m * kk}, DType::Float64), {m, kk});
  Tensor b = k::reshape(k::rand({kk * n}, DType::Float64), {kk, n});
  // Transposed views of contiguous copies: BLAS's Trans flags.
  for (bool transA : {false, true}) {
    for (bool transB : {false, true}) {
      Tensor A = transA ? k::transpose(k::transpose(a, 0, 1).contiguous(), 0, 1) : a;
      Tensor B = transB ? k::transpose(k::transpose(b, 0, 1).contiguous(), 0, 1) : b;
      Tensor c = k::mm(A, B);
      for (int64_t i = 0; i < m; ++i) {
        for (int64_t j = 0; j < n; ++j) {
          double e = 0;
          for (int64_t p = 0; p < kk; ++p) e += a.at(i * kk + p).toDouble() * b.at(p * n + j).toDouble();
          ASSERT_NEAR(c.at(i * n + j).toDouble(), e, 1e-12) << transA << transB << " at " << i << "," << j;
        }
      }
    }
  }
  std::string lib = k::blas::library();
  ASSERT_FALSE(lib.empty());
  void* h = dlopen(lib.c_str(), RTLD_NOW | RTLD_NOLOAD);
  ASSERT_NE(h, nullptr) << lib << " is not loaded";
  // OpenBLAS runs on Wick's thread count unless its own variable is set.
  auto getThreads = reinterpret_cast<int (*)()>(dlsym(h, "openblas_get_num_threads"));
  if (getThreads && !std::getenv("OPENBLAS_NUM_THREADS") && !std::getenv("GOTO_NUM_THREADS"))
    EXPECT_EQ(getThreads(), numThreads());
  dlclose(h);
}

TEST(Blas, DimensionsBeyondIntAreAnError) {
  if (!k::hasBlas()) GTEST_SKIP() << "built without WICK_WITH_BLAS";
  double x = 0;
  EXPECT_THROW(k::blas::dgemm(false, false, int64_t{1} << 31, 1, 1, 1.0, &x, 1, &x, 1, 0.0, &x, 1), Error);
}

}  // namespace
}  // namespace wick::testing
