#include "jit/kir/kernel_ir.h"

#include <fmt/format.h>

#include <unordered_set>

#include "core/check.h"

namespace wick::jit::kir {

namespace {

bool isIntegral(DType t) {
  switch (t) {
    case DType::UInt8:
    case DType::Int8:
    case DType::Int16:
    case DType::Int32:
    case DType::Int64:
      return true;
    default:
      return false;
  }
}
bool isFloat(DType t) { return t == DType::Float32 || t == DType::Float64; }
bool isKernelType(DType t) { return isIntegral(t) || isFloat(t) || t == DType::Bool; }

std::shared_ptr<Expr> make(Expr::Kind kind, DType dtype) {
  auto e = std::make_shared<Expr>();
  e->kind = kind;
  e->dtype = dtype;
  return e;
}

const char* unaryName(UnaryOp op) {
  static const char* names[] = {"neg",   "abs",     "not",   "bitnot", "exp",   "exp2",  "expm1",
                                "log",   "log2",    "log10", "log1p",  "sqrt",  "rsqrt", "reciprocal",
                                "sin",   "cos",     "tan",   "asin",   "acos",  "atan",  "sinh",
                                "cosh",  "tanh",    "sigmoid", "erf",  "erfc",  "floor", "ceil",
                                "round", "trunc",   "sign",  "isnan",  "isinf", "isfinite"};
  return names[static_cast<int>(op)];
}
const char* binaryName(BinaryOp op) {
  static const char* names[] = {"+",   "-",   "*",     "/",     "floordiv", "fmod", "remainder",
                                "max", "min", "pow",   "atan2", "&",        "|",    "^",
                                "<<",  ">>",  "&&",    "||"};
  return names[static_cast<int>(op)];
}
const char* compareName(CompareOp op) {
  static const char* names[] = {"==", "!=", "<", "<=", ">", ">="};
  return names[static_cast<int>(op)];
}

}  // namespace

Kernel::Kernel() {
  outer = newVar(Var::Kind::LoopIndex, DType::Int64, "outer");
}

int Kernel::addBuffer(std::string bufName, DType dtype, bool isOutput) {
  WICK_CHECK(isKernelType(dtype), "kernel IR: buffer '{}' has unsupported dtype {}", bufName, dtypeName(dtype));
  buffers.push_back(BufferParam{std::move(bufName), dtype, isOutput});
  return static_cast<int>(buffers.size()) - 1;
}

VarPtr Kernel::addIntParam(std::string paramName) {
  auto v = std::make_shared<Var>(Var{Var::Kind::IntParam, DType::Int64, std::move(paramName),
                                     static_cast<int>(intParams.size())});
  intParams.push_back(v);
  return v;
}

VarPtr Kernel::addFloatParam(std::string paramName) {
  auto v = std::make_shared<Var>(Var{Var::Kind::FloatParam, DType::Float64, std::move(paramName),
                                     static_cast<int>(floatParams.size())});
  floatParams.push_back(v);
  return v;
}

VarPtr Kernel::newVar(Var::Kind kind, DType dtype, const std::string& hint) {
  WICK_CHECK(kind == Var::Kind::LoopIndex || kind == Var::Kind::Local,
             "kernel IR: newVar makes loop indices and locals only");
  return std::make_shared<Var>(Var{kind, dtype, fmt::format("{}{}", hint, nextId_++), -1});
}

ExprPtr intImm(int64_t v, DType dtype) {
  WICK_CHECK(isIntegral(dtype) || dtype == DType::Bool, "kernel IR: intImm of non-integer dtype {}",
             dtypeName(dtype));
  auto e = make(Expr::Kind::IntImm, dtype);
  e->ival = dtype == DType::Bool ? (v != 0) : v;
  return e;
}

ExprPtr floatImm(double v, DType dtype) {
  WICK_CHECK(isFloat(dtype), "kernel IR: floatImm of non-float dtype {}", dtypeName(dtype));
  auto e = make(Expr::Kind::FloatImm, dtype);
  e->fval = v;
  return e;
}

ExprPtr boolImm(bool v) { return intImm(v ? 1 : 0, DType::Bool); }

ExprPtr var(const VarPtr& v) {
  WICK_CHECK(v != nullptr, "kernel IR: null variable");
  auto e = make(Expr::Kind::VarRef, v->dtype);
  e->var = v;
  return e;
}

ExprPtr load(const Kernel& k, int buffer, ExprPtr index) {
  WICK_CHECK(buffer >= 0 && buffer < static_cast<int>(k.buffers.size()), "kernel IR: load from buffer {} of {}",
             buffer, k.buffers.size());
  WICK_CHECK(index && index->dtype == DType::Int64, "kernel IR: load index must be Int64");
  auto e = make(Expr::Kind::Load, k.buffers[buffer].dtype);
  e->buffer = buffer;
  e->operands.push_back(std::move(index));
  return e;
}

ExprPtr unary(UnaryOp op, ExprPtr a) {
  WICK_CHECK(a != nullptr, "kernel IR: null operand of {}", unaryName(op));
  DType t = a->dtype;
  switch (op) {
    case UnaryOp::IsNan:
    case UnaryOp::IsInf:
    case UnaryOp::IsFinite:
      t = DType::Bool;
      break;
    case UnaryOp::Not:
      WICK_CHECK(a->dtype == DType::Bool, "kernel IR: logical not of {}", dtypeName(a->dtype));
      break;
    case UnaryOp::BitNot:
      WICK_CHECK(isIntegral(a->dtype) || a->dtype == DType::Bool, "kernel IR: bitnot of {}", dtypeName(a->dtype));
      break;
    case UnaryOp::Neg:
    case UnaryOp::Abs:
    case UnaryOp::Sign:
      WICK_CHECK(a->dtype != DType::Bool, "kernel IR: {} of Bool", unaryName(op));
      break;
    case UnaryOp::Floor:
    case UnaryOp::Ceil:
    case UnaryOp::Round:
    case UnaryOp::Trunc:
      WICK_CHECK(a->dtype != DType::Bool, "kernel IR: {} of Bool", unaryName(op));
      break;
    default:
      WICK_CHECK(isFloat(a->dtype), "kernel IR: {} needs a float operand, got {}", unaryName(op),
                 dtypeName(a->dtype));
  }
  auto e = make(Expr::Kind::Unary, t);
  e->unaryOp = op;
  e->operands.push_back(std::move(a));
  return e;
}

ExprPtr binary(BinaryOp op, ExprPtr a, ExprPtr b) {
  WICK_CHECK(a && b, "kernel IR: null operand of {}", binaryName(op));
  WICK_CHECK(a->dtype == b->dtype, "kernel IR: operands of {} differ: {} and {}", binaryName(op),
             dtypeName(a->dtype), dtypeName(b->dtype));
  DType t = a->dtype;
  switch (op) {
    case BinaryOp::LogicalAnd:
    case BinaryOp::LogicalOr:
      WICK_CHECK(t == DType::Bool, "kernel IR: {} of {}", binaryName(op), dtypeName(t));
      break;
    case BinaryOp::BitAnd:
    case BinaryOp::BitOr:
    case BinaryOp::BitXor:
      WICK_CHECK(isIntegral(t) || t == DType::Bool, "kernel IR: {} of {}", binaryName(op), dtypeName(t));
      break;
    case BinaryOp::Shl:
    case BinaryOp::Shr:
      WICK_CHECK(isIntegral(t), "kernel IR: {} of {}", binaryName(op), dtypeName(t));
      break;
    case BinaryOp::Atan2:
      WICK_CHECK(isFloat(t), "kernel IR: atan2 of {}", dtypeName(t));
      break;
    default:
      WICK_CHECK(t != DType::Bool, "kernel IR: {} of Bool (cast first)", binaryName(op));
  }
  auto e = make(Expr::Kind::Binary, t);
  e->binaryOp = op;
  e->operands.push_back(std::move(a));
  e->operands.push_back(std::move(b));
  return e;
}

ExprPtr compare(CompareOp op, ExprPtr a, ExprPtr b) {
  WICK_CHECK(a && b, "kernel IR: null operand of {}", compareName(op));
  WICK_CHECK(a->dtype == b->dtype, "kernel IR: operands of {} differ: {} and {}", compareName(op),
             dtypeName(a->dtype), dtypeName(b->dtype));
  auto e = make(Expr::Kind::Compare, DType::Bool);
  e->compareOp = op;
  e->operands.push_back(std::move(a));
  e->operands.push_back(std::move(b));
  return e;
}

ExprPtr select(ExprPtr cond, ExprPtr a, ExprPtr b) {
  WICK_CHECK(cond && a && b, "kernel IR: null operand of select");
  WICK_CHECK(cond->dtype == DType::Bool, "kernel IR: select condition is {}", dtypeName(cond->dtype));
  WICK_CHECK(a->dtype == b->dtype, "kernel IR: select branches differ: {} and {}", dtypeName(a->dtype),
             dtypeName(b->dtype));
  auto e = make(Expr::Kind::Select, a->dtype);
  e->operands = {std::move(cond), std::move(a), std::move(b)};
  return e;
}

ExprPtr cast(ExprPtr a, DType to) {
  WICK_CHECK(a != nullptr, "kernel IR: null operand of cast");
  WICK_CHECK(isKernelType(to), "kernel IR: cast to unsupported dtype {}", dtypeName(to));
  if (a->dtype == to) return a;
  if (a->kind == Expr::Kind::IntImm && (isIntegral(to) || to == DType::Bool)) return intImm(a->ival, to);
  if (a->kind == Expr::Kind::IntImm && isFloat(to)) return floatImm(static_cast<double>(a->ival), to);
  auto e = make(Expr::Kind::Cast, to);
  e->operands.push_back(std::move(a));
  return e;
}

ExprPtr add(ExprPtr a, ExprPtr b) {
  if (a->kind == Expr::Kind::IntImm && a->ival == 0) return b;
  if (b->kind == Expr::Kind::IntImm && b->ival == 0) return a;
  if (a->kind == Expr::Kind::IntImm && b->kind == Expr::Kind::IntImm) return intImm(a->ival + b->ival, a->dtype);
  return binary(BinaryOp::Add, std::move(a), std::move(b));
}

ExprPtr mul(ExprPtr a, ExprPtr b) {
  if (a->kind == Expr::Kind::IntImm && a->ival == 1) return b;
  if (b->kind == Expr::Kind::IntImm && b->ival == 1) return a;
  if ((a->kind == Expr::Kind::IntImm && a->ival == 0) || (b->kind == Expr::Kind::IntImm && b->ival == 0))
    return intImm(0, a->dtype);
  if (a->kind == Expr::Kind::IntImm && b->kind == Expr::Kind::IntImm) return intImm(a->ival * b->ival, a->dtype);
  return binary(BinaryOp::Mul, std::move(a), std::move(b));
}

namespace {
StmtPtr makeStmt(Stmt::Kind kind) {
  auto s = std::make_unique<Stmt>();
  s->kind = kind;
  return s;
}
}  // namespace

StmtPtr block(std::vector<StmtPtr> stmts) {
  auto s = makeStmt(Stmt::Kind::Block);
  s->body = std::move(stmts);
  return s;
}

StmtPtr forLoop(VarPtr v, ExprPtr start, ExprPtr stop, StmtPtr body, bool vectorize) {
  WICK_CHECK(v && v->kind == Var::Kind::LoopIndex, "kernel IR: for loop needs a loop index variable");
  WICK_CHECK(start && stop && start->dtype == DType::Int64 && stop->dtype == DType::Int64,
             "kernel IR: loop bounds must be Int64");
  auto s = makeStmt(Stmt::Kind::For);
  s->var = std::move(v);
  s->start = std::move(start);
  s->stop = std::move(stop);
  s->body.push_back(std::move(body));
  s->vectorize = vectorize;
  return s;
}

StmtPtr store(int buffer, ExprPtr index, ExprPtr value) {
  WICK_CHECK(index && index->dtype == DType::Int64, "kernel IR: store index must be Int64");
  WICK_CHECK(value != nullptr, "kernel IR: store of a null value");
  auto s = makeStmt(Stmt::Kind::Store);
  s->buffer = buffer;
  s->index = std::move(index);
  s->value = std::move(value);
  return s;
}

StmtPtr let(VarPtr local, ExprPtr value) {
  WICK_CHECK(local && local->kind == Var::Kind::Local, "kernel IR: let needs a local variable");
  WICK_CHECK(value && value->dtype == local->dtype, "kernel IR: let {}: value dtype differs", local->name);
  auto s = makeStmt(Stmt::Kind::Let);
  s->var = std::move(local);
  s->value = std::move(value);
  return s;
}

StmtPtr assign(VarPtr local, ExprPtr value) {
  WICK_CHECK(local && local->kind == Var::Kind::Local, "kernel IR: assign needs a local variable");
  WICK_CHECK(value && value->dtype == local->dtype, "kernel IR: assign {}: value dtype differs", local->name);
  auto s = makeStmt(Stmt::Kind::Assign);
  s->var = std::move(local);
  s->value = std::move(value);
  return s;
}

StmtPtr ifThen(ExprPtr cond, StmtPtr then, StmtPtr otherwise) {
  WICK_CHECK(cond && cond->dtype == DType::Bool, "kernel IR: if condition must be Bool");
  auto s = makeStmt(Stmt::Kind::If);
  s->value = std::move(cond);
  s->body.push_back(std::move(then));
  s->body.push_back(std::move(otherwise));
  return s;
}

int64_t evalInt(const Expr& e, const int64_t* ints) {
  switch (e.kind) {
    case Expr::Kind::IntImm:
      return e.ival;
    case Expr::Kind::VarRef:
      WICK_CHECK(e.var->kind == Var::Kind::IntParam, "kernel IR: evalInt of variable {}", e.var->name);
      return ints[e.var->index];
    case Expr::Kind::Binary: {
      int64_t a = evalInt(*e.operands[0], ints);
      int64_t b = evalInt(*e.operands[1], ints);
      switch (e.binaryOp) {
        case BinaryOp::Add:
          return a + b;
        case BinaryOp::Sub:
          return a - b;
        case BinaryOp::Mul:
          return a * b;
        case BinaryOp::Max:
          return a > b ? a : b;
        case BinaryOp::Min:
          return a < b ? a : b;
        case BinaryOp::Div:
        case BinaryOp::FloorDiv: {
          WICK_CHECK(b != 0, "kernel IR: division by zero in a size expression");
          int64_t q = a / b;
          if (e.binaryOp == BinaryOp::FloorDiv && (a % b != 0) && ((a < 0) != (b < 0))) --q;
          return q;
        }
        default:
          break;
      }
      break;
    }
    default:
      break;
  }
  WICK_FAIL("kernel IR: cannot evaluate {} as a size expression", toString(e));
}

// ---- printing ----

std::string toString(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::IntImm:
      return e.dtype == DType::Bool ? (e.ival ? "true" : "false") : fmt::format("{}", e.ival);
    case Expr::Kind::FloatImm:
      return fmt::format("{}{}", e.fval, e.dtype == DType::Float32 ? "f" : "");
    case Expr::Kind::VarRef:
      return e.var->name;
    case Expr::Kind::Load:
      return fmt::format("buf{}[{}]", e.buffer, toString(*e.operands[0]));
    case Expr::Kind::Unary:
      return fmt::format("{}({})", unaryName(e.unaryOp), toString(*e.operands[0]));
    case Expr::Kind::Binary: {
      const char* n = binaryName(e.binaryOp);
      bool infix = !(n[0] >= 'a' && n[0] <= 'z');
      if (infix) return fmt::format("({} {} {})", toString(*e.operands[0]), n, toString(*e.operands[1]));
      return fmt::format("{}({}, {})", n, toString(*e.operands[0]), toString(*e.operands[1]));
    }
    case Expr::Kind::Compare:
      return fmt::format("({} {} {})", toString(*e.operands[0]), compareName(e.compareOp), toString(*e.operands[1]));
    case Expr::Kind::Select:
      return fmt::format("({} ? {} : {})", toString(*e.operands[0]), toString(*e.operands[1]),
                         toString(*e.operands[2]));
    case Expr::Kind::Cast:
      return fmt::format("{}({})", dtypeName(e.dtype), toString(*e.operands[0]));
  }
  return "?";
}

