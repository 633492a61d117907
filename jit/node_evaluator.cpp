#include "jit/node_evaluator.h"

#include <exception>
#include <memory>
#include <unordered_map>

#include "runtime/interpreter.h"

namespace wick::jit {

std::optional<std::vector<IValue>> evaluateNode(const ir::Node& node, const std::vector<IValue>& inputs) {
  if (!node.blocks().empty() || inputs.size() != node.inputs().size()) return std::nullopt;
  try {
    // A one-node graph: constants for the inputs, a copy of the node.
    auto g = std::make_shared<ir::Graph>();
    std::unordered_map<const ir::Value*, ir::Value*> map;
    for (size_t i = 0; i < inputs.size(); ++i) {
      ir::Value* c = g->insertConstant(inputs[i]);
      if (node.input(i)->type()) c->setType(node.input(i)->type());
      map[node.input(i)] = c;
    }
    ir::Node* copy = g->insertNode(g->createClone(&node, [&](ir::Value* v) { return map.at(v); }));
    for (ir::Value* out : copy->outputs()) g->registerOutput(out);
    return Code::compile(std::move(g))->run({});
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace wick::jit
