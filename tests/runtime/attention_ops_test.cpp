// kernels::attention (the core of scaled_dot_product_attention and the fused
// multi-head attention ops) against a direct evaluation of
// softmax(scale * q @ k^T + mask) @ v, and the attention ops' registrations
// (baddbmm, the list any/all, the fast-path predicates, their errors).
// The ops end to end against PyTorch are the tel_* / mha_* model fixtures.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/check.h"
#include "kernels/cpu/attention.h"
#include "kernels/cpu/creation.h"
#include "runtime/operator.h"
#include "wick/tensor.h"

namespace wick::testing {
namespace {

namespace k = kernels;

Stack runOp(const std::string& overload, Stack args) {
  const Operator* op = OperatorRegistry::global().findOverload(overload);
  if (!op) throw std::runtime_error("no operator " + overload);
  op->fn(args);
  return args;
}

std::string opError(const std::string& overload, Stack args) {
  try {
    runOp(overload, std::move(args));
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

void expectTensorClose(const Tensor& actual, const Tensor& expected, double rtol, double atol,
                       const std::string& what) {
  ASSERT_EQ(actual.sizes(), expected.sizes()) << what;
  ASSERT_EQ(actual.dtype(), expected.dtype()) << what;
  Tensor a = actual.to(DType::Float64).contiguous(), e = expected.to(DType::Float64).contiguous();
  for (int64_t i = 0; i < a.numel(); ++i) {
    double x = a.data<double>()[i], y = e.data<double>()[i];
    if (std::isnan(y)) {
      EXPECT_TRUE(std::isnan(x)) << what << " at " << i;
      continue;
    }
    EXPECT_LE(std::abs(x - y), atol + rtol * std::abs(y)) << what << " at " << i << ": " << x << " vs " << y;
  }
}

// [n, l, e] x [n, s, e] x [n, s, ev]; mask [l, s] (or empty) read per kind.
Tensor reference(const Tensor& q, const Tensor& kk, const Tensor& v, const Tensor& mask, k::AttentionMask kind,
                 double scale, bool causal, bool zeroRows) {
  const int64_t n = q.size(0), l = q.size(1), e = q.size(2), s = kk.size(1), ev = v.size(2);
  Tensor out = Tensor::zeros({n, l, ev}, DType::Float64);
  Tensor qd = q.to(DType::Float64).contiguous(), kd = kk.to(DType::Float64).contiguous(),
         vd = v.to(DType::Float64).contiguous();
  Tensor md = mask.defined() ? mask.to(DType::Float64).contiguous() : Tensor();
  const double ninf = -std::numeric_limits<double>::infinity();
  for (int64_t b = 0; b < n; ++b) {
    for (int64_t i = 0; i < l; ++i) {
      std::vector<double> sc(static_cast<size_t>(s));
      double mx = ninf;
      for (int64_t j = 0; j < s; ++j) {
        double dot = 0;
        for (int64_t c = 0; c < e; ++c) dot += qd.data<double>()[(b * l + i) * e + c] * kd.data<double>()[(b * s + j) * e + c];
        double x = scale * dot;
        if (md.defined()) {
          double m = md.data<double>()[i * s + j];
          if (kind == k::AttentionMask::Additive) x += m;
          if (kind == k::AttentionMask::Keep && m == 0) x = ninf;
          if (kind == k::AttentionMask::Drop && m != 0) x = ninf;
        }
        if (causal && j > i) x = ninf;
        sc[static_cast<size_t>(j)] = x;
        mx = std::max(mx, x);
      }
      if (mx == ninf) {
        if (!zeroRows) {
          for (int64_t c = 0; c < ev; ++c) out.data<double>()[(b * l + i) * ev + c] = std::nan("");
        }
        continue;
      }
      double sum = 0;
      for (double& x : sc) sum += (x = std::exp(x - mx));
      for (int64_t j = 0; j < s; ++j) {
        for (int64_t c = 0; c < ev; ++c) {
          out.data<double>()[(b * l + i) * ev + c] += sc[static_cast<size_t>(j)] / sum * vd.data<double>()[(b * s + j) * ev + c];
        }
      }
    }
  }
  return out.to(q.dtype());
}

struct Inputs {
  Tensor q, k, v;
};

Inputs randomInputs(DType dt, int64_t n = 3, int64_t l = 4, int64_t s = 5, int64_t e = 8, int64_t ev = 6) {
  return {k::randn({n, l, e}, dt), k::randn({n, s, e}, dt), k::randn({n, s, ev}, dt)};
}

TEST(Attention, MatchesDirectEvaluation) {
  for (DType dt : {DType::Float32, DType::Float64}) {
    Inputs in = randomInputs(dt);
    k::AttentionOptions opt;
    opt.scale = 0.3;
    Tensor out = k::attention("test", in.q, in.k, in.v, Tensor(), k::AttentionMask::None, opt);
    expectTensorClose(out, reference(in.q, in.k, in.v, Tensor(), k::AttentionMask::None, 0.3, false, false), 1e-4,
                      1e-5, "no mask");
  }
}

TEST(Attention, MasksAndCausal) {
  Inputs in = randomInputs(DType::Float32, 2, 4, 4);
  k::AttentionOptions opt;
  opt.scale = 0.5;
  Tensor additive = k::randn({4, 4}, DType::Float32);
  expectTensorClose(k::attention("test", in.q, in.k, in.v, additive, k::AttentionMask::Additive, opt),
                    reference(in.q, in.k, in.v, additive, k::AttentionMask::Additive, 0.5, false, false), 1e-4, 1e-5,
                    "additive");
  Tensor keep = Tensor::fromVector<bool>({1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 1, 1, 0, 0, 1, 0}, {4, 4});
  expectTensorClose(k::attention("test", in.q, in.k, in.v, keep, k::AttentionMask::Keep, opt),
                    reference(in.q, in.k, in.v, keep, k::AttentionMask::Keep, 0.5, false, false), 1e-4, 1e-5, "keep");
  opt.causal = true;
  expectTensorClose(k::attention("test", in.q, in.k, in.v, Tensor(), k::AttentionMask::None, opt),
                    reference(in.q, in.k, in.v, Tensor(), k::AttentionMask::None, 0.5, true, false), 1e-4, 1e-5,
                    "causal");
}

TEST(Attention, FullyMaskedRowsAreZero) {
  Inputs in = randomInputs(DType::Float32, 1, 3, 4);
  // Row 1 drops every key.
  Tensor drop = Tensor::fromVector<bool>({0, 0, 1, 0, 1, 1, 1, 1, 0, 1, 0, 0}, {3, 4});
  k::AttentionOptions opt;
  opt.scale = 1.0;
  opt.zeroMaskedRows = true;
  Tensor weights;
  Tensor out = k::attention("test", in.q, in.k, in.v, drop, k::AttentionMask::Drop, opt, &weights);
  expectTensorClose(out, reference(in.q, in.k, in.v, drop, k::AttentionMask::Drop, 1.0, false, true), 1e-4, 1e-5,
                    "zeroed");
  EXPECT_EQ(weights.sizes(), IntArrayRef({1, 3, 4}));
  for (int64_t j = 0; j < 4; ++j) EXPECT_EQ(weights.data<float>()[4 + j], 0.0f);
}

TEST(Attention, BroadcastMaskOverHeads) {
  // [B, H, L, E] with a [B, 1, 1, S] key padding mask, as the fused MHA passes it.
  Tensor q = k::randn({2, 3, 4, 8}, DType::Float32), kk = k::randn({2, 3, 5, 8}, DType::Float32),
         v = k::randn({2, 3, 5, 8}, DType::Float32);
  Tensor pad = Tensor::fromVector<bool>({0, 0, 0, 1, 1, 0, 0, 0, 0, 0}, {2, 1, 1, 5});
  k::AttentionOptions opt;
  opt.scale = 0.25;
  Tensor out = k::attention("test", q, kk, v, pad, k::AttentionMask::Drop, opt);
  ASSERT_EQ(out.sizes(), IntArrayRef({2, 3, 4, 8}));
  // Batch 0 ignores keys 3 and 4: the same as attending keys 0..2 only.
  Tensor q0 = q.asStrided({3, 4, 8}, {32, 8, 1}, 0).contiguous();
  Tensor k0 = kk.asStrided({3, 3, 8}, {40, 8, 1}, 0).contiguous();
  Tensor v0 = v.asStrided({3, 3, 8}, {40, 8, 1}, 0).contiguous();
  Tensor ref = k::attention("test", q0, k0, v0, Tensor(), k::AttentionMask::None, opt);
  expectTensorClose(out.asStrided({3, 4, 8}, {32, 8, 1}, 0).contiguous(), ref, 1e-5, 1e-6, "padded batch");
}

TEST(Attention, BadShapesAreErrors) {
  Inputs in = randomInputs(DType::Float32);
  k::AttentionOptions opt;
  EXPECT_THROW(k::attention("test", in.q, in.v, in.v, Tensor(), k::AttentionMask::None, opt), Error);
  EXPECT_THROW(k::attention("test", in.q.to(DType::Int64), in.k, in.v, Tensor(), k::AttentionMask::None, opt), Error);
}

TEST(AttentionOps, Baddbmm) {
  Tensor self = k::randn({1, 3}, DType::Float32), b1 = k::randn({2, 2, 4}, DType::Float32),
         b2 = k::randn({2, 4, 3}, DType::Float32);
  Stack out = runOp("aten::baddbmm", {IValue(self), IValue(b1), IValue(b2), IValue(0.5), IValue(2.0)});
  Tensor r = out[0].toTensor();
  ASSERT_EQ(r.sizes(), IntArrayRef({2, 2, 3}));
  for (int64_t b = 0; b < 2; ++b) {
    for (int64_t i = 0; i < 2; ++i) {
      for (int64_t j = 0; j < 3; ++j) {
        double acc = 0;
        for (int64_t c = 0; c < 4; ++c) acc += b1.data<float>()[(b * 2 + i) * 4 + c] * b2.data<float>()[(b * 4 + c) * 3 + j];
        EXPECT_NEAR(r.data<float>()[(b * 2 + i) * 3 + j], 0.5 * self.data<float>()[j] + 2.0 * acc, 1e-4);
      }
    }
  }
  EXPECT_NE(opError("aten::baddbmm", {IValue(self), IValue(b2), IValue(b2), IValue(1), IValue(1)}), "");
}

TEST(AttentionOps, PredicatesAndListReductions) {
  EXPECT_FALSE(runOp("aten::is_grad_enabled", {})[0].toBool());
  EXPECT_FALSE(runOp("aten::is_autocast_enabled", {})[0].toBool());
  EXPECT_FALSE(runOp("prim::is_nested", {IValue(k::randn({2}, DType::Float32))})[0].toBool());
  auto bools = [](std::vector<IValue> v) { return IValue(makeList(std::move(v))); };
  EXPECT_TRUE(runOp("aten::any.bool", {bools({IValue(false), IValue(true)})})[0].toBool());
  EXPECT_FALSE(runOp("aten::all.bool", {bools({IValue(false), IValue(true)})})[0].toBool());
  EXPECT_TRUE(runOp("aten::all.bool", {bools({})})[0].toBool());
  Tensor x = k::randn({2, 3}, DType::Float32);
  EXPECT_TRUE(runOp("aten::_nested_tensor_from_mask_left_aligned",
                    {IValue(x), IValue(Tensor::fromVector<bool>({1, 1, 0, 1, 0, 0}, {2, 3}))})[0]
                  .toBool());
  EXPECT_FALSE(runOp("aten::_nested_tensor_from_mask_left_aligned",
                     {IValue(x), IValue(Tensor::fromVector<bool>({1, 0, 1, 1, 1, 1}, {2, 3}))})[0]
                   .toBool());
  EXPECT_NE(opError("aten::_nested_tensor_from_mask",
                    {IValue(x), IValue(Tensor::fromVector<bool>({1, 1, 0, 1, 0, 0}, {2, 3})), IValue(true)})
                .find("nested tensors are not supported"),
            std::string::npos);
}

TEST(AttentionOps, SdpaDropoutAndMaskErrors) {
  Tensor q = k::randn({1, 2, 3, 4}, DType::Float32);
  std::string why = opError("aten::scaled_dot_product_attention",
                            {IValue(q), IValue(q), IValue(q), IValue(), IValue(0.1), IValue(false), IValue(), IValue(false)});
  EXPECT_NE(why.find("dropout_p must be 0"), std::string::npos) << why;
  Stack r = runOp("aten::scaled_dot_product_attention",
                  {IValue(q), IValue(q), IValue(q), IValue(), IValue(0.0), IValue(true), IValue(), IValue(false)});
  EXPECT_EQ(r[0].toTensor().sizes(), IntArrayRef({1, 2, 3, 4}));
}

}  // namespace
}  // namespace wick::testing
