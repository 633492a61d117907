// Rewrites the methods of an archive's code/ files into calls the source
// compiler already routes to the BuiltinResolver, so that the object model
// lives in the runtime and the frontend stays free of it:
//   self.fc1            -> ops.prim.GetAttr(self, "fc1")
//   self.x = v          -> ops.prim.SetAttr(self, "x", v)
//   CONSTANTS.c3        -> ops.wick.archive_constant(3)
//   __torch__.m.f(a)    -> ops.wick.call_function("__torch__.m.f", a)
//   (also through the locals the printer binds: `_0 = __torch__.m.f`)
//   __torch__.m.C.__new__(__torch__.m.C) -> ops.wick.create_object("__torch__.m.C")
// Method calls (`(fc1).forward(x)`) need no rewrite: the compiler emits them
// as builtin "aten::forward" with the receiver first, and the module
// resolver recognizes a receiver of class type.
#pragma once

#include <optional>

#include "frontend/ast.h"
#include "wick/ivalue.h"

namespace wick::module {

// Rewrites `body` in place.
void rewriteObjectAccess(frontend::StmtList& body);

// `ops.wick.bind_params()`: a statement whose only effect is a resolver
// call, which types the parameters the frontend could not.
frontend::StmtPtr bindParamsStatement(const frontend::SourceRange& range);

// The value of a literal expression (numbers, bools, strings, None, and
// lists or tuples of them; a leading minus), as in defaults and `Final`
// class constants; nullopt for anything else.
std::optional<IValue> literalValue(const frontend::Expr& e);

// "a.b.c" for a chain of names and attributes; "" otherwise.
std::string dottedName(const frontend::Expr& e);

}  // namespace wick::module
