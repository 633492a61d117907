// Registers the aten:: pooling, upsampling, shuffle and padding ops,
// binding kernels/cpu/pooling.h.
#include "core/check.h"
#include "kernels/cpu/pooling.h"
#include "runtime/operator.h"
#include "runtime/ops/aten_args.h"
#include "runtime/ops/ops.h"

namespace wick {
namespace {

using atenargs::intList;
using atenargs::optDouble;
using atenargs::optIntList;

// (self, kernel_size, stride, padding, dilation, ceil_mode).
template <int Sd, bool Indices>
void maxPoolOp(Stack& s) {
  size_t base = s.size() - 6;
  kernels::PoolParams p;
  p.kernel = intList(s[base + 1]);
  p.stride = intList(s[base + 2]);
  p.padding = intList(s[base + 3]);
  p.dilation = intList(s[base + 4]);
  p.ceilMode = s[base + 5].toBool();
  const char* name = Indices ? "aten::max_pool2d_with_indices"
                     : Sd == 1 ? "aten::max_pool1d"
                               : "aten::max_pool2d";
  auto [out, idx] = kernels::maxPool(name, s[base].toTensor(), p, Sd, Indices);
  s.resize(base);
  push(s, std::move(out));
  if (Indices) push(s, std::move(idx));
}

// (self, kernel_size, stride, padding, ceil_mode, count_include_pad
// [, divisor_override]).
template <int Sd>
void avgPoolOp(Stack& s) {
  size_t base = s.size() - (Sd == 2 ? 7 : 6);
  kernels::PoolParams p;
  p.kernel = intList(s[base + 1]);
  p.stride = intList(s[base + 2]);
  p.padding = intList(s[base + 3]);
  p.ceilMode = s[base + 4].toBool();
  p.countIncludePad = s[base + 5].toBool();
  if (Sd == 2 && !s[base + 6].isNone()) p.divisorOverride = s[base + 6].toInt();
  Tensor out = kernels::avgPool(Sd == 1 ? "aten::avg_pool1d" : "aten::avg_pool2d",
                                s[base].toTensor(), p, Sd);
  s.resize(base);
  push(s, std::move(out));
}

template <int Sd, bool Max>
void adaptivePoolOp(Stack& s) {
  DimVector size = intList(s.back());
  Tensor x = s[s.size() - 2].toTensor();
  drop(s, 2);
  if (Max) {
    auto [out, idx] = kernels::adaptiveMaxPool(
        Sd == 1 ? "aten::adaptive_max_pool1d" : "aten::adaptive_max_pool2d", x, size, Sd);
    push(s, std::move(out), std::move(idx));
  } else {
    push(s, kernels::adaptiveAvgPool(
                Sd == 1 ? "aten::adaptive_avg_pool1d" : "aten::adaptive_avg_pool2d", x, size, Sd));
  }
}

void upsampleNearestOp(Stack& s) {
  size_t base = s.size() - 4;
  Tensor out = kernels::upsampleNearest2d("aten::upsample_nearest2d", s[base].toTensor(),
                                          intList(s[base + 1]), optDouble(s[base + 2]),
                                          optDouble(s[base + 3]));
  s.resize(base);
  push(s, std::move(out));
}

// The .vec overloads: output_size or scale_factors (which then also set
// the source-index scales, as in PyTorch).
std::optional<double> vecScale(const std::optional<std::vector<double>>& f, size_t i) {
  if (!f) return std::nullopt;
  return (*f)[i];
}

std::optional<std::vector<double>> optDoubles(const IValue& v) {
  if (v.isNone()) return std::nullopt;
  return atenargs::doubleList(v);
}

void upsampleNearestVecOp(Stack& s) {
  size_t base = s.size() - 3;
  const char* name = "aten::upsample_nearest2d";
  Tensor x = s[base].toTensor();
  auto factors = optDoubles(s[base + 2]);
  DimVector size = kernels::upsampleOutputSize(name, x, optIntList(s[base + 1]), factors);
  Tensor out = kernels::upsampleNearest2d(name, x, size, vecScale(factors, 0), vecScale(factors, 1));
  s.resize(base);
  push(s, std::move(out));
}

void upsampleBilinearOp(Stack& s) {
  size_t base = s.size() - 5;
  Tensor out = kernels::upsampleBilinear2d(
      "aten::upsample_bilinear2d", s[base].toTensor(), intList(s[base + 1]), s[base + 2].toBool(),
      optDouble(s[base + 3]), optDouble(s[base + 4]));
  s.resize(base);
  push(s, std::move(out));
}

void upsampleBilinearVecOp(Stack& s) {
  size_t base = s.size() - 4;
  const char* name = "aten::upsample_bilinear2d";
  Tensor x = s[base].toTensor();
  auto factors = optDoubles(s[base + 3]);
  DimVector size = kernels::upsampleOutputSize(name, x, optIntList(s[base + 1]), factors);
  Tensor out = kernels::upsampleBilinear2d(name, x, size, s[base + 2].toBool(),
                                           vecScale(factors, 0), vecScale(factors, 1));
  s.resize(base);
  push(s, std::move(out));
}

void pixelShuffleOp(Stack& s) {
  Tensor out = kernels::pixelShuffle("aten::pixel_shuffle", s[s.size() - 2].toTensor(), s.back().toInt());
  drop(s, 2);
  push(s, std::move(out));
}

void channelShuffleOp(Stack& s) {
  Tensor out = kernels::channelShuffle("aten::channel_shuffle", s[s.size() - 2].toTensor(), s.back().toInt());
  drop(s, 2);
  push(s, std::move(out));
}

void constantPadOp(Stack& s) {
  Scalar value = s.back().toScalar();
  DimVector pad = intList(s[s.size() - 2]);
  Tensor out = kernels::pad("aten::constant_pad_nd", s[s.size() - 3].toTensor(), pad,
                            kernels::PadMode::Constant, value);
  drop(s, 3);
  push(s, std::move(out));
}

template <kernels::PadMode Mode, int Sd>
void modePadOp(Stack& s) {
  static const std::string name = std::string("aten::") +
                                  (Mode == kernels::PadMode::Reflect ? "reflection" : "replication") +
                                  "_pad" + std::to_string(Sd) + "d";
  DimVector pad = intList(s.back());
  WICK_CHECK(static_cast<int>(pad.size()) == 2 * Sd, "{}: padding must have {} values, got {}",
             name, 2 * Sd, pad.size());
  Tensor out = kernels::pad(name.c_str(), s[s.size() - 2].toTensor(), pad, Mode);
  drop(s, 2);
  push(s, std::move(out));
}

// aten::pad(self, pad, mode, value).
void padOp(Stack& s) {
  size_t base = s.size() - 4;
  const char* name = "aten::pad";
  kernels::PadMode mode = kernels::padModeFromString(name, s[base + 2].toStringRef());
  WICK_CHECK(mode == kernels::PadMode::Constant || s[base + 3].isNone(),
             "{}: padding mode \"{}\" doesn't take in value argument", name,
             s[base + 2].toStringRef());
  Scalar value = s[base + 3].isNone() ? Scalar(0) : Scalar(s[base + 3].toDouble());
  Tensor out = kernels::pad(name, s[base].toTensor(), intList(s[base + 1]), mode, value);
  s.resize(base);
  push(s, std::move(out));
}

}  // namespace

void registerPoolingOps(OperatorRegistry& r) {
  using kernels::PadMode;
  r.add("aten::max_pool1d(Tensor self, int[1] kernel_size, int[1] stride=[], int[1] "
        "padding=[0], int[1] dilation=[1], bool ceil_mode=False) -> Tensor",
        maxPoolOp<1, false>);
  r.add("aten::max_pool2d(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, "
        "int[2] dilation=1, bool ceil_mode=False) -> Tensor",
        maxPoolOp<2, false>);
  r.add("aten::max_pool2d_with_indices(Tensor self, int[2] kernel_size, int[2] stride=[], "
        "int[2] padding=0, int[2] dilation=1, bool ceil_mode=False) -> (Tensor, Tensor)",
        maxPoolOp<2, true>);
  r.add("aten::avg_pool1d(Tensor self, int[1] kernel_size, int[1] stride=[], int[1] "
        "padding=[0], bool ceil_mode=False, bool count_include_pad=True) -> Tensor",
        avgPoolOp<1>);
  r.add("aten::avg_pool2d(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, "
        "bool ceil_mode=False, bool count_include_pad=True, int? divisor_override=None) -> Tensor",
        avgPoolOp<2>);
  r.add("aten::adaptive_avg_pool1d(Tensor self, int[1] output_size) -> Tensor",
        adaptivePoolOp<1, false>);
  r.add("aten::adaptive_avg_pool2d(Tensor self, SymInt[2] output_size) -> Tensor",
        adaptivePoolOp<2, false>);
  r.add("aten::adaptive_max_pool1d(Tensor self, int[1] output_size) -> (Tensor, Tensor)",
        adaptivePoolOp<1, true>);
  r.add("aten::adaptive_max_pool2d(Tensor self, int[2] output_size) -> (Tensor, Tensor)",
        adaptivePoolOp<2, true>);
  r.add("aten::upsample_nearest2d(Tensor self, SymInt[2] output_size, float? scales_h=None, "
        "float? scales_w=None) -> Tensor",
        upsampleNearestOp);
  r.add("aten::upsample_nearest2d.vec(Tensor input, SymInt[]? output_size, float[]? "
        "scale_factors) -> Tensor",
        upsampleNearestVecOp);
  r.add("aten::upsample_bilinear2d(Tensor self, SymInt[2] output_size, bool align_corners, "
        "float? scales_h=None, float? scales_w=None) -> Tensor",
        upsampleBilinearOp);
  r.add("aten::upsample_bilinear2d.vec(Tensor input, SymInt[]? output_size, bool "
        "align_corners, float[]? scale_factors) -> Tensor",
        upsampleBilinearVecOp);
  r.add("aten::pixel_shuffle(Tensor self, int upscale_factor) -> Tensor", pixelShuffleOp);
  r.add("aten::channel_shuffle(Tensor self, int groups) -> Tensor", channelShuffleOp);
  r.add("aten::constant_pad_nd(Tensor self, int[] pad, Scalar value=0) -> Tensor", constantPadOp);
  r.add("aten::reflection_pad1d(Tensor self, int[2] padding) -> Tensor",
        modePadOp<PadMode::Reflect, 1>);
  r.add("aten::reflection_pad2d(Tensor self, int[4] padding) -> Tensor",
        modePadOp<PadMode::Reflect, 2>);
  r.add("aten::replication_pad1d(Tensor self, int[2] padding) -> Tensor",
        modePadOp<PadMode::Replicate, 1>);
  r.add("aten::replication_pad2d(Tensor self, int[4] padding) -> Tensor",
        modePadOp<PadMode::Replicate, 2>);
  r.add("aten::pad(Tensor self, int[] pad, str mode=\"constant\", float? value=None) -> Tensor",
        padOp);
}

}  // namespace wick