namespace {

void printStmt(const Stmt& s, int indent, std::string& out) {
  std::string pad(indent * 2, ' ');
  switch (s.kind) {
    case Stmt::Kind::Block:
      for (const auto& c : s.body)
        if (c) printStmt(*c, indent, out);
      break;
    case Stmt::Kind::For:
      out += fmt::format("{}for {} in [{}, {}){}:\n", pad, s.var->name, toString(*s.start), toString(*s.stop),
                         s.vectorize ? "  # vectorize" : "");
      printStmt(*s.body[0], indent + 1, out);
      break;
    case Stmt::Kind::Store:
      out += fmt::format("{}buf{}[{}] = {}\n", pad, s.buffer, toString(*s.index), toString(*s.value));
      break;
    case Stmt::Kind::Let:
      out += fmt::format("{}{} {} = {}\n", pad, dtypeName(s.var->dtype), s.var->name, toString(*s.value));
      break;
    case Stmt::Kind::Assign:
      out += fmt::format("{}{} = {}\n", pad, s.var->name, toString(*s.value));
      break;
    case Stmt::Kind::If:
      out += fmt::format("{}if {}:\n", pad, toString(*s.value));
      printStmt(*s.body[0], indent + 1, out);
      if (s.body.size() > 1 && s.body[1]) {
        out += fmt::format("{}else:\n", pad);
        printStmt(*s.body[1], indent + 1, out);
      }
      break;
  }
}

}  // namespace

