// Result-type computation, mirroring at::native::result_type: categories
// bool < integer < floating, and within a category dimensioned tensors beat
// zero-dim tensors, which beat wrapped numbers.
#include "kernels/cpu/type_promotion.h"

namespace wick::kernels {
namespace {

constexpr int kUndef = -1;

int promoteSkipUndefined(int a, int b) {
  if (a == kUndef) return b;
  if (b == kUndef) return a;
  return static_cast<int>(promoteTypes(static_cast<DType>(a), static_cast<DType>(b)));
}

bool isFloatingId(int t) { return t != kUndef && isFloating(static_cast<DType>(t)); }

// at::native::combine_categories: the higher-priority group wins unless it
// is of a lower category than the other group.
int combineCategories(int higher, int lower) {
  if (isFloatingId(higher)) return higher;
  if (higher == static_cast<int>(DType::Bool) || isFloatingId(lower))
    return promoteSkipUndefined(higher, lower);
  if (higher != kUndef) return higher;
  return lower;
}

}  // namespace

Input::Input(Scalar s) : wrapped(true) {
  if (s.isFloat()) tensor = Tensor::scalar(s, DType::Float64);
  else if (s.isInt()) tensor = Tensor::scalar(s, DType::Int64);
  else tensor = Tensor::scalar(s, DType::Bool);
}

void ResultTypeState::update(const Input& in) {
  DType current = in.tensor.dtype();
  // A wrapped float participates as the default dtype, not as float64.
  if (in.wrapped && isFloating(current)) current = DType::Float32;
  int c = static_cast<int>(current);
  if (in.wrapped) wrapped_ = promoteSkipUndefined(wrapped_, c);
  else if (in.tensor.dim() > 0) dim_ = promoteSkipUndefined(dim_, c);
  else zero_ = promoteSkipUndefined(zero_, c);
}

DType ResultTypeState::result() const {
  int r = combineCategories(dim_, combineCategories(zero_, wrapped_));
  return r == kUndef ? DType::Float32 : static_cast<DType>(r);
}

DType resultType(std::span<const Input> inputs) {
  ResultTypeState st;
  for (const Input& in : inputs) st.update(in);
  return st.result();
}

DType resultType(const Input& a, const Input& b) {
  ResultTypeState st;
  st.update(a);
  st.update(b);
  return st.result();
}

bool canCast(DType from, DType to) {
  if (isFloating(from) && isIntegral(to, false)) return false;
  if (from != DType::Bool && to == DType::Bool) return false;
  return true;
}

}  // namespace wick::kernels
