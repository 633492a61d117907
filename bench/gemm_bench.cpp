// GEMM on the shapes of the speed models (issue 4), one line per shape and
// library: OpenBLAS cblas_sgemm, oneDNN's dnnl_sgemm, and oneDNN's matmul
// primitive with the weight reordered once (what a per-weight cache gives).
// Each shape is checked against OpenBLAS before it is timed. Standalone (no
// Google Benchmark, no Wick), so it runs under any OPENBLAS_CORETYPE:
//
//   for ct in "" Haswell SkylakeX; do OPENBLAS_CORETYPE=$ct OMP_NUM_THREADS=1 \
//     OPENBLAS_NUM_THREADS=1 build/bench/gemm_bench; done
//
// Prints the median of --reps timed calls, in microseconds. Built only to
// say so where OpenBLAS or oneDNN is missing.
#if __has_include(<cblas.h>) && __has_include(<oneapi/dnnl/dnnl.hpp>)
#define WICK_GEMM_BENCH 1
#endif
#include <cstdio>

#ifdef WICK_GEMM_BENCH
#include <cblas.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <oneapi/dnnl/dnnl.hpp>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using dnnl::memory;

// C[m,n] = A[m,k] @ W^T where W is [n,k] (a linear layer), or A @ B with
// B [k,n] when transB is false (attention's matmuls).
struct Shape {
  const char* name;
  int64_t m, n, k;
  bool weightT;  // B given as W[n,k] (nn.Linear's layout)
};

const Shape kShapes[] = {
    {"resnet18_fc        1x1000x512", 1, 1000, 512, true},
    {"mnv3s_fc1          1x1024x576", 1, 1024, 576, true},
    {"mnv3s_fc2          1x1000x1024", 1, 1000, 1024, true},
    {"enc_in_proj     1024x768x256", 1024, 768, 256, true},
    {"enc_out_proj    1024x256x256", 1024, 256, 256, true},
    {"enc_linear1     1024x1024x256", 1024, 1024, 256, true},
    {"enc_linear2     1024x256x1024", 1024, 256, 1024, true},
    {"attn_qk          128x128x64", 128, 128, 64, false},
    {"attn_v           128x64x128", 128, 64, 128, false},
};

template <typename F>
double medianUs(int reps, F&& f) {
  for (int i = 0; i < 3; ++i) f();
  std::vector<double> t;
  for (int i = 0; i < reps; ++i) {
    auto t0 = Clock::now();
    f();
    t.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

float maxDiff(const std::vector<float>& a, const std::vector<float>& b) {
  float d = 0;
  for (size_t i = 0; i < a.size(); ++i) d = std::max(d, std::fabs(a[i] - b[i]));
  return d;
}

}  // namespace

int main(int argc, char** argv) {
  int reps = 200;
  for (int i = 1; i < argc; ++i)
    if (!std::strncmp(argv[i], "--reps=", 7)) reps = std::atoi(argv[i] + 7);
  const char* ct = std::getenv("OPENBLAS_CORETYPE");
  std::printf("OpenBLAS core %s (OPENBLAS_CORETYPE=%s), threads %d; median of %d calls, us\n",
              openblas_get_corename(), ct ? ct : "", openblas_get_num_threads(), reps);
  std::printf("%-32s %10s %10s %10s\n", "shape (m x n x k)", "openblas", "dnnl_sgemm", "matmul");
  dnnl::engine eng(dnnl::engine::kind::cpu, 0);
  dnnl::stream strm(eng);
  std::mt19937 rng(0);
  std::normal_distribution<float> nd;
  for (const Shape& s : kShapes) {
    std::vector<float> A(s.m * s.k), W(s.n * s.k), C0(s.m * s.n), C1(s.m * s.n), C2(s.m * s.n);
    for (auto& v : A) v = nd(rng);
    for (auto& v : W) v = nd(rng);
    const CBLAS_TRANSPOSE tb = s.weightT ? CblasTrans : CblasNoTrans;
    const int ldb = static_cast<int>(s.weightT ? s.k : s.n);
    auto blas = [&] {
      cblas_sgemm(CblasRowMajor, CblasNoTrans, tb, s.m, s.n, s.k, 1.f, A.data(), s.k, W.data(), ldb, 0.f,
                  C0.data(), s.n);
    };
    auto dsgemm = [&] {
      dnnl_sgemm('N', s.weightT ? 'T' : 'N', s.m, s.n, s.k, 1.f, A.data(), s.k, W.data(), ldb, 0.f, C1.data(),
                 s.n);
    };
    // matmul: weights described by their real strides, reordered once into
    // the layout the primitive asks for.
    memory::desc aMd({s.m, s.k}, memory::data_type::f32, memory::format_tag::ab);
    memory::desc wUser({s.k, s.n}, memory::data_type::f32,
                       s.weightT ? memory::format_tag::ba : memory::format_tag::ab);
    memory::desc wAny({s.k, s.n}, memory::data_type::f32, memory::format_tag::any);
    memory::desc cMd({s.m, s.n}, memory::data_type::f32, memory::format_tag::ab);
    dnnl::matmul::primitive_desc pd(dnnl::matmul::desc(aMd, wAny, cMd), eng);
    memory wPacked(pd.weights_desc(), eng);
    memory wUserMem(wUser, eng, W.data());
    dnnl::reorder(wUserMem, wPacked).execute(strm, wUserMem, wPacked);
    strm.wait();
    dnnl::matmul prim(pd);
    memory aMem(aMd, eng, A.data()), cMem(cMd, eng, C2.data());
    std::unordered_map<int, memory> args{{DNNL_ARG_SRC, aMem}, {DNNL_ARG_WEIGHTS, wPacked}, {DNNL_ARG_DST, cMem}};
    auto mm = [&] {
      prim.execute(strm, args);
      strm.wait();
    };
    blas();
    dsgemm();
    mm();
    float d1 = maxDiff(C0, C1), d2 = maxDiff(C0, C2);
    if (d1 > 1e-2f || d2 > 1e-2f) {
      std::fprintf(stderr, "%s: results differ (dnnl_sgemm %g, matmul %g)\n", s.name, d1, d2);
      return 1;
    }
    double tb_ = medianUs(reps, blas), td = medianUs(reps, dsgemm), tm = medianUs(reps, mm);
    std::printf("%-32s %10.1f %10.1f %10.1f   matmul impl %s\n", s.name, tb_, td, tm, pd.impl_info_str());
  }
  return 0;
}

#else

int main() {
  std::puts("gemm_bench needs OpenBLAS and oneDNN headers");
  return 0;
}

#endif
