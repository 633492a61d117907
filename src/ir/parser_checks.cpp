// Structural checks the graph parser applies to each node as it is read,
// so malformed text is reported at the node's line rather than by lint.
#include "ir/parser_internal.h"

namespace wick::ir {

void checkConstantNode(const Node* n, const SourceLocation& loc) {
  if (n->outputs().size() != 1 || !n->inputs().empty())
    TextCursor::failAt(loc, "prim::Constant must have one output and no inputs");
  if (!n->hasAttribute("value") && n->output()->type()->kind() != TypeKind::None)
    TextCursor::failAt(loc, fmt::format("prim::Constant without a value must have type NoneType, not {}",
                                        n->output()->type()->str()));
}

void checkControlFlowNode(const Node* n, const SourceLocation& loc) {
  if (n->kind() == Symbol::prim_If) {
    if (n->inputs().size() != 1)
      TextCursor::failAt(loc,
                         fmt::format("prim::If takes one condition, found {} inputs", n->inputs().size()));
    if (n->blocks().size() != 2)
      TextCursor::failAt(loc, fmt::format("prim::If needs two blocks, found {}", n->blocks().size()));
    for (size_t i = 0; i < 2; ++i) {
      const Block* b = n->blocks()[i];
      if (!b->inputs().empty())
        TextCursor::failAt(loc, fmt::format("block{} of prim::If must take no parameters", i));
      if (b->outputs().size() != n->outputs().size())
        TextCursor::failAt(loc, fmt::format("block{} of prim::If returns {} values for {} outputs", i,
                                            b->outputs().size(), n->outputs().size()));
    }
  } else if (n->kind() == Symbol::prim_Loop) {
    if (n->inputs().size() < 2) TextCursor::failAt(loc, "prim::Loop needs a trip count and a condition");
    if (n->blocks().size() != 1)
      TextCursor::failAt(loc, fmt::format("prim::Loop needs one block, found {}", n->blocks().size()));
    size_t carried = n->inputs().size() - 2;
    const Block* b = n->blocks()[0];
    if (n->outputs().size() != carried || b->inputs().size() != carried + 1 ||
        b->outputs().size() != carried + 1)
      TextCursor::failAt(loc,
                         fmt::format("prim::Loop carries {} values: it needs {} outputs, {} block parameters "
                                     "and {} block returns, found {}, {} and {}",
                                     carried, carried, carried + 1, carried + 1, n->outputs().size(),
                                     b->inputs().size(), b->outputs().size()));
  }
}

}  // namespace wick::ir
