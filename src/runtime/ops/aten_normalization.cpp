// Registers the aten:: normalization ops (batch, layer, group and instance
// norm), binding kernels/cpu/normalization.
#include "kernels/cpu/normalization.h"
#include "runtime/operator.h"
#include "runtime/ops/aten_args.h"
#include "runtime/ops/ops.h"

namespace wick {
namespace {

using atenargs::intList;
using atenargs::optTensor;

// (input, weight, bias, running_mean, running_var, training, momentum, eps
// [, cudnn_enabled]).
template <bool Native>
void batchNormOp(Stack& s) {
  size_t base = s.size() - (Native ? 8 : 9);
  auto [out, mean, invstd] = kernels::batchNorm(
      Native ? "aten::native_batch_norm" : "aten::batch_norm", s[base].toTensor(),
      optTensor(s[base + 1]), optTensor(s[base + 2]), optTensor(s[base + 3]),
      optTensor(s[base + 4]), s[base + 5].toBool(), s[base + 6].toDouble(), s[base + 7].toDouble());
  s.resize(base);
  if (Native) push(s, std::move(out), std::move(mean), std::move(invstd));
  else push(s, std::move(out));
}

// (input, normalized_shape, weight, bias, eps[, cudnn_enable]).
template <bool Native>
void layerNormOp(Stack& s) {
  size_t base = s.size() - (Native ? 5 : 6);
  DimVector shape = intList(s[base + 1]);
  auto [out, mean, rstd] = kernels::layerNorm(
      Native ? "aten::native_layer_norm" : "aten::layer_norm", s[base].toTensor(), shape,
      optTensor(s[base + 2]), optTensor(s[base + 3]), s[base + 4].toDouble());
  s.resize(base);
  if (Native) push(s, std::move(out), std::move(mean), std::move(rstd));
  else push(s, std::move(out));
}

void groupNormOp(Stack& s) {
  size_t base = s.size() - 6;
  Tensor out = kernels::groupNorm("aten::group_norm", s[base].toTensor(), s[base + 1].toInt(),
                                  optTensor(s[base + 2]), optTensor(s[base + 3]),
                                  s[base + 4].toDouble());
  s.resize(base);
  push(s, std::move(out));
}

void instanceNormOp(Stack& s) {
  size_t base = s.size() - 9;
  Tensor out = kernels::instanceNorm(
      "aten::instance_norm", s[base].toTensor(), optTensor(s[base + 1]), optTensor(s[base + 2]),
      optTensor(s[base + 3]), optTensor(s[base + 4]), s[base + 5].toBool(),
      s[base + 6].toDouble(), s[base + 7].toDouble());
  s.resize(base);
  push(s, std::move(out));
}

}  // namespace

void registerNormalizationOps(OperatorRegistry& r) {
  r.add("aten::batch_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, "
        "Tensor? running_var, bool training, float momentum, float eps, bool cudnn_enabled) -> "
        "Tensor",
        batchNormOp<false>);
  r.add("aten::native_batch_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? "
        "running_mean, Tensor? running_var, bool training, float momentum, float eps) -> "
        "(Tensor, Tensor, Tensor)",
        batchNormOp<true>);
  r.add("aten::layer_norm(Tensor input, int[] normalized_shape, Tensor? weight=None, Tensor? "
        "bias=None, float eps=1e-05, bool cudnn_enable=True) -> Tensor",
        layerNormOp<false>);
  r.add("aten::native_layer_norm(Tensor input, SymInt[] normalized_shape, Tensor? weight, "
        "Tensor? bias, float eps) -> (Tensor, Tensor, Tensor)",
        layerNormOp<true>);
  r.add("aten::group_norm(Tensor input, int num_groups, Tensor? weight=None, Tensor? bias=None, "
        "float eps=1e-05, bool cudnn_enabled=True) -> Tensor",
        groupNormOp);
  r.add("aten::instance_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, "
        "Tensor? running_var, bool use_input_stats, float momentum, float eps, bool "
        "cudnn_enabled) -> Tensor",
        instanceNormOp);
}

}  // namespace wick
