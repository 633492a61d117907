// Registers the resampling ops F.interpolate reaches besides 2-D
// nearest/bilinear (aten_pooling.cpp): nearest and nearest-exact in 1-3 D,
// linear1d, trilinear3d, bicubic2d, the antialiased bilinear/bicubic
// forms, each with its .vec overload, and adaptive_avg_pool3d; binding
// kernels/cpu/resample_nd.h. A scripted F.interpolate names all of them,
// so an archive that calls it needs every one to load.
#include <fmt/format.h>

#include "kernels/cpu/resample_nd.h"
#include "runtime/operator.h"
#include "runtime/ops/aten_args.h"
#include "runtime/ops/ops.h"

namespace wick {
namespace {

using namespace atenargs;
namespace k = kernels;
using k::ResampleMode;

struct Kind {
  const char* name;  // without "aten::"
  ResampleMode mode;
  int64_t dims;
  bool hasAlign;
  const char* scaleNames;  // the float? scales of the sized overload
};

std::vector<std::optional<double>> vecScales(const std::optional<std::vector<double>>& f, int64_t dims) {
  std::vector<std::optional<double>> r(static_cast<size_t>(dims));
  if (f)
    for (size_t i = 0; i < f->size() && i < r.size(); ++i) r[i] = (*f)[i];
  return r;
}

std::optional<std::vector<double>> optDoubleList(const IValue& v) {
  if (v.isNone()) return std::nullopt;
  return doubleList(v);
}

constexpr Kind kKinds[] = {
    {"upsample_nearest1d", ResampleMode::Nearest, 1, false, "float? scales=None"},
    {"upsample_nearest3d", ResampleMode::Nearest, 3, false, "float? scales_d=None, float? scales_h=None, float? scales_w=None"},
    {"_upsample_nearest_exact1d", ResampleMode::NearestExact, 1, false, "float? scales=None"},
    {"_upsample_nearest_exact2d", ResampleMode::NearestExact, 2, false, "float? scales_h=None, float? scales_w=None"},
    {"_upsample_nearest_exact3d", ResampleMode::NearestExact, 3, false, "float? scales_d=None, float? scales_h=None, float? scales_w=None"},
    {"upsample_linear1d", ResampleMode::Linear, 1, true, "float? scales=None"},
    {"upsample_trilinear3d", ResampleMode::Linear, 3, true, "float? scales_d=None, float? scales_h=None, float? scales_w=None"},
    {"upsample_bicubic2d", ResampleMode::Cubic, 2, true, "float? scales_h=None, float? scales_w=None"},
    {"_upsample_bilinear2d_aa", ResampleMode::LinearAntialias, 2, true, "float? scales_h=None, float? scales_w=None"},
    {"_upsample_bicubic2d_aa", ResampleMode::CubicAntialias, 2, true, "float? scales_h=None, float? scales_w=None"},
};
constexpr int kNumKinds = sizeof(kKinds) / sizeof(kKinds[0]);

// One op per (kind, overload): registered functions are plain function
// pointers, so the kind is a template argument indexing the table.
template <int I>
void sizedOp(Stack& s) {
  constexpr Kind kd = kKinds[I];
  const size_t n = 2 + (kd.hasAlign ? 1 : 0) + static_cast<size_t>(kd.dims);
  IValue* a = args(s, n);
  std::string op = fmt::format("aten::{}", kd.name);
  bool align = kd.hasAlign ? a[2].toBool() : false;
  std::vector<std::optional<double>> scales;
  for (int64_t i = 0; i < kd.dims; ++i) scales.push_back(optDouble(a[(kd.hasAlign ? 3 : 2) + i]));
  ret(s, n, k::resample(op.c_str(), a[0].toTensor(), kd.dims, intList(a[1]), kd.mode, align, scales));
}

template <int I>
void vecOp(Stack& s) {
  constexpr Kind kd = kKinds[I];
  const size_t n = kd.hasAlign ? 4 : 3;
  IValue* a = args(s, n);
  std::string op = fmt::format("aten::{}", kd.name);
  Tensor x = a[0].toTensor();
  auto factors = optDoubleList(a[n - 1]);
  DimVector size = k::resampleOutputSize(op.c_str(), x, kd.dims, optIntList(a[1]), factors);
  bool align = kd.hasAlign ? a[2].toBool() : false;
  ret(s, n, k::resample(op.c_str(), x, kd.dims, size, kd.mode, align, vecScales(factors, kd.dims)));
}

template <int I>
void addKind(OperatorRegistry& r) {
  constexpr Kind kd = kKinds[I];
  r.add(fmt::format("aten::{}(Tensor self, int[{}] output_size, {}{}) -> Tensor", kd.name, kd.dims,
                    kd.hasAlign ? "bool align_corners, " : "", kd.scaleNames),
        sizedOp<I>);
  r.add(fmt::format("aten::{}.vec(Tensor input, int[]? output_size, {}float[]? scale_factors) -> Tensor", kd.name,
                    kd.hasAlign ? "bool align_corners, " : ""),
        vecOp<I>);
  if constexpr (I + 1 < kNumKinds) addKind<I + 1>(r);
}

}  // namespace

void registerResampleExtraOps(OperatorRegistry& r) {
  addKind<0>(r);
  r.add("aten::adaptive_avg_pool3d(Tensor self, int[3] output_size) -> Tensor", [](Stack& s) {
    IValue* a = args(s, 2);
    Tensor x = a[0].toTensor();
    DimVector size = intList(a[1]);
    WICK_CHECK(size.size() == 3, "aten::adaptive_avg_pool3d: output_size must have 3 values, got {}", size.size());
    // (C, D, H, W) is one batch of (N, C, D, H, W).
    bool batched = x.dim() == 5;
    WICK_CHECK(x.dim() == 4 || batched, "aten::adaptive_avg_pool3d: expected a 4-D or 5-D input, got {}-D", x.dim());
    Tensor in = batched ? x : x.asStrided({1, x.size(0), x.size(1), x.size(2), x.size(3)},
                                          {0, x.stride(0), x.stride(1), x.stride(2), x.stride(3)}, x.storageOffset());
    Tensor out = k::resample("aten::adaptive_avg_pool3d", in, 3, size, k::ResampleMode::AdaptiveAvg, false, {});
    if (!batched) out = out.asStrided({out.size(1), out.size(2), out.size(3), out.size(4)},
                                      {out.stride(1), out.stride(2), out.stride(3), out.stride(4)}, out.storageOffset());
    ret(s, 2, out);
  });
}

}  // namespace wick