std::string toString(const Kernel& k) {
  std::string out = fmt::format("kernel {}(", k.name);
  for (size_t i = 0; i < k.buffers.size(); ++i) {
    const auto& b = k.buffers[i];
    out += fmt::format("{}{} buf{} {}: {}", i ? ", " : "", b.isOutput ? "out" : "in", i, b.name, dtypeName(b.dtype));
  }
  for (const auto& p : k.intParams) out += fmt::format(", int {}", p->name);
  for (const auto& p : k.floatParams) out += fmt::format(", float {}", p->name);
  out += "):\n";
  out += fmt::format("  for {} in [begin, end) of [0, {}):\n", k.outer->name,
                     k.outerExtent ? toString(*k.outerExtent) : "?");
  if (k.body) printStmt(*k.body, 2, out);
  return out;
}

// ---- verification ----

namespace {

struct Verifier {
  const Kernel& k;
  std::unordered_set<const Var*> inScope;

  void expr(const Expr& e) {
    for (const auto& o : e.operands) {
      WICK_CHECK(o != nullptr, "kernel IR {}: null operand in {}", k.name, toString(e));
      expr(*o);
    }
    switch (e.kind) {
      case Expr::Kind::VarRef: {
        const Var& v = *e.var;
        if (v.kind == Var::Kind::IntParam) {
          WICK_CHECK(v.index >= 0 && v.index < static_cast<int>(k.intParams.size()) &&
                         k.intParams[v.index].get() == &v,
                     "kernel IR {}: int parameter {} is not the kernel's", k.name, v.name);
        } else if (v.kind == Var::Kind::FloatParam) {
          WICK_CHECK(v.index >= 0 && v.index < static_cast<int>(k.floatParams.size()) &&
                         k.floatParams[v.index].get() == &v,
                     "kernel IR {}: float parameter {} is not the kernel's", k.name, v.name);
        } else {
          WICK_CHECK(inScope.count(&v), "kernel IR {}: {} used out of scope", k.name, v.name);
        }
        break;
      }
      case Expr::Kind::Load:
        WICK_CHECK(e.buffer >= 0 && e.buffer < static_cast<int>(k.buffers.size()),
                   "kernel IR {}: load from buffer {} of {}", k.name, e.buffer, k.buffers.size());
        WICK_CHECK(e.dtype == k.buffers[e.buffer].dtype, "kernel IR {}: load dtype differs from buf{}", k.name,
                   e.buffer);
        break;
      default:
        break;
    }
  }

