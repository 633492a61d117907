// Registers the aten:: activation ops (hard*, leaky_relu, elu family,
// softplus, mish, log_sigmoid and their in-place forms), softmax /
// log_softmax, and the dropout family (identity at inference).
#include "core/check.h"
#include "kernels/cpu/activation.h"
#include "runtime/operator.h"
#include "runtime/ops/ops.h"

namespace wick {
namespace {

using kernels::Activation;
using kernels::ActivationParams;

// An op `name(self, <NumScalars scalars>)`; MakeParams turns the scalars
// into the kernel's parameters.
template <const char* Name, Activation Kind, int NumScalars, bool InPlace,
          ActivationParams (*MakeParams)(const IValue*)>
void activationOp(Stack& s) {
  ActivationParams p = MakeParams(&s[s.size() - NumScalars]);
  Tensor self = s[s.size() - NumScalars - 1].toTensor();
  drop(s, NumScalars + 1);
  push(s, InPlace ? kernels::activationInPlace(Name, Kind, self, p)
                  : kernels::activation(Name, Kind, self, p));
}

ActivationParams noParams(const IValue*) { return {}; }
ActivationParams twoScalars(const IValue* v) { return {v[0].toDouble(), v[1].toDouble(), 0}; }
ActivationParams oneScalar(const IValue* v) { return {v[0].toDouble(), 0, 0}; }
ActivationParams eluScalars(const IValue* v) {
  return {v[0].toDouble(), v[1].toDouble(), v[2].toDouble()};
}
ActivationParams relu6Params(const IValue*) { return {0, 6, 0}; }
ActivationParams seluParams(const IValue*) { return kernels::seluParams(); }
ActivationParams celuParams(const IValue* v) { return kernels::celuParams(v[0].toDouble()); }

#define WICK_NAME(var, text) constexpr char var[] = text;
WICK_NAME(kHardswish, "aten::hardswish")
WICK_NAME(kHardswish_, "aten::hardswish_")
WICK_NAME(kHardsigmoid, "aten::hardsigmoid")
WICK_NAME(kHardsigmoid_, "aten::hardsigmoid_")
WICK_NAME(kHardtanh, "aten::hardtanh")
WICK_NAME(kHardtanh_, "aten::hardtanh_")
WICK_NAME(kRelu6, "aten::relu6")
WICK_NAME(kRelu6_, "aten::relu6_")
WICK_NAME(kLeakyRelu, "aten::leaky_relu")
WICK_NAME(kLeakyRelu_, "aten::leaky_relu_")
WICK_NAME(kElu, "aten::elu")
WICK_NAME(kElu_, "aten::elu_")
WICK_NAME(kSelu, "aten::selu")
WICK_NAME(kSelu_, "aten::selu_")
WICK_NAME(kCelu, "aten::celu")
WICK_NAME(kCelu_, "aten::celu_")
WICK_NAME(kSoftplus, "aten::softplus")
WICK_NAME(kMish, "aten::mish")
WICK_NAME(kMish_, "aten::mish_")
WICK_NAME(kLogSigmoid, "aten::log_sigmoid")
#undef WICK_NAME

// softmax.int / log_softmax.int (self, dim, dtype?).
template <bool Log>
void softmaxOp(Stack& s) {
  std::optional<DType> dtype;
  if (!s.back().isNone()) dtype = static_cast<DType>(s.back().toInt());
  int64_t dim = s[s.size() - 2].toInt();
  Tensor self = s[s.size() - 3].toTensor();
  drop(s, 3);
  push(s, kernels::softmax(Log ? "aten::log_softmax" : "aten::softmax", self, dim, dtype, Log));
}

// _softmax / _log_softmax (self, dim, half_to_float).
template <bool Log>
void rawSoftmaxOp(Stack& s) {
  const char* name = Log ? "aten::_log_softmax" : "aten::_softmax";
  bool halfToFloat = s.back().toBool();
  int64_t dim = s[s.size() - 2].toInt();
  Tensor self = s[s.size() - 3].toTensor();
  WICK_CHECK(!halfToFloat || self.dtype() == DType::Float16,
             "{}: conversion from {} to float32 is supported for float16 only", name,
             dtypeName(self.dtype()));
  drop(s, 3);
  push(s, kernels::softmax(name, self, dim, halfToFloat ? std::optional<DType>(DType::Float32)
                                                        : std::nullopt, Log));
}

// The dropout family (input, p, train): the identity at inference. Wick
// runs inference only, so train=True is an error rather than a silently
// deterministic "dropout".
template <const char* Name>
void dropoutOp(Stack& s) {
  bool train = s.back().toBool();
  double p = s[s.size() - 2].toDouble();
  WICK_CHECK(p >= 0 && p <= 1, "{}: dropout probability has to be between 0 and 1, but got {}",
             Name, p);
  WICK_CHECK(!train,
             "{}: called with train=True, but Wick runs inference only; call model.eval() before "
             "scripting or saving the model",
             Name);
  drop(s, 2);  // the input (or self, for the in-place forms) stays on top
}

#define WICK_NAME(var, text) constexpr char var[] = text;
WICK_NAME(kDropout, "aten::dropout")
WICK_NAME(kFeatureDropout, "aten::feature_dropout")
WICK_NAME(kAlphaDropout, "aten::alpha_dropout")
WICK_NAME(kFeatureAlphaDropout, "aten::feature_alpha_dropout")
#undef WICK_NAME

}  // namespace

void registerActivationOps(OperatorRegistry& r) {
  using A = Activation;
  r.add("aten::hardswish(Tensor self) -> Tensor", activationOp<kHardswish, A::Hardswish, 0, false, noParams>);
  r.add("aten::hardswish_(Tensor(a!) self) -> Tensor(a!)", activationOp<kHardswish_, A::Hardswish, 0, true, noParams>);
  r.add("aten::hardsigmoid(Tensor self) -> Tensor", activationOp<kHardsigmoid, A::Hardsigmoid, 0, false, noParams>);
  r.add("aten::hardsigmoid_(Tensor(a!) self) -> Tensor(a!)", activationOp<kHardsigmoid_, A::Hardsigmoid, 0, true, noParams>);
  r.add("aten::hardtanh(Tensor self, Scalar min_val=-1, Scalar max_val=1) -> Tensor",
        activationOp<kHardtanh, A::Hardtanh, 2, false, twoScalars>);
  r.add("aten::hardtanh_(Tensor(a!) self, Scalar min_val=-1, Scalar max_val=1) -> Tensor(a!)",
        activationOp<kHardtanh_, A::Hardtanh, 2, true, twoScalars>);
  r.add("aten::relu6(Tensor self) -> Tensor", activationOp<kRelu6, A::Hardtanh, 0, false, relu6Params>);
  r.add("aten::relu6_(Tensor(a!) self) -> Tensor(a!)", activationOp<kRelu6_, A::Hardtanh, 0, true, relu6Params>);
  r.add("aten::leaky_relu(Tensor self, Scalar negative_slope=0.01) -> Tensor",
        activationOp<kLeakyRelu, A::LeakyRelu, 1, false, oneScalar>);
  r.add("aten::leaky_relu_(Tensor(a!) self, Scalar negative_slope=0.01) -> Tensor(a!)",
        activationOp<kLeakyRelu_, A::LeakyRelu, 1, true, oneScalar>);
  r.add("aten::elu(Tensor self, Scalar alpha=1, Scalar scale=1, Scalar input_scale=1) -> Tensor",
        activationOp<kElu, A::Elu, 3, false, eluScalars>);
  r.add("aten::elu_(Tensor(a!) self, Scalar alpha=1, Scalar scale=1, Scalar input_scale=1) -> "
        "Tensor(a!)",
        activationOp<kElu_, A::Elu, 3, true, eluScalars>);
  r.add("aten::selu(Tensor self) -> Tensor", activationOp<kSelu, A::Elu, 0, false, seluParams>);
  r.add("aten::selu_(Tensor(a!) self) -> Tensor(a!)", activationOp<kSelu_, A::Elu, 0, true, seluParams>);
  r.add("aten::celu(Tensor self, Scalar alpha=1.) -> Tensor", activationOp<kCelu, A::Elu, 1, false, celuParams>);
  r.add("aten::celu_(Tensor(a!) self, Scalar alpha=1.) -> Tensor(a!)",
        activationOp<kCelu_, A::Elu, 1, true, celuParams>);
  r.add("aten::softplus(Tensor self, Scalar beta=1, Scalar threshold=20) -> Tensor",
        activationOp<kSoftplus, A::Softplus, 2, false, twoScalars>);
  r.add("aten::mish(Tensor self) -> Tensor", activationOp<kMish, A::Mish, 0, false, noParams>);
  r.add("aten::mish_(Tensor(a!) self) -> Tensor(a!)", activationOp<kMish_, A::Mish, 0, true, noParams>);
  r.add("aten::log_sigmoid(Tensor self) -> Tensor", activationOp<kLogSigmoid, A::LogSigmoid, 0, false, noParams>);

  r.add("aten::softmax.int(Tensor self, int dim, ScalarType? dtype=None) -> Tensor", softmaxOp<false>);
  r.add("aten::log_softmax.int(Tensor self, int dim, ScalarType? dtype=None) -> Tensor", softmaxOp<true>);
  r.add("aten::_softmax(Tensor self, int dim, bool half_to_float) -> Tensor", rawSoftmaxOp<false>);
  r.add("aten::_log_softmax(Tensor self, int dim, bool half_to_float) -> Tensor", rawSoftmaxOp<true>);

  r.add("aten::dropout(Tensor input, float p, bool train) -> Tensor", dropoutOp<kDropout>);
  r.add("aten::dropout_(Tensor(a!) self, float p, bool train) -> Tensor(a!)", dropoutOp<kDropout>);
  r.add("aten::feature_dropout(Tensor input, float p, bool train) -> Tensor", dropoutOp<kFeatureDropout>);
  r.add("aten::feature_dropout_(Tensor(a!) self, float p, bool train) -> Tensor(a!)",
        dropoutOp<kFeatureDropout>);
  r.add("aten::alpha_dropout(Tensor input, float p, bool train) -> Tensor", dropoutOp<kAlphaDropout>);
  r.add("aten::alpha_dropout_(Tensor(a!) self, float p, bool train) -> Tensor(a!)",
        dropoutOp<kAlphaDropout>);
  r.add("aten::feature_alpha_dropout(Tensor input, float p, bool train) -> Tensor",
        dropoutOp<kFeatureAlphaDropout>);
  r.add("aten::feature_alpha_dropout_(Tensor(a!) self, float p, bool train) -> Tensor(a!)",
        dropoutOp<kFeatureAlphaDropout>);
}

}  // namespace wick
