// prim::CreateObject: the instance behind `__torch__.Foo.__new__(Foo)`.
#include "runtime/module/object_ops.h"

#include <fmt/format.h>

#include "ir/type.h"
#include "wick/error.h"

namespace wick {

void registerObjectOps(OperatorRegistry& r) {
  r.add("prim::CreateObject() -> Any", [](const ir::Node& node) {
    // The class comes from the node, which the module compiler typed.
    auto cls = std::dynamic_pointer_cast<const ir::ClassType>(node.output()->type());
    if (!cls) {
      throw Error(fmt::format("prim::CreateObject: the output has type {}, not a class",
                              node.output()->type()->annotationStr()));
    }
    Operation op;
    std::shared_ptr<const ClassInfo> info = cls;
    op.closure = [info](Stack& s) { s.emplace_back(makeRef<Object>(info)); };
    return op;
  });
}

}  // namespace wick