  void stmt(const Stmt& s, std::vector<const Var*>& declared) {
    switch (s.kind) {
      case Stmt::Kind::Block: {
        std::vector<const Var*> local;
        for (const auto& c : s.body)
          if (c) stmt(*c, local);
        for (const Var* v : local) inScope.erase(v);
        break;
      }
      case Stmt::Kind::For: {
        expr(*s.start);
        expr(*s.stop);
        WICK_CHECK(!inScope.count(s.var.get()), "kernel IR {}: loop index {} reused in a nested loop", k.name,
                   s.var->name);
        inScope.insert(s.var.get());
        std::vector<const Var*> local;
        stmt(*s.body.at(0), local);
        for (const Var* v : local) inScope.erase(v);
        inScope.erase(s.var.get());
        break;
      }
      case Stmt::Kind::Store:
        WICK_CHECK(s.buffer >= 0 && s.buffer < static_cast<int>(k.buffers.size()),
                   "kernel IR {}: store to buffer {} of {}", k.name, s.buffer, k.buffers.size());
        WICK_CHECK(k.buffers[s.buffer].isOutput, "kernel IR {}: store to input buffer {}", k.name,
                   k.buffers[s.buffer].name);
        expr(*s.index);
        expr(*s.value);
        WICK_CHECK(s.value->dtype == k.buffers[s.buffer].dtype, "kernel IR {}: store of {} into {} buffer {}", k.name,
                   dtypeName(s.value->dtype), dtypeName(k.buffers[s.buffer].dtype), k.buffers[s.buffer].name);
        break;
      case Stmt::Kind::Let:
        expr(*s.value);
        WICK_CHECK(!inScope.count(s.var.get()), "kernel IR {}: {} declared twice", k.name, s.var->name);
        inScope.insert(s.var.get());
        declared.push_back(s.var.get());
        break;
      case Stmt::Kind::Assign:
        expr(*s.value);
        WICK_CHECK(inScope.count(s.var.get()), "kernel IR {}: assignment to undeclared {}", k.name, s.var->name);
        break;
      case Stmt::Kind::If: {
        expr(*s.value);
        for (const auto& c : s.body) {
          if (!c) continue;
          std::vector<const Var*> local;
          stmt(*c, local);
          for (const Var* v : local) inScope.erase(v);
        }
        break;
      }
    }
  }
};

}  // namespace

void verify(const Kernel& k) {
  WICK_CHECK(k.outer && k.outerExtent && k.body, "kernel IR {}: missing outer index, extent or body", k.name);
  Verifier v{k, {}};
  v.expr(*k.outerExtent);
  v.inScope.insert(k.outer.get());
  std::vector<const Var*> declared;
  v.stmt(*k.body, declared);
}

}  // namespace wick::jit::kir
