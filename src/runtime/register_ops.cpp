// The one place where every op family is registered, in a fixed order:
// scalar ops first so that, among equally good overloads, the scalar ones
// are found first.
#include "runtime/operator.h"
#include "runtime/module/object_ops.h"
#include "runtime/ops/ops.h"

namespace wick {

void registerAllOperators(OperatorRegistry& r) {
  registerPrimOps(r);
  registerScalarOps(r);
  registerContainerOps(r);
  registerElementwiseOps(r);
  registerReductionOps(r);
  registerLinalgOps(r);
  registerShapeOps(r);
  registerShapeExtraOps(r);
  registerResampleExtraOps(r);
  registerCreationOps(r);
  registerConvolutionOps(r);
  registerNormalizationOps(r);
  registerPoolingOps(r);
  registerActivationOps(r);
  registerEpilogueOps(r);
  registerObjectOps(r);
  registerRecurrentOps(r);
  registerIndexingOps(r);
  registerAttentionOps(r);
  registerTensorDataOps(r);
}

}  // namespace wick
