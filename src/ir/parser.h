// Parses TorchScript graph text, as PyTorch prints `print(fn.graph)`, into a
// Graph. Accepts the "# file.py:12:4" comments PyTorch appends (they become
// the nodes' source locations; a node without one gets its position in the
// text), refined tensor types, nested blocks and `with X_0 = graph(...)`
// subgraph sections.
//
// Class types: a dotted type name such as `__torch__.Foo` is looked up
// through `resolveClass` when given; otherwise (or when it returns nullptr)
// an empty ClassType of that name is created, one per name per parse.
// Unknown undotted type names are errors.
//
// Errors are wick::Error with "file:line:col: message". Numeric value names
// ("%23") are kept, so printing the graph reproduces the text.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "ir/graph.h"

namespace wick::ir {

std::shared_ptr<Graph> parseGraph(std::string_view text, const std::string& filename = "<graph>");
std::shared_ptr<Graph> parseGraph(std::string_view text, const std::string& filename,
                                  const std::function<TypePtr(const std::string&)>& resolveClass);

}  // namespace wick::ir
