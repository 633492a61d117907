// How single nodes become code: the overloads that have a specialized
// instruction, and the node-specialized operations the interpreter builds
// itself (attribute access, isinstance).
#include <string>
#include <unordered_map>

#include "ir/type.h"
#include "runtime/interpreter_code.h"

namespace wick::interp {

// Overloads with a specialized instruction; the registry's op of the same
// name is what they replace (same semantics: both use scalar_math.h).
const std::unordered_map<std::string, OpCode>& specializedOpCodes() {
  static const auto* table = [] {
    auto* m = new std::unordered_map<std::string, OpCode>();
    auto add4 = [&](const char* name, OpCode first) {
      const char* suffix[] = {".int", ".float", ".int_float", ".float_int"};
      for (int i = 0; i < 4; ++i) (*m)[std::string(name) + suffix[i]] = OpCode(uint8_t(first) + i);
    };
    add4("aten::add", OpCode::AddII);
    add4("aten::sub", OpCode::SubII);
    add4("aten::mul", OpCode::MulII);
    add4("aten::floordiv", OpCode::FloorDivII);
    add4("aten::remainder", OpCode::RemII);
    add4("aten::eq", OpCode::EqII);
    add4("aten::ne", OpCode::NeII);
    add4("aten::lt", OpCode::LtII);
    add4("aten::le", OpCode::LeII);
    add4("aten::gt", OpCode::GtII);
    add4("aten::ge", OpCode::GeII);
    (*m)["aten::div.int"] = OpCode::DivII;
    (*m)["aten::div.float"] = OpCode::DivFF;
    (*m)["aten::Float.int"] = OpCode::FloatI;
    (*m)["aten::Int.float"] = OpCode::IntF;
    (*m)["aten::neg.int"] = OpCode::NegI;
    (*m)["aten::neg.float"] = OpCode::NegF;
    (*m)["aten::__not__"] = OpCode::Not;
    return m;
  }();
  return *table;
}

// prim::GetAttr / prim::SetAttr on objects: by slot when the class is
// known statically, by name otherwise.
Operation attributeAccessOp(const ir::Node& n) {
  std::string name = n.s("name");
  int64_t slot = -1;
  if (auto* cls = dynamic_cast<const ir::ClassType*>(n.input(0)->type().get())) slot = cls->findAttribute(name);
  Operation op;
  if (n.kind() == ir::Symbol::prim_GetAttr) {
    op.closure = [name, slot](Stack& s) {
      Object& obj = s.back().objectRef();
      s.back() = slot >= 0 ? obj.slots[slot] : obj.attr(name);
    };
  } else {
    op.closure = [name, slot](Stack& s) {
      IValue v = pop(s);
      IValue self = pop(s);  // keeps the object alive while it is written
      Object& obj = self.objectRef();
      if (slot >= 0) obj.slots[slot] = std::move(v);
      else obj.setAttr(name, std::move(v));
    };
  }
  return op;
}

// prim::isinstance[types=[...]](x): whether x's run-time value conforms
// to any of the types.
Operation isInstanceOp(const ir::Node& n) {
  std::vector<ir::TypePtr> types = n.tys("types");
  Operation op;
  op.closure = [types](Stack& s) {
    bool match = false;
    for (const auto& t : types) match = match || ir::valueMatchesType(s.back(), *t);
    s.back() = IValue(match);
  };
  return op;
}

}  // namespace wick::interp
