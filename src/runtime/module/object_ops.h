// Operators of the module object model that the interpreter runs through
// the registry: creating an instance of an archive class.
#pragma once

#include "runtime/operator.h"

namespace wick {

// prim::CreateObject() -> Any: a fresh instance (attributes None) of the
// class its node's output is typed with; `__init__` then fills it in.
void registerObjectOps(OperatorRegistry& r);

}  // namespace wick
