// Registers the attention ops that nn.MultiheadAttention and
// nn.TransformerEncoderLayer call (scaled_dot_product_attention, the fused
// _native_multi_head_attention and _transformer_encoder_layer_fwd,
// baddbmm), and the predicates their fast-path checks read. Wick is an
// inference runtime: grad and autocast are never enabled and tensors are
// never nested, so archives take PyTorch's fused inference paths.
#include <cmath>

#include "kernels/cpu/attention.h"
#include "kernels/cpu/elementwise.h"
#include "kernels/cpu/linalg.h"
#include "kernels/cpu/normalization.h"
#include "kernels/cpu/reduction.h"
#include "kernels/cpu/shape.h"
#include "runtime/operator.h"
#include "runtime/ops/aten_args.h"
#include "runtime/ops/ops.h"

namespace wick {
namespace {

using namespace atenargs;
namespace k = kernels;

// The mask of the fused MHA ops, as a boolean-or-float "true/nonzero masks
// out" tensor broadcasting to [B, H, L, S]: mask_type 0 is an attention mask
// [L, S], 1 a key padding mask [B, S], 2 (PyTorch 2.x's merged masks) the
// full [B, H, L, S]; without a type the rank tells.
Tensor fusedMask(const char* op, const Tensor& mask, const IValue& maskType, int64_t batch) {
  if (!mask.defined()) return mask;
  int64_t type = maskType.isNone() ? (mask.dim() == 2 ? 0 : 2) : maskType.toInt();
  switch (type) {
    case 0:
      WICK_CHECK(mask.dim() == 2, "{}: an attention mask (mask_type 0) must be 2-D, got {}-D", op, mask.dim());
      return mask;
    case 1:
      WICK_CHECK(mask.dim() == 2 && mask.size(0) == batch,
                 "{}: a key padding mask (mask_type 1) must be [{}, S], got [{}]", op, batch,
                 fmt::join(mask.sizes(), ", "));
      return k::view(mask, {mask.size(0), 1, 1, mask.size(1)});
    case 2:
      return mask;
    default:
      WICK_FAIL("{}: unknown mask_type {}", op, type);
  }
}

// [B, T, D] -> [B, H, T, D / H] (a view).
Tensor splitHeads(const Tensor& x, int64_t heads) {
  return k::transpose(k::view(x, {x.size(0), x.size(1), heads, x.size(2) / heads}), 1, 2);
}

struct MhaResult {
  Tensor out;
  Tensor weights;  // [B, H, L, S] when asked for
};

// PyTorch's native_multi_head_attention: the q/k/v projections (one GEMM
// for self-attention), per-head attention with a masked softmax whose
// fully masked rows are zeros, and the output projection.
MhaResult multiHeadAttention(const char* op, const Tensor& query, const Tensor& key, const Tensor& value,
                             int64_t embedDim, int64_t heads, const Tensor& qkvWeight, const Tensor& qkvBias,
                             const Tensor& projWeight, const Tensor& projBias, const Tensor& mask,
                             const IValue& maskType, bool needWeights) {
  WICK_CHECK(query.dim() == 3 && key.dim() == 3 && value.dim() == 3,
             "{}: expected batched [B, T, D] query, key and value, got {}-D, {}-D and {}-D", op, query.dim(),
             key.dim(), value.dim());
  WICK_CHECK(heads > 0 && embedDim % heads == 0 && query.size(2) == embedDim,
             "{}: embed_dim {} must equal the query's last dim ({}) and divide by num_head {}", op, embedDim,
             query.size(2), heads);
  WICK_CHECK(qkvWeight.dim() == 2 && qkvWeight.size(0) == 3 * embedDim && qkvWeight.size(1) == embedDim,
             "{}: qkv_weight must be [{}, {}], got [{}]", op, 3 * embedDim, embedDim,
             fmt::join(qkvWeight.sizes(), ", "));
  Tensor q, kk, v;
  if (query.isSameTensor(key) && key.isSameTensor(value)) {
    Tensor qkv = k::linear(query, qkvWeight, qkvBias);
    std::vector<Tensor> parts = k::chunk(qkv, 3, 2);
    q = parts[0], kk = parts[1], v = parts[2];
  } else {
    std::vector<Tensor> w = k::chunk(qkvWeight, 3, 0);
    std::vector<Tensor> b = qkvBias.defined() ? k::chunk(qkvBias, 3, 0) : std::vector<Tensor>(3);
    q = k::linear(query, w[0], b[0]);
    kk = k::linear(key, w[1], b[1]);
    v = k::linear(value, w[2], b[2]);
  }
  const int64_t batch = query.size(0), len = query.size(1);
  k::AttentionOptions opt;
  opt.scale = 1.0 / std::sqrt(static_cast<double>(embedDim / heads));
  opt.zeroMaskedRows = true;
  Tensor m = fusedMask(op, mask, maskType, batch);
  MhaResult r;
  Tensor ctx = k::attention(op, splitHeads(q, heads), splitHeads(kk, heads), splitHeads(v, heads), m,
                            m.defined() ? k::AttentionMask::Drop : k::AttentionMask::None, opt,
                            needWeights ? &r.weights : nullptr);
  // [B, H, L, dh] -> [B, L, D], then the output projection.
  ctx = k::reshape(k::transpose(ctx, 1, 2), {batch, len, embedDim});
  r.out = k::linear(ctx, projWeight, projBias);
  return r;
}

void nativeMultiHeadAttentionOp(Stack& s) {
  const char* op = "aten::_native_multi_head_attention";
  IValue* a = args(s, 13);
  bool needWeights = a[10].toBool(), average = a[11].toBool();
  MhaResult r = multiHeadAttention(op, a[0].toTensor(), a[1].toTensor(), a[2].toTensor(), a[3].toInt(),
                                   a[4].toInt(), a[5].toTensor(), optTensor(a[6]), a[7].toTensor(),
                                   optTensor(a[8]), optTensor(a[9]), a[12], needWeights);
  IValue weights;  // PyTorch returns an undefined tensor (None) without weights
  if (needWeights) {
    Tensor w = r.weights;
    if (average) w = k::divInPlace(k::sum(w, {1}), k::Input(a[4].toInt()));
    weights = IValue(w);
  }
  drop(s, 13);
  push(s, std::move(r.out), std::move(weights));
}

Tensor layerNorm(const Tensor& x, const Tensor& w, const Tensor& b, double eps) {
  int64_t d = x.size(-1);
  return std::get<0>(k::layerNorm("aten::_transformer_encoder_layer_fwd", x, {d}, w, b, eps));
}

// PyTorch's transformer_encoder_layer_forward: self-attention and the
// feed-forward block, each with a residual add and a layer norm after it
// (or before it with norm_first).
void transformerEncoderLayerOp(Stack& s) {
  const char* op = "aten::_transformer_encoder_layer_fwd";
  IValue* a = args(s, 20);
  const Tensor& src = a[0].toTensor();
  const bool useGelu = a[7].toBool(), normFirst = a[8].toBool();
  const double eps = a[9].toDouble();
  const Tensor &nw1 = a[10].toTensor(), &nb1 = a[11].toTensor(), &nw2 = a[12].toTensor(),
               &nb2 = a[13].toTensor();
  if (src.numel() == 0) {
    ret(s, 20, src.clone());
    return;
  }
  Tensor x = normFirst ? layerNorm(src, nw1, nb1, eps) : src;
  x = multiHeadAttention(op, x, x, x, a[1].toInt(), a[2].toInt(), a[3].toTensor(), optTensor(a[4]),
                         a[5].toTensor(), optTensor(a[6]), optTensor(a[18]), a[19], false)
          .out;
  k::addInPlace(x, src);
  if (!normFirst) x = layerNorm(x, nw1, nb1, eps);
  Tensor residual = x;
  Tensor h = normFirst ? layerNorm(x, nw2, nb2, eps) : x;
  h = k::linear(h, a[14].toTensor(), optTensor(a[15]));
  k::unaryInPlace(useGelu ? k::UnaryOp::GeluErf : k::UnaryOp::Relu, h);
  h = k::linear(h, a[16].toTensor(), optTensor(a[17]));
  k::addInPlace(h, residual);
  if (!normFirst) h = layerNorm(h, nw2, nb2, eps);
  ret(s, 20, std::move(h));
}

// aten::scaled_dot_product_attention: a boolean mask says which keys each
// query attends, a float mask is added to the scores; dropout is training
// only and so must be 0 here.
void scaledDotProductAttentionOp(Stack& s, size_t n) {
  const char* op = "aten::scaled_dot_product_attention";
  IValue* a = args(s, n);
  Tensor q = a[0].toTensor(), key = a[1].toTensor(), value = a[2].toTensor();
  Tensor mask = optTensor(a[3]);
  WICK_CHECK(a[4].toDouble() == 0.0, "{}: dropout_p must be 0 in inference (got {})", op, a[4].toDouble());
  k::AttentionOptions opt;
  opt.causal = a[5].toBool();
  opt.zeroMaskedRows = true;
  std::optional<double> scale = n > 6 ? optDouble(a[6]) : std::nullopt;
  opt.scale = scale ? *scale : 1.0 / std::sqrt(static_cast<double>(q.size(-1)));
  WICK_CHECK(!(opt.causal && mask.defined()), "{}: attn_mask and is_causal cannot both be set", op);
  WICK_CHECK(q.dim() >= 2 && key.dim() == q.dim() && value.dim() == q.dim(),
             "{}: query, key and value must have one rank (at least 2)", op);
  const bool gqa = n > 7 && a[7].toBool();
  if (gqa && q.dim() >= 3 && key.size(-3) != q.size(-3)) {
    // Grouped-query attention: each key/value head serves q.size(-3) /
    // key.size(-3) query heads (repeat_interleave on the head dim).
    int64_t hq = q.size(-3), hk = key.size(-3);
    WICK_CHECK(hk > 0 && hq % hk == 0, "{}: {} query heads are not a multiple of {} key heads", op, hq, hk);
    auto repeat = [&](const Tensor& t) {
      Tensor u = k::unsqueeze(t, t.dim() - 2);
      DimVector sizes(u.sizes());
      sizes[u.dim() - 3] = hq / hk;
      DimVector merged(t.sizes());
      merged[t.dim() - 3] = hq;
      return k::reshape(k::expand(u, sizes), merged);
    };
    key = repeat(key);
    value = repeat(value);
  }
  // Leading (batch) dims broadcast as in matmul.
  DimVector lead(q.sizes().slice(0, q.dim() - 2));
  for (int64_t i = 0; i + 2 < q.dim(); ++i) {
    int64_t x = q.size(i), y = key.size(i), z = value.size(i);
    int64_t m = std::max({x, y, z});
    WICK_CHECK((x == m || x == 1) && (y == m || y == 1) && (z == m || z == 1),
               "{}: the batch dims of query [{}], key [{}] and value [{}] do not broadcast", op,
               fmt::join(q.sizes(), ", "), fmt::join(key.sizes(), ", "), fmt::join(value.sizes(), ", "));
    lead[i] = m;
  }
  auto withLead = [&](const Tensor& t) {
    DimVector sizes = lead;
    sizes.push_back(t.size(-2));
    sizes.push_back(t.size(-1));
    return IntArrayRef(sizes) == t.sizes() ? t : k::expand(t, sizes);
  };
  Tensor out = k::attention(op, withLead(q), withLead(key), withLead(value), mask,
                            !mask.defined()                   ? k::AttentionMask::None
                            : mask.dtype() == DType::Bool     ? k::AttentionMask::Keep
                                                              : k::AttentionMask::Additive,
                            opt);
  ret(s, n, std::move(out));
}

// beta * self + alpha * (batch1 @ batch2), one GEMM per batch.
void baddbmmOp(Stack& s) {
  const char* op = "aten::baddbmm";
  IValue* a = args(s, 5);
  const Tensor &self = a[0].toTensor(), &b1 = a[1].toTensor(), &b2 = a[2].toTensor();
  WICK_CHECK(b1.dim() == 3 && b2.dim() == 3 && b1.size(0) == b2.size(0) && b1.size(2) == b2.size(1),
             "{}: expected batch1 [B, M, K] and batch2 [B, K, N], got [{}] and [{}]", op,
             fmt::join(b1.sizes(), ", "), fmt::join(b2.sizes(), ", "));
  WICK_CHECK(b1.dtype() == b2.dtype() && self.dtype() == b1.dtype(),
             "{}: self, batch1 and batch2 must have one dtype, got {}, {} and {}", op, dtypeName(self.dtype()),
             dtypeName(b1.dtype()), dtypeName(b2.dtype()));
  Scalar beta = a[3].toScalar(), alpha = a[4].toScalar();
  const int64_t batch = b1.size(0);
  Tensor out = Tensor::empty({batch, b1.size(1), b2.size(2)}, b1.dtype());
  const bool useSelf = !(beta.toDouble() == 0.0);
  if (useSelf) out.copyFrom(k::expand(self, out.sizes()));
  for (int64_t i = 0; i < batch; ++i) {
    k::gemm(k::select(b1, 0, i), k::select(b2, 0, i), k::select(out, 0, i), alpha, useSelf ? beta : Scalar(0));
  }
  ret(s, 5, std::move(out));
}

// Whether every row of a [B, T] mask (true = a real token) is a run of
// trues followed by falses: TransformerEncoder's nested-tensor check.
bool leftAligned(const Tensor& padded, const Tensor& mask) {
  const char* op = "aten::_nested_tensor_from_mask_left_aligned";
  WICK_CHECK(mask.dim() == 2 && mask.dtype() == DType::Bool, "{}: expected a 2-D bool mask, got [{}] {}", op,
             fmt::join(mask.sizes(), ", "), dtypeName(mask.dtype()));
  WICK_CHECK(padded.dim() >= 2 && padded.size(0) == mask.size(0) && padded.size(1) == mask.size(1),
             "{}: mask [{}] does not match the padded tensor [{}]", op, fmt::join(mask.sizes(), ", "),
             fmt::join(padded.sizes(), ", "));
  Tensor m = mask.contiguous();
  const bool* p = m.data<bool>();
  for (int64_t b = 0; b < m.size(0); ++b) {
    bool ended = false;
    for (int64_t t = 0; t < m.size(1); ++t) {
      bool valid = p[b * m.size(1) + t];
      if (valid && ended) return false;
      ended = ended || !valid;
    }
  }
  return true;
}

template <typename T, bool Any>
void anyAll(Stack& s) {
  bool r = !Any;
  for (const IValue& e : s.back().listRef().elements) {
    bool b;
    if constexpr (std::is_same_v<T, bool>) b = e.toBool();
    else if constexpr (std::is_same_v<T, int64_t>) b = e.toInt() != 0;
    else if constexpr (std::is_same_v<T, double>) b = e.toDouble() != 0.0;
    else b = !e.toStringRef().empty();
    if (b == Any) {
      r = Any;
      break;
    }
  }
  s.back() = IValue(r);
}

}  // namespace

void registerAttentionOps(OperatorRegistry& r) {
  r.add("aten::scaled_dot_product_attention(Tensor query, Tensor key, Tensor value, Tensor? attn_mask=None, "
        "float dropout_p=0.0, bool is_causal=False, *, float? scale=None, bool enable_gqa=False) -> Tensor",
        [](Stack& s) { scaledDotProductAttentionOp(s, 8); });
  r.add("aten::_native_multi_head_attention(Tensor query, Tensor key, Tensor value, int embed_dim, int num_head, "
        "Tensor qkv_weight, Tensor qkv_bias, Tensor proj_weight, Tensor proj_bias, Tensor? mask=None, "
        "bool need_weights=True, bool average_attn_weights=True, int? mask_type=None) -> (Tensor, Tensor)",
        &nativeMultiHeadAttentionOp);
  r.add("aten::_transformer_encoder_layer_fwd(Tensor src, int embed_dim, int num_heads, Tensor qkv_weight, "
        "Tensor qkv_bias, Tensor proj_weight, Tensor proj_bias, bool use_gelu, bool norm_first, float eps, "
        "Tensor norm_weight_1, Tensor norm_bias_1, Tensor norm_weight_2, Tensor norm_bias_2, "
        "Tensor ffn_weight_1, Tensor ffn_bias_1, Tensor ffn_weight_2, Tensor ffn_bias_2, Tensor? mask=None, "
        "int? mask_type=None) -> Tensor",
        &transformerEncoderLayerOp);
  r.add("aten::baddbmm(Tensor self, Tensor batch1, Tensor batch2, *, Scalar beta=1, Scalar alpha=1) -> Tensor",
        &baddbmmOp);

  // The fast-path predicates.
  r.add("aten::is_grad_enabled() -> bool", [](Stack& s) { s.emplace_back(false); });
  r.add("aten::is_autocast_enabled() -> bool", [](Stack& s) { s.emplace_back(false); });
  r.add("aten::is_autocast_cpu_enabled() -> bool", [](Stack& s) { s.emplace_back(false); });
  r.add("prim::is_nested(Tensor a) -> bool", [](Stack& s) { s.back() = IValue(false); });
  // device.type: "cpu" or "cuda" (2.x's fast paths check it).
  r.add("prim::type(Device self) -> str", [](Stack& s) {
    Device d = s.back().toDevice();
    s.back() = IValue(std::string(d.isCuda() ? "cuda" : "cpu"));
  });
  r.add("aten::is_floating_point(Tensor self) -> bool",
        [](Stack& s) { s.back() = IValue(isFloating(s.back().toTensor().dtype())); });
  r.add("aten::_nested_tensor_from_mask_left_aligned(Tensor padded, Tensor mask) -> bool", [](Stack& s) {
    IValue* a = args(s, 2);
    ret(s, 2, leftAligned(a[0].toTensor(), a[1].toTensor()));
  });
  // Nested tensors do not exist in Wick; TransformerEncoder asks for one
  // only with enable_nested_tensor and a src_key_padding_mask.
  r.add("aten::_nested_tensor_from_mask(Tensor t, Tensor mask, bool mask_check=True) -> Tensor", [](Stack&) {
    WICK_FAIL("aten::_nested_tensor_from_mask: nested tensors are not supported (a TransformerEncoder with "
              "enable_nested_tensor=True given a src_key_padding_mask; save it with enable_nested_tensor=False)");
  });
  r.add("aten::to_padded_tensor(Tensor self, float padding, int[]? output_size=None) -> Tensor", [](Stack&) {
    WICK_FAIL("aten::to_padded_tensor: nested tensors are not supported");
  });
  r.add("aten::any.bool(bool[] self) -> bool", &anyAll<bool, true>);
  r.add("aten::all.bool(bool[] self) -> bool", &anyAll<bool, false>);
  r.add("aten::any.int(int[] self) -> bool", &anyAll<int64_t, true>);
  r.add("aten::all.int(int[] self) -> bool", &anyAll<int64_t, false>);
  r.add("aten::any.float(float[] self) -> bool", &anyAll<double, true>);
  r.add("aten::all.float(float[] self) -> bool", &anyAll<double, false>);
  r.add("aten::any.str(str[] self) -> bool", &anyAll<std::string, true>);
}

}  // namespace wick
