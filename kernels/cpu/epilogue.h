// An elementwise tail applied to the output of a convolution or a linear
// layer inside the same oneDNN primitive (post-ops): `+ residual` when one
// is given, then the activation. The JIT's fuse_epilogues pass forms them.
#pragma once

#include "wick/tensor.h"

namespace wick::kernels {

enum class EpilogueActivation {
  None,
  Relu,
  Relu6,  // hardtanh(x, 0, 6)
  Hardswish,
  Hardsigmoid,
  Silu,
  Sigmoid,
  GeluErf,
  GeluTanh,
};

struct Epilogue {
  Tensor residual;  // undefined: no residual add
  EpilogueActivation activation = EpilogueActivation::None;
  bool empty() const { return !residual.defined() && activation == EpilogueActivation::None; }
};

}  // namespace wick::kernels
