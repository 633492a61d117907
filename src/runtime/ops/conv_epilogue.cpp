// wick::conv_fused and wick::linear_fused: a convolution or a linear layer
// with its elementwise epilogue (a residual add, then an activation), which
// the JIT's fuse_epilogues pass puts in place of producer -> [add] ->
// [activation] chains. oneDNN applies the epilogue as post-ops of the
// convolution or matmul where it can; otherwise the op runs the very ops
// it replaced, so its result never depends on which path ran. With
// channels_last the convolution's result has channels-last strides when
// oneDNN computed it (the pass sets it where only other conv_fused read
// it).
#include <string_view>

#include "core/check.h"
#include "kernels/cpu/convolution.h"
#include "kernels/cpu/linalg.h"
#include "kernels/cpu/shape.h"
#include "runtime/operator.h"
#include "runtime/ops/aten_args.h"
#include "runtime/ops/ops.h"

namespace wick {
namespace {

using atenargs::intList;
using atenargs::optTensor;
using kernels::EpilogueActivation;

constexpr const char* kOp = "wick::conv_fused";
constexpr const char* kLinearOp = "wick::linear_fused";

EpilogueActivation parseActivation(std::string_view name, const char* op) {
  if (name == "none") return EpilogueActivation::None;
  if (name == "relu") return EpilogueActivation::Relu;
  if (name == "relu6") return EpilogueActivation::Relu6;
  if (name == "hardswish") return EpilogueActivation::Hardswish;
  if (name == "hardsigmoid") return EpilogueActivation::Hardsigmoid;
  if (name == "silu") return EpilogueActivation::Silu;
  if (name == "sigmoid") return EpilogueActivation::Sigmoid;
  if (name == "gelu") return EpilogueActivation::GeluErf;
  if (name == "gelu_tanh") return EpilogueActivation::GeluTanh;
  WICK_FAIL("{}: unknown activation \"{}\" (expected none, relu, relu6, hardswish, hardsigmoid, "
            "silu, sigmoid, gelu or gelu_tanh)",
            op, name);
}

const Operator& overload(std::string_view name) {
  const Operator* op = OperatorRegistry::global().findOverload(name);
  WICK_CHECK(op != nullptr, "{}: operator {} is not registered", kOp, name);
  return *op;
}

// Runs the op `name` on `args`, returning its one result.
template <typename... Args>
Tensor call(std::string_view name, Args&&... args) {
  Stack s;
  push(s, std::forward<Args>(args)...);
  overload(name).fn(s);
  return s.back().toTensor();
}

// The activation as the op the pass took it from (the in-place forms give
// the same values on the fresh tensor they are applied to).
Tensor activate(EpilogueActivation a, const Tensor& x) {
  switch (a) {
    case EpilogueActivation::None: return x;
    case EpilogueActivation::Relu: return call("aten::relu", x);
    case EpilogueActivation::Relu6: return call("aten::hardtanh", x, IValue(0.0), IValue(6.0));
    case EpilogueActivation::Hardswish: return call("aten::hardswish", x);
    case EpilogueActivation::Hardsigmoid: return call("aten::hardsigmoid", x);
    case EpilogueActivation::Silu: return call("aten::silu", x);
    case EpilogueActivation::Sigmoid: return call("aten::sigmoid", x);
    case EpilogueActivation::GeluErf: return call("aten::gelu", x, IValue(std::string("none")));
    case EpilogueActivation::GeluTanh: return call("aten::gelu", x, IValue(std::string("tanh")));
  }
  return x;
}

// The epilogue as the ops the pass took it from, where the primitive did not
// apply it.
Tensor applyEpilogue(Tensor out, const kernels::Epilogue& epi, bool residualInPlace) {
  if (epi.residual.defined())
    out = call(residualInPlace ? "aten::add_.Tensor" : "aten::add.Tensor", out, epi.residual, IValue(int64_t{1}));
  return activate(epi.activation, out);
}

// (input, weight, bias, stride, padding, dilation, groups, residual,
// residual_in_place, activation, channels_last)
void convFused(Stack& s) {
  IValue* a = atenargs::args(s, 11);
  kernels::ConvParams p;
  p.stride = intList(a[3]);
  p.padding = intList(a[4]);
  p.dilation = intList(a[5]);
  p.groups = a[6].toInt();
  kernels::Epilogue epi;
  epi.residual = optTensor(a[7]);
  bool residualInPlace = a[8].toBool();
  epi.activation = parseActivation(a[9].toStringRef(), kOp);
  kernels::ConvOptions options;
  options.channelsLast = a[10].toBool();
  bool applied = false;
  Tensor out = kernels::convolutionWithEpilogue(kOp, a[0].toTensor(), a[1].toTensor(),
                                                optTensor(a[2]), p, epi, &applied, options);
  if (!applied) out = applyEpilogue(out, epi, residualInPlace);
  drop(s, 11);
  push(s, std::move(out));
}

// (input, weight, bias, residual, residual_in_place, activation, origin).
// The weight is a frozen constant (its packed copy is cached). origin "mm"
// or "matmul": the node was mm/matmul(input, weight.T); an input those
// reject (mm: not 2-D; matmul: 0-D; another dtype than the weight's) goes
// to that op, for its own error.
void linearFused(Stack& s) {
  IValue* a = atenargs::args(s, 7);
  const Tensor& x = a[0].toTensor();
  const Tensor& w = a[1].toTensor();
  const std::string& origin = a[6].toStringRef();
  WICK_CHECK(origin == "linear" || origin == "mm" || origin == "matmul",
             "{}: unknown origin \"{}\" (expected linear, mm or matmul)", kLinearOp, origin);
  if (origin != "linear" &&
      (x.dtype() != w.dtype() || (origin == "mm" ? x.dim() != 2 : x.dim() < 1) || w.dim() != 2)) {
    call(origin == "mm" ? "aten::mm" : "aten::matmul", x, kernels::transpose(w, 0, 1));  // throws
  }
  kernels::Epilogue epi;
  epi.residual = optTensor(a[3]);
  bool residualInPlace = a[4].toBool();
  epi.activation = parseActivation(a[5].toStringRef(), kLinearOp);
  bool applied = false;
  Tensor out = kernels::linearWithEpilogue(x, w, optTensor(a[2]), epi, &applied);
  if (!applied) out = applyEpilogue(out, epi, residualInPlace);
  drop(s, 7);
  push(s, std::move(out));
}

}  // namespace

void registerEpilogueOps(OperatorRegistry& r) {
  r.add("wick::conv_fused(Tensor input, Tensor weight, Tensor? bias, int[] stride, int[] padding, "
        "int[] dilation, int groups, Tensor? residual, bool residual_in_place, str activation, bool "
        "channels_last=False) -> Tensor",
        convFused);
  r.add("wick::linear_fused(Tensor input, Tensor weight, Tensor? bias, Tensor? residual, bool residual_in_place, "
        "str activation, str origin=\"linear\") -> Tensor",
        linearFused);
}

}  // namespace wick
