// float32 linear layers on oneDNN's matmul with the weight packed once.
//
// Why not dnnl_sgemm, which gemm() calls: the matmul primitive packs the
// weight into its blocked layout once per weight, where sgemm repacks it on
// every call. Measured here at 1 thread (oneDNN 2.6, brg:avx512_core):
// 64x1024 @ 1024x4096 4.74 -> 3.43 ms (the MLP of W4, now at this
// machine's sgemm peak), 1024x256 @ 256x1024 3.62 -> 3.22 ms,
// 16x256 @ 256x1024 0.091 -> 0.049 ms; 1x512 @ 512x1000 even (0.035). It
// also takes post-ops, so the JIT's fuse_epilogues pass folds bias +
// ReLU/GELU/SiLU and a residual add into the product.
//
// A weight gets its plan on its second call (kHotAfter): the first call
// runs on sgemm, so packing is paid only by weights that come back. The
// callers pass only weights that never change (the JIT's frozen constants,
// through wick::linear_fused): a packed copy is never refreshed.
#include "kernels/cpu/linear_dnnl.h"

#ifdef WICK_WITH_DNNL
#include <memory>
#include <unordered_map>

#include "kernels/cpu/dnnl_common.h"
#endif

namespace wick::kernels::linear_dnnl {

#ifdef WICK_WITH_DNNL
namespace {

using dnnl::memory;
using Tag = memory::format_tag;
using dnnl_common::PostKey;

constexpr int64_t kHotAfter = 2;

// One problem size (rows M) for one weight. Read-only once built.
struct Plan {
  int64_t m = 0;
  bool hasBias = false;
  PostKey requested;
  bool fused = false;     // the primitive applies `requested`
  bool declined = false;  // only a reference kernel: the GEMM path runs it
  dnnl::matmul::primitive_desc pd;
  dnnl::matmul prim;
  std::shared_ptr<memory> weights;  // packed; shared by the weight's plans of one layout
};

using Cache = dnnl_common::WeightPlanCache<Plan>;

Cache& cache() {
  static Cache* c = new Cache();  // never destroyed: used at exit
  return *c;
}

std::shared_ptr<Plan> buildPlan(const Tensor& weight, int64_t m, bool hasBias, const PostKey& post,
                                bool withPost) {
  auto& eng = dnnl_common::cpuEngine();
  int64_t n = weight.size(0), k = weight.size(1);
  auto plan = std::make_shared<Plan>();
  plan->m = m;
  plan->hasBias = hasBias;
  plan->requested = post;
  plan->fused = withPost && !post.empty();
  memory::desc src({m, k}, memory::data_type::f32, Tag::ab);
  memory::desc dst({m, n}, memory::data_type::f32, Tag::ab);
  memory::desc wAny({k, n}, memory::data_type::f32, Tag::any);
  memory::desc bias({1, n}, memory::data_type::f32, Tag::ab);
  auto desc = hasBias ? dnnl::matmul::desc(src, wAny, bias, dst) : dnnl::matmul::desc(src, wAny, dst);
  dnnl::primitive_attr attr;
  attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  if (plan->fused) attr.set_post_ops(dnnl_common::postOps(post));
  plan->pd = dnnl::matmul::primitive_desc(desc, attr, eng);
  if (dnnl_common::isReference(plan->pd)) {
    if (plan->fused) return nullptr;  // try again without the post-ops
    plan->declined = true;
    return plan;
  }
  plan->prim = dnnl::matmul(plan->pd);
  // Another row count of the same weight may have packed it this way.
  memory::desc packed = plan->pd.weights_desc();
  if (auto other = cache().any(weight, [&](const Plan& p) { return p.weights && p.weights->get_desc() == packed; })) {
    plan->weights = other->weights;
    return plan;
  }
  // weight is [n, k]; the product wants weight.T, [k, n], with its strides.
  memory::desc user({k, n}, memory::data_type::f32, memory::dims{weight.stride(1), weight.stride(0)});
  memory userMem(user, eng, weight.rawData());
  plan->weights = std::make_shared<memory>(packed, eng);
  dnnl::stream strm(eng);
  dnnl::reorder(userMem, *plan->weights).execute(strm, userMem, *plan->weights);
  strm.wait();
  return plan;
}

}  // namespace

Tensor run(const Tensor& input, const Tensor& weight, const Tensor& bias, const Epilogue* epilogue,
           bool* applied) {
  if (applied) *applied = false;
  if (input.dtype() != DType::Float32 || weight.dtype() != DType::Float32 || weight.dim() != 2 ||
      input.dim() < 1 || input.device().type != DeviceType::CPU || weight.device().type != DeviceType::CPU)
    return {};
  int64_t n = weight.size(0), k = weight.size(1);
  if (n == 0 || k == 0 || input.size(-1) != k) return {};
  bool hasBias = bias.defined();
  if (hasBias && (bias.dtype() != DType::Float32 || bias.dim() != 1 || bias.size(0) != n ||
                  bias.device().type != DeviceType::CPU))
    return {};
  int64_t m = input.numel() / k;
  if (m == 0) return {};
  DimVector outSizes(input.sizes());
  outSizes.back() = n;
  PostKey post;
  if (epilogue) {
    const Tensor& r = epilogue->residual;
    if (r.defined() && (r.dtype() != DType::Float32 || r.sizes() != IntArrayRef(outSizes) ||
                        r.device().type != DeviceType::CPU))
      return {};
    post.residual = r.defined();
    post.activation = epilogue->activation;
  }

  int64_t calls = 0;
  auto matches = [&](const Plan& p) { return p.m == m && p.hasBias == hasBias && p.requested == post; };
  std::shared_ptr<Plan> plan = cache().find(weight, matches, &calls);
  if (!plan) {
    if (calls < kHotAfter) return {};
    try {
      plan = buildPlan(weight, m, hasBias, post, true);
      if (!plan) plan = buildPlan(weight, m, hasBias, post, false);
    } catch (const dnnl::error&) {
      return {};
    }
    cache().insert(weight, plan);
  }
  if (plan->declined) return {};

  dnnl_common::syncThreadCount();
  auto& eng = dnnl_common::cpuEngine();
  thread_local dnnl::stream strm(eng);
  Tensor x = input.contiguous();
  Tensor out = Tensor::empty(outSizes, DType::Float32);
  if (plan->fused && post.residual) out.copyFrom(epilogue->residual);  // the sum post-op adds dst
  memory src(plan->pd.src_desc(), eng, x.rawData());
  memory dst(plan->pd.dst_desc(), eng, out.rawData());
  Tensor scratch = dnnl_common::scratchBuffer(plan->pd.scratchpad_desc());
  std::unordered_map<int, memory> args{{DNNL_ARG_SRC, src},
                                       {DNNL_ARG_WEIGHTS, *plan->weights},
                                       {DNNL_ARG_DST, dst},
                                       {DNNL_ARG_SCRATCHPAD, memory(plan->pd.scratchpad_desc(), eng, scratch.rawData())}};
  Tensor b;
  if (hasBias) {
    b = bias.contiguous();
    args.emplace(DNNL_ARG_BIAS, memory(plan->pd.bias_desc(), eng, b.rawData()));
  }
  plan->prim.execute(strm, args);
  strm.wait();
  if (applied) *applied = plan->fused;
  return out;
}

void clearCache() { cache().clear(); }
size_t cacheSize() { return cache().size(); }

#else  // oneDNN not built in: the GEMM path runs every linear layer.

Tensor run(const Tensor&, const Tensor&, const Tensor&, const Epilogue*, bool* applied) {
  if (applied) *applied = false;
  return {};
}
void clearCache() {}
size_t cacheSize() { return 0; }

#endif

}  // namespace wick::kernels::linear_dnnl
