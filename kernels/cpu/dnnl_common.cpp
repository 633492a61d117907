// The oneDNN engine and thread count shared by the convolution and linear
// kernels (dnnl_common.h).
#ifdef WICK_WITH_DNNL
#include "kernels/cpu/dnnl_common.h"

#include "core/parallel.h"

#ifdef WICK_WITH_OPENMP
#include <omp.h>
#endif

namespace wick::kernels::dnnl_common {

dnnl::engine& cpuEngine() {
  static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  return engine;
}

// The OpenMP thread count is a per-thread setting, so each calling thread
// sets it when it changes.
//
// The two pools do compete: libgomp's idle workers spin after each region
// by default, taking cores from Wick's pool. Measured with
// bench/conv_bench.cpp (conv_then_hardswish, 2 threads, loaded 2-core
// machine): 32 ms per iteration by default, 7 ms with
// OMP_WAIT_POLICY=PASSIVE. libgomp reads that variable once, when it is
// loaded, so it has to be set in the environment of the process.
void syncThreadCount() {
#ifdef WICK_WITH_OPENMP
  thread_local int applied = -1;
  int n = inParallelRegion() ? 1 : numThreads();
  if (applied != n) {
    omp_set_num_threads(n);
    applied = n;
  }
#endif
}

dnnl::post_ops postOps(const PostKey& k) {
  using A = dnnl::algorithm;
  dnnl::post_ops po;
  if (k.residual) po.append_sum(1.0f);
  switch (k.activation) {
    case EpilogueActivation::None: break;
    case EpilogueActivation::Relu: po.append_eltwise(1.0f, A::eltwise_relu, 0.0f, 0.0f); break;
    case EpilogueActivation::Relu6: po.append_eltwise(1.0f, A::eltwise_clip, 0.0f, 6.0f); break;
    case EpilogueActivation::Hardswish: po.append_eltwise(1.0f, A::eltwise_hardswish, 0.0f, 0.0f); break;
    case EpilogueActivation::Hardsigmoid:
      // relu6(x + 3) / 6 as x / 6 + 1/2 clipped to [0, 1].
      po.append_eltwise(1.0f, A::eltwise_linear, 1.0f / 6.0f, 0.5f);
      po.append_eltwise(1.0f, A::eltwise_clip, 0.0f, 1.0f);
      break;
    case EpilogueActivation::Silu: po.append_eltwise(1.0f, A::eltwise_swish, 1.0f, 0.0f); break;
    case EpilogueActivation::Sigmoid: po.append_eltwise(1.0f, A::eltwise_logistic, 0.0f, 0.0f); break;
    case EpilogueActivation::GeluErf: po.append_eltwise(1.0f, A::eltwise_gelu_erf, 0.0f, 0.0f); break;
    case EpilogueActivation::GeluTanh: po.append_eltwise(1.0f, A::eltwise_gelu_tanh, 0.0f, 0.0f); break;
  }
  return po;
}

Tensor scratchBuffer(const dnnl::memory::desc& md) {
  return Tensor::empty({static_cast<int64_t>(md.get_size())}, DType::UInt8);
}

}  // namespace wick::kernels::dnnl_common
#endif  // WICK_WITH_DNNL
