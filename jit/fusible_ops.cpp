// The table of fusible operators (fusible_ops.h).
#include "jit/fusible_ops.h"

#include <unordered_map>

namespace wick::jit {

namespace {

constexpr uint32_t A0 = 1, A01 = 3, A012 = 7;

const FusibleOp kOps[] = {
    // Unary elementwise (further arguments are constants).
    {"aten::neg", FusibleOp::Elementwise, A0},
    {"aten::abs", FusibleOp::Elementwise, A0},
    {"aten::exp", FusibleOp::Elementwise, A0},
    {"aten::exp2", FusibleOp::Elementwise, A0},
    {"aten::expm1", FusibleOp::Elementwise, A0},
    {"aten::log", FusibleOp::Elementwise, A0},
    {"aten::log2", FusibleOp::Elementwise, A0},
    {"aten::log10", FusibleOp::Elementwise, A0},
    {"aten::log1p", FusibleOp::Elementwise, A0},
    {"aten::sqrt", FusibleOp::Elementwise, A0},
    {"aten::rsqrt", FusibleOp::Elementwise, A0},
    {"aten::reciprocal", FusibleOp::Elementwise, A0},
    {"aten::sin", FusibleOp::Elementwise, A0},
    {"aten::cos", FusibleOp::Elementwise, A0},
    {"aten::tan", FusibleOp::Elementwise, A0},
    {"aten::asin", FusibleOp::Elementwise, A0},
    {"aten::acos", FusibleOp::Elementwise, A0},
    {"aten::atan", FusibleOp::Elementwise, A0},
    {"aten::sinh", FusibleOp::Elementwise, A0},
    {"aten::cosh", FusibleOp::Elementwise, A0},
    {"aten::tanh", FusibleOp::Elementwise, A0},
    {"aten::sigmoid", FusibleOp::Elementwise, A0},
    {"aten::erf", FusibleOp::Elementwise, A0},
    {"aten::erfc", FusibleOp::Elementwise, A0},
    {"aten::floor", FusibleOp::Elementwise, A0},
    {"aten::ceil", FusibleOp::Elementwise, A0},
    {"aten::round", FusibleOp::Elementwise, A0},
    {"aten::trunc", FusibleOp::Elementwise, A0},
    {"aten::frac", FusibleOp::Elementwise, A0},
    {"aten::sign", FusibleOp::Elementwise, A0},
    {"aten::square", FusibleOp::Elementwise, A0},
    {"aten::relu", FusibleOp::Elementwise, A0},
    {"aten::relu6", FusibleOp::Elementwise, A0},
    {"aten::gelu", FusibleOp::Elementwise, A0},
    {"aten::silu", FusibleOp::Elementwise, A0},
    {"aten::mish", FusibleOp::Elementwise, A0},
    {"aten::hardsigmoid", FusibleOp::Elementwise, A0},
    {"aten::hardswish", FusibleOp::Elementwise, A0},
    {"aten::hardtanh", FusibleOp::Elementwise, A0},
    {"aten::leaky_relu", FusibleOp::Elementwise, A0},
    {"aten::elu", FusibleOp::Elementwise, A0},
    {"aten::softplus", FusibleOp::Elementwise, A0},
    {"aten::bitwise_not", FusibleOp::Elementwise, A0},
    {"aten::logical_not", FusibleOp::Elementwise, A0},
    {"aten::isnan", FusibleOp::Elementwise, A0},
    // Binary elementwise (alpha / rounding_mode are constants).
    {"aten::add", FusibleOp::Elementwise, A01},
    {"aten::sub", FusibleOp::Elementwise, A01},
    {"aten::rsub", FusibleOp::Elementwise, A01},
    {"aten::mul", FusibleOp::Elementwise, A01},
    {"aten::div", FusibleOp::Elementwise, A01},
    {"aten::true_divide", FusibleOp::Elementwise, A01},
    {"aten::floor_divide", FusibleOp::Elementwise, A01},
    {"aten::remainder", FusibleOp::Elementwise, A01},
    {"aten::fmod", FusibleOp::Elementwise, A01},
    {"aten::pow", FusibleOp::Elementwise, A01},
    {"aten::maximum", FusibleOp::Elementwise, A01},
    {"aten::minimum", FusibleOp::Elementwise, A01},
    {"aten::atan2", FusibleOp::Elementwise, A01},
    {"aten::eq", FusibleOp::Elementwise, A01},
    {"aten::ne", FusibleOp::Elementwise, A01},
    {"aten::lt", FusibleOp::Elementwise, A01},
    {"aten::le", FusibleOp::Elementwise, A01},
    {"aten::gt", FusibleOp::Elementwise, A01},
    {"aten::ge", FusibleOp::Elementwise, A01},
    {"aten::bitwise_and", FusibleOp::Elementwise, A01},
    {"aten::bitwise_or", FusibleOp::Elementwise, A01},
    {"aten::bitwise_xor", FusibleOp::Elementwise, A01},
    {"aten::__and__", FusibleOp::Elementwise, A01},
    {"aten::__or__", FusibleOp::Elementwise, A01},
    {"aten::__xor__", FusibleOp::Elementwise, A01},
    {"aten::logical_and", FusibleOp::Elementwise, A01},
    {"aten::logical_or", FusibleOp::Elementwise, A01},
    {"aten::logical_xor", FusibleOp::Elementwise, A01},
    // Ternary.
    {"aten::where", FusibleOp::Elementwise, A012},
    {"aten::clamp", FusibleOp::Elementwise, A012},
    {"aten::clamp_min", FusibleOp::Elementwise, A01},
    {"aten::clamp_max", FusibleOp::Elementwise, A01},
    {"aten::lerp", FusibleOp::Elementwise, A012},
    {"aten::addcmul", FusibleOp::Elementwise, A012},
    {"aten::addcdiv", FusibleOp::Elementwise, A012},
    // Casts.
    {"aten::to", FusibleOp::Cast, A01, false, true},  // argument 1: to(other)'s tensor; else a constant
    {"aten::type_as", FusibleOp::Cast, A01, false, true},
    // Reductions over the given dims.
    {"aten::sum", FusibleOp::Reduction, A0},
    {"aten::mean", FusibleOp::Reduction, A0},
    {"aten::amax", FusibleOp::Reduction, A0},
    {"aten::amin", FusibleOp::Reduction, A0},
    {"aten::var", FusibleOp::Reduction, A0, true},
    {"aten::std", FusibleOp::Reduction, A0, true},
    {"aten::softmax", FusibleOp::Reduction, A0, true},
    {"aten::log_softmax", FusibleOp::Reduction, A0, true},
    // input, normalized_shape, weight?, bias?, eps, cudnn_enable
    {"aten::layer_norm", FusibleOp::Reduction, 1u | 4u | 8u, true},
};

}  // namespace

const FusibleOp* findFusibleOp(std::string_view qualName) {
  static const auto* table = [] {
    auto* m = new std::unordered_map<std::string_view, const FusibleOp*>();
    for (const auto& op : kOps) (*m)[op.name] = &op;
    return m;
  }();
  auto it = table->find(qualName);
  return it == table->end() ? nullptr : it->second;
}

}  // namespace wick::jit
