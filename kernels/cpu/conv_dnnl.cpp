// The oneDNN convolution path with a cache of prepared weights
// (dnnl_common.h): the first call for a weight and input shape builds the
// primitive and reorders the weight into oneDNN's blocked layout (shared by
// the weight's plans that want the same one); later calls with the same
// weight storage and input shape only run the primitive. Hot 3x3 plans turn
// to Winograd (winogradPays).
#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/flags.h"
#include "core/parallel.h"
#include "kernels/cpu/conv_internal.h"

#ifdef WICK_WITH_DNNL
#include "kernels/cpu/dnnl_common.h"
#endif

namespace wick::kernels::conv {

bool isChannelsLast(const Tensor& t) {
  if (t.dim() != 4 || t.isContiguous()) return false;
  int64_t c = t.size(1), h = t.size(2), w = t.size(3);
  return t.stride(1) == 1 && t.stride(3) == c && t.stride(2) == w * c && (t.size(0) == 1 || t.stride(0) == h * w * c);
}

#ifdef WICK_WITH_DNNL
namespace {

using dnnl::memory;
using Tag = memory::format_tag;

using dnnl_common::cpuEngine;
using dnnl_common::isReference;
using dnnl_common::PostKey;
using dnnl_common::postOps;
using dnnl_common::scratchBuffer;
using dnnl_common::syncThreadCount;

bool sameShape(const Conv2dShape& a, const Conv2dShape& b) {
  return a.n == b.n && a.c == b.c && a.h == b.h && a.w == b.w && a.o == b.o && a.oh == b.oh &&
         a.ow == b.ow && a.kh == b.kh && a.kw == b.kw && a.sh == b.sh && a.sw == b.sw &&
         a.ph == b.ph && a.pw == b.pw && a.dh == b.dh && a.dw == b.dw && a.groups == b.groups;
}

// A primitive for one problem plus the weight already in its layout. Read
// only once built, so threads share it without a lock.
struct Plan {
  Conv2dShape shape{};
  bool hasBias = false;
  PostKey requested;
  bool fused = false;  // the primitive applies `requested`
  bool srcNhwc = false, dstNhwc = false;  // the caller's layouts (else NCHW)
  // Put a residual held in NCHW [0] or NHWC [1] into the primitive's dst
  // layout (sum post-op); unset where the layouts are the same.
  std::optional<dnnl::reorder> residualFrom[2];
  dnnl::convolution_forward::primitive_desc pd;
  dnnl::convolution_forward prim;
  memory::desc userSrc, userDst;
  // Set when the primitive wants a layout other than plain NCHW.
  std::optional<dnnl::reorder> srcReorder, dstReorder;
  // In pd.weights_desc(); shared by the weight's plans that want the same
  // layout (input shapes), so a weight seen with several input sizes is
  // reordered and held once per layout.
  std::shared_ptr<memory> weights;
  bool winograd = false;           // pd is a Winograd kernel
  bool winogradCandidate = false;  // direct now; Winograd once hot (winogradPays)
  mutable std::atomic<int> uses{0};
};

memory::dims weightDims(const Conv2dShape& s) {
  if (s.groups == 1) return {s.o, s.c, s.kh, s.kw};
  return {s.groups, s.o / s.groups, s.c / s.groups, s.kh, s.kw};
}

// Winograd F(2x2, 3x3) (F(4x4, 3x3) for larger batches) does 2.25x (4x)
// fewer multiplications than direct 3x3 convolution. Measured with oneDNN
// 2.6 on this AVX-512 machine at 1 thread, reorders from and to NHWC
// included: resnet18's 3x3 stride-1 layers 1.2-1.35 -> 0.72-0.8 ms (64 to
// 512 channels; 0.6 -> 0.35-0.4 ms at 2 threads), 64->128 channels at
// 56x56 2.8 -> 1.8 ms, 32 channels at 112x112 1.51 -> 1.41, 24->40 at
// 28x28 0.105 -> 0.089; but 16 channels at 112x112 0.44 -> 0.70 and the
// 3-channel stem 2.2 -> 5.2 (too little work per transformed tile). Its
// error against a float64 reference is no larger than direct
// convolution's (F(2x2,3x3): 1e-6 vs 2-3e-6 absolute on unit-variance
// data; F(4x4,3x3) 5.6e-6 vs 2.3e-6).
//
// Its weight transform is slow, though (oneDNN's wino_reorder, ~20 ns per
// weight: 12 ms for 256x256x3x3, 50 ms for 512x512x3x3), so a plan starts
// direct and turns Winograd after kWinogradAfter calls (the profiling run,
// one-shot calls and cold layers never pay for it), and only where the
// output has at least 14x14 pixels per image: below that the transform
// takes hundreds of calls to pay back (resnet18's 7x7 layer4 gains 0.2 ms
// per call for 50 ms). WICK_WINOGRAD=0 keeps every convolution direct.
constexpr int kWinogradAfter = 8;

bool winogradPays(const Conv2dShape& s) {
  return Flags::get().winograd && s.groups == 1 && s.kh == 3 && s.kw == 3 && s.sh == 1 && s.sw == 1 &&
         s.dh == 1 && s.dw == 1 && s.c >= 24 && s.o >= 24 && s.oh * s.ow >= 14 * 14;
}

using WeightCache = dnnl_common::WeightPlanCache<Plan>;

WeightCache& weightCache() {
  static WeightCache* cache = new WeightCache();  // never destroyed: used at exit
  return *cache;
}

std::shared_ptr<Plan> buildPlan(const Tensor& weight, const Conv2dShape& s, bool hasBias,
                                const PostKey& post, bool withPost, bool srcNhwc, bool dstNhwc,
                                bool winograd = false) {
  auto& eng = cpuEngine();
  auto plan = std::make_shared<Plan>();
  plan->shape = s;
  plan->hasBias = hasBias;
  plan->requested = post;
  plan->fused = withPost && !post.empty();
  plan->srcNhwc = srcNhwc;
  plan->dstNhwc = dstNhwc;
  memory::dims srcDims{s.n, s.c, s.h, s.w}, dstDims{s.n, s.o, s.oh, s.ow};
  plan->userSrc = memory::desc(srcDims, memory::data_type::f32, srcNhwc ? Tag::nhwc : Tag::nchw);
  plan->userDst = memory::desc(dstDims, memory::data_type::f32, dstNhwc ? Tag::nhwc : Tag::nchw);
  // `any` lets oneDNN pick its blocked layouts (nChw16c on AVX-512), which
  // run several times faster than its plain-NCHW kernels; the activations
  // are reordered per call, the weights once per plan.
  memory::desc srcAny(srcDims, memory::data_type::f32, Tag::any);
  memory::desc dstAny(dstDims, memory::data_type::f32, Tag::any);
  memory::desc wAny(weightDims(s), memory::data_type::f32, Tag::any);
  memory::desc biasMd({s.o}, memory::data_type::f32, Tag::x);
  memory::dims strides{s.sh, s.sw}, dil{s.dh - 1, s.dw - 1}, padL{s.ph, s.pw};
  memory::dims padR{(s.oh - 1) * s.sh + (s.kh - 1) * s.dh + 1 - s.h - s.ph,
                    (s.ow - 1) * s.sw + (s.kw - 1) * s.dw + 1 - s.w - s.pw};
  auto makePd = [&](const memory::desc& src, const memory::desc& dst,
                    dnnl::algorithm alg = dnnl::algorithm::convolution_direct) {
    auto desc = hasBias ? dnnl::convolution_forward::desc(dnnl::prop_kind::forward_inference, alg, src,
                                                          wAny, biasMd, dst, strides, dil, padL, padR)
                        : dnnl::convolution_forward::desc(dnnl::prop_kind::forward_inference, alg, src,
                                                          wAny, dst, strides, dil, padL, padR);
    dnnl::primitive_attr attr;
    attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
    if (plan->fused) attr.set_post_ops(postOps(post));
    return dnnl::convolution_forward::primitive_desc(desc, attr, eng);
  };
  if (winograd) {
    plan->pd = makePd(srcAny, dstAny, dnnl::algorithm::convolution_winograd);  // throws where none
    if (isReference(plan->pd)) return nullptr;
    plan->winograd = true;
  } else {
    plan->pd = makePd(srcAny, dstAny);
    plan->winogradCandidate = winogradPays(s);
  }
  // For depthwise convolutions `any` picks NHWC, whose reorders from and
  // to NCHW cost more than the convolution itself; nChw16c's reorders are
  // several times cheaper (bench/conv_bench.cpp: 650 -> 420 us on
  // mobilenet's 144-channel 56x56 3x3). Only where a JIT kernel takes it:
  // for other shapes (the 3-channel stem) nChw16c falls to a reference
  // kernel hundreds of times slower.
  memory::desc nhwc(srcDims, memory::data_type::f32, Tag::nhwc);
  bool depthwise = s.groups > 1 && s.c == s.groups;
  if (depthwise && plan->pd.src_desc() == nhwc) {
    try {
      auto blocked = makePd(memory::desc(srcDims, memory::data_type::f32, Tag::nChw16c),
                            memory::desc(dstDims, memory::data_type::f32, Tag::nChw16c));
      if (!isReference(blocked)) plan->pd = blocked;
    } catch (const dnnl::error&) {
      // Keep the NHWC primitive.
    }
  }
  // Post-ops are not worth a reference kernel: the caller runs the
  // epilogue as separate ops instead.
  if (plan->fused && isReference(plan->pd)) return nullptr;
  plan->prim = dnnl::convolution_forward(plan->pd);
  if (plan->pd.src_desc() != plan->userSrc)
    plan->srcReorder = dnnl::reorder(dnnl::reorder::primitive_desc(eng, plan->userSrc, eng, plan->pd.src_desc()));
  if (plan->pd.dst_desc() != plan->userDst)
    plan->dstReorder = dnnl::reorder(dnnl::reorder::primitive_desc(eng, plan->pd.dst_desc(), eng, plan->userDst));
  if (plan->fused && post.residual) {
    for (int nhwc = 0; nhwc < 2; ++nhwc) {
      memory::desc from(dstDims, memory::data_type::f32, nhwc ? Tag::nhwc : Tag::nchw);
      if (from != plan->pd.dst_desc())
        plan->residualFrom[nhwc] = dnnl::reorder(dnnl::reorder::primitive_desc(eng, from, eng, plan->pd.dst_desc()));
    }
  }

  memory::desc packed = plan->pd.weights_desc();
  if (auto other = weightCache().any(weight, [&](const Plan& p) { return p.weights->get_desc() == packed; })) {
    plan->weights = other->weights;
    return plan;
  }
  memory::desc userW(weightDims(s), memory::data_type::f32, s.groups == 1 ? Tag::oihw : Tag::goihw);
  memory userWeights(userW, eng, weight.rawData());
  // A copy even in the same layout, so the plan never points at user memory.
  plan->weights = std::make_shared<memory>(packed, eng);
  dnnl::stream strm(eng);
  dnnl::reorder(userWeights, *plan->weights).execute(strm, userWeights, *plan->weights);
  strm.wait();
  return plan;
}

}  // namespace

bool dnnlConv2d(const Tensor& input, const Tensor& weight, const Tensor& bias, const Tensor& out,
                const Conv2dShape& s, bool cacheWeights, const Epilogue* epilogue,
                bool* applied) {
  if (s.transposed || input.dtype() != DType::Float32) return false;
  syncThreadCount();
  bool hasBias = bias.defined();
  PostKey post;
  if (epilogue) {
    post.residual = epilogue->residual.defined();
    post.activation = epilogue->activation;
  }
  bool srcNhwc = isChannelsLast(input), dstNhwc = isChannelsLast(out);
  auto matches = [&](const Plan& p) {
    return sameShape(p.shape, s) && p.hasBias == hasBias && p.requested == post && p.srcNhwc == srcNhwc &&
           p.dstNhwc == dstNhwc;
  };
  std::shared_ptr<Plan> plan = cacheWeights ? weightCache().find(weight, matches) : nullptr;
  if (!plan) {
    try {
      plan = buildPlan(weight, s, hasBias, post, true, srcNhwc, dstNhwc);
      if (!plan) plan = buildPlan(weight, s, hasBias, post, false, srcNhwc, dstNhwc);
    } catch (const dnnl::error&) {
      return false;  // a problem oneDNN does not take: the GEMM path runs it
    }
    if (cacheWeights) weightCache().insert(weight, plan);
  }
  if (plan->winogradCandidate && cacheWeights && ++plan->uses == kWinogradAfter) {
    // Hot: swap in the Winograd plan for this and later calls. Threads
    // still running the direct plan keep it alive through their pointer.
    std::shared_ptr<Plan> wino;
    try {
      wino = buildPlan(weight, s, hasBias, post, plan->fused, srcNhwc, dstNhwc, /*winograd=*/true);
    } catch (const dnnl::error&) {
      // No Winograd kernel for this problem: stay direct.
    }
    if (wino) {
      weightCache().insert(weight, wino, plan.get());
      plan = std::move(wino);
    }
  }
  if (applied) *applied = plan->fused;
  auto& eng = cpuEngine();
  thread_local dnnl::stream strm(eng);
  memory src(plan->userSrc, eng, input.rawData());
  memory dst(plan->userDst, eng, out.rawData());
  Tensor scratch = scratchBuffer(plan->pd.scratchpad_desc());
  memory scratchMem(plan->pd.scratchpad_desc(), eng, scratch.rawData());
  auto buffer = scratchBuffer;
  memory convSrc = src, convDst = dst;
  Tensor srcBuf, dstBuf;
  if (plan->srcReorder) {
    srcBuf = buffer(plan->pd.src_desc());
    convSrc = memory(plan->pd.src_desc(), eng, srcBuf.rawData());
    plan->srcReorder->execute(strm, src, convSrc);
  }
  if (plan->dstReorder) {
    dstBuf = buffer(plan->pd.dst_desc());
    convDst = memory(plan->pd.dst_desc(), eng, dstBuf.rawData());
  }
  // The sum post-op adds what dst holds: the residual, in dst's layout.
  if (plan->fused && plan->requested.residual) {
    const Tensor& r = epilogue->residual;
    int nhwc = isChannelsLast(r) ? 1 : 0;
    if (plan->residualFrom[nhwc]) {
      memory::desc from({s.n, s.o, s.oh, s.ow}, memory::data_type::f32, nhwc ? Tag::nhwc : Tag::nchw);
      memory res(from, eng, r.rawData());
      plan->residualFrom[nhwc]->execute(strm, res, convDst);
    } else {
      std::memcpy(convDst.get_data_handle(), r.rawData(), static_cast<size_t>(out.numel()) * sizeof(float));
    }
  }
  std::unordered_map<int, memory> args{{DNNL_ARG_SRC, convSrc},
                                       {DNNL_ARG_WEIGHTS, *plan->weights},
                                       {DNNL_ARG_DST, convDst},
                                       {DNNL_ARG_SCRATCHPAD, scratchMem}};
  if (hasBias) args.emplace(DNNL_ARG_BIAS, memory(plan->pd.bias_desc(), eng, bias.rawData()));
  plan->prim.execute(strm, args);
  if (plan->dstReorder) plan->dstReorder->execute(strm, convDst, dst);
  strm.wait();
  return true;
}

void dnnlClearCache() { weightCache().clear(); }
void dnnlForget(const Tensor& weight) {
  if (weight.defined() && weight.storage()) weightCache().erase(weight);
}
void dnnlSyncThreads() { syncThreadCount(); }
size_t dnnlCacheSize() { return weightCache().size(); }
size_t dnnlWinogradPlans() { return weightCache().countPlans([](const Plan& p) { return p.winograd; }); }
bool dnnlAvailable() { return true; }

#else  // oneDNN not built in: the GEMM path runs every convolution.

bool dnnlConv2d(const Tensor&, const Tensor&, const Tensor&, const Tensor&, const Conv2dShape&,
                bool, const Epilogue*, bool*) {
  return false;
}
void dnnlClearCache() {}
void dnnlSyncThreads() {}
void dnnlForget(const Tensor&) {}
size_t dnnlCacheSize() { return 0; }
size_t dnnlWinogradPlans() { return 0; }
bool dnnlAvailable() { return false; }

#endif

}  // namespace wick::kernels::conv
