// Registers the aten:: convolution ops (conv1d/2d, transposed, the
// generic convolution and _convolution), binding kernels/cpu/convolution.
#include "kernels/cpu/convolution.h"
#include "runtime/operator.h"
#include "runtime/ops/aten_args.h"
#include "runtime/ops/ops.h"

namespace wick {
namespace {

using atenargs::intList;
using atenargs::optTensor;

// conv1d / conv2d (input, weight, bias, stride, padding, dilation, groups).
template <const char* Name>
void convNd(Stack& s) {
  kernels::ConvParams p;
  p.groups = s[s.size() - 1].toInt();
  p.dilation = intList(s[s.size() - 2]);
  p.padding = intList(s[s.size() - 3]);
  p.stride = intList(s[s.size() - 4]);
  Tensor out = kernels::convolution(Name, s[s.size() - 7].toTensor(), s[s.size() - 6].toTensor(),
                                    optTensor(s[s.size() - 5]), p);
  drop(s, 7);
  push(s, std::move(out));
}

// conv1d.padding / conv2d.padding: padding is "same" or "valid".
template <const char* Name>
void convNdPaddingMode(Stack& s) {
  int64_t groups = s[s.size() - 1].toInt();
  DimVector dilation = intList(s[s.size() - 2]);
  std::string padding = s[s.size() - 3].toStringRef();
  DimVector stride = intList(s[s.size() - 4]);
  Tensor out = kernels::convolutionPaddingMode(Name, s[s.size() - 7].toTensor(),
                                               s[s.size() - 6].toTensor(),
                                               optTensor(s[s.size() - 5]), stride, padding,
                                               dilation, groups);
  drop(s, 7);
  push(s, std::move(out));
}

// conv_transpose1d / conv_transpose2d.input (input, weight, bias, stride,
// padding, output_padding, groups, dilation).
template <const char* Name>
void convTransposeNd(Stack& s) {
  kernels::ConvParams p;
  p.transposed = true;
  p.dilation = intList(s[s.size() - 1]);
  p.groups = s[s.size() - 2].toInt();
  p.outputPadding = intList(s[s.size() - 3]);
  p.padding = intList(s[s.size() - 4]);
  p.stride = intList(s[s.size() - 5]);
  Tensor out = kernels::convolution(Name, s[s.size() - 8].toTensor(), s[s.size() - 7].toTensor(),
                                    optTensor(s[s.size() - 6]), p);
  drop(s, 8);
  push(s, std::move(out));
}

// convolution / _convolution: the first 9 arguments are shared; the rest
// (benchmark, deterministic, cudnn_enabled[, allow_tf32]) are backend
// hints that do not change the result on CPU.
template <const char* Name, int NumArgs>
void convolutionGeneric(Stack& s) {
  size_t base = s.size() - NumArgs;
  kernels::ConvParams p;
  p.stride = intList(s[base + 3]);
  p.padding = intList(s[base + 4]);
  p.dilation = intList(s[base + 5]);
  p.transposed = s[base + 6].toBool();
  p.outputPadding = intList(s[base + 7]);
  p.groups = s[base + 8].toInt();
  Tensor out = kernels::convolution(Name, s[base].toTensor(), s[base + 1].toTensor(),
                                    optTensor(s[base + 2]), p);
  drop(s, NumArgs);
  push(s, std::move(out));
}

constexpr char kConv1d[] = "aten::conv1d";
constexpr char kConv2d[] = "aten::conv2d";
constexpr char kConvT1d[] = "aten::conv_transpose1d";
constexpr char kConvT2d[] = "aten::conv_transpose2d";
constexpr char kConvolution[] = "aten::convolution";
constexpr char kUConvolution[] = "aten::_convolution";

}  // namespace

void registerConvolutionOps(OperatorRegistry& r) {
  r.add("aten::conv1d(Tensor input, Tensor weight, Tensor? bias=None, int[1] stride=[1], "
        "int[1] padding=[0], int[1] dilation=[1], int groups=1) -> Tensor",
        convNd<kConv1d>);
  r.add("aten::conv1d.padding(Tensor input, Tensor weight, Tensor? bias=None, int[1] "
        "stride=[1], str padding=\"valid\", int[1] dilation=[1], int groups=1) -> Tensor",
        convNdPaddingMode<kConv1d>);
  r.add("aten::conv2d(Tensor input, Tensor weight, Tensor? bias=None, int[2] stride=1, "
        "int[2] padding=0, int[2] dilation=1, int groups=1) -> Tensor",
        convNd<kConv2d>);
  r.add("aten::conv2d.padding(Tensor input, Tensor weight, Tensor? bias=None, int[2] stride=1, "
        "str padding=\"valid\", int[2] dilation=1, int groups=1) -> Tensor",
        convNdPaddingMode<kConv2d>);
  r.add("aten::conv_transpose1d(Tensor input, Tensor weight, Tensor? bias=None, int[1] "
        "stride=[1], int[1] padding=[0], int[1] output_padding=[0], int groups=1, int[1] "
        "dilation=[1]) -> Tensor",
        convTransposeNd<kConvT1d>);
  r.add("aten::conv_transpose2d.input(Tensor input, Tensor weight, Tensor? bias=None, int[2] "
        "stride=1, int[2] padding=0, int[2] output_padding=0, int groups=1, int[2] dilation=1) "
        "-> Tensor",
        convTransposeNd<kConvT2d>);
  r.add("aten::convolution(Tensor input, Tensor weight, Tensor? bias, int[] stride, int[] "
        "padding, int[] dilation, bool transposed, int[] output_padding, int groups) -> Tensor",
        convolutionGeneric<kConvolution, 9>);
  r.add("aten::_convolution(Tensor input, Tensor weight, Tensor? bias, int[] stride, int[] "
        "padding, int[] dilation, bool transposed, int[] output_padding, int groups, bool "
        "benchmark, bool deterministic, bool cudnn_enabled, bool allow_tf32) -> Tensor",
        convolutionGeneric<kUConvolution, 13>);
  r.add("aten::_convolution.deprecated(Tensor input, Tensor weight, Tensor? bias, int[] stride, "
        "int[] padding, int[] dilation, bool transposed, int[] output_padding, int groups, bool "
        "benchmark, bool deterministic, bool cudnn_enabled) -> Tensor",
        convolutionGeneric<kUConvolution, 12>);
}

}  // namespace wick
