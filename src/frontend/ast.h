// The syntax tree of TorchScript source: every node kind listed once (the
// X-macros below expand into the kind enum, names and visitor methods), each
// node carrying the SourceRange it was parsed from.
//
// The tree is syntax only: names are unresolved strings, `torch.add` is an
// Attribute of a Name, and `ops.prim.RaiseException(...)` is a Call like any
// other. Meaning is given by the compiler. Children are owned (unique_ptr);
// an absent optional child (no default value, no `else`) is nullptr.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "frontend/source_range.h"

namespace wick::frontend {

#define WICK_FOR_EACH_AST_EXPR(X)                                                                  \
  X(Name) X(IntLiteral) X(FloatLiteral) X(StringLiteral) X(BoolLiteral) X(NoneLiteral)            \
  X(EllipsisLiteral) X(Attribute) X(Subscript) X(Slice) X(Call) X(Starred) X(UnaryOp) X(BinaryOp) \
  X(BoolOp) X(Compare) X(IfExpr) X(ListLiteral) X(TupleLiteral) X(DictLiteral) X(ListComp)        \
  X(DictComp)

#define WICK_FOR_EACH_AST_STMT(X)                                                                  \
  X(ExprStmt) X(Assign) X(AugAssign) X(AnnAssign) X(Return) X(If) X(For) X(While) X(With) X(Break) \
  X(Continue) X(Pass) X(Assert) X(Raise) X(Delete) X(FunctionDef) X(ClassDef) X(Import)

enum class NodeKind : uint8_t {
#define WICK_AST_ENUM(name) name,
  WICK_FOR_EACH_AST_EXPR(WICK_AST_ENUM) WICK_FOR_EACH_AST_STMT(WICK_AST_ENUM)
#undef WICK_AST_ENUM
};
const char* nodeKindName(NodeKind kind);

// Operators, with their source spelling.
#define WICK_FOR_EACH_BINARY_OP(X)                                                          \
  X(Add, "+") X(Sub, "-") X(Mul, "*") X(Div, "/") X(FloorDiv, "//") X(Mod, "%") X(Pow, "**") \
  X(MatMul, "@") X(LShift, "<<") X(RShift, ">>") X(BitAnd, "&") X(BitOr, "|") X(BitXor, "^")
#define WICK_FOR_EACH_UNARY_OP(X) X(Neg, "-") X(Pos, "+") X(Invert, "~") X(Not, "not")
#define WICK_FOR_EACH_BOOL_OP(X) X(And, "and") X(Or, "or")
#define WICK_FOR_EACH_COMPARE_OP(X)                                                        \
  X(Eq, "==") X(NotEq, "!=") X(Lt, "<") X(LtE, "<=") X(Gt, ">") X(GtE, ">=") X(Is, "is") \
  X(IsNot, "is not") X(In, "in") X(NotIn, "not in")

#define WICK_AST_OP_ENUM(name, spelling) name,
enum class BinaryOpKind : uint8_t { WICK_FOR_EACH_BINARY_OP(WICK_AST_OP_ENUM) };
enum class UnaryOpKind : uint8_t { WICK_FOR_EACH_UNARY_OP(WICK_AST_OP_ENUM) };
enum class BoolOpKind : uint8_t { WICK_FOR_EACH_BOOL_OP(WICK_AST_OP_ENUM) };
enum class CompareOpKind : uint8_t { WICK_FOR_EACH_COMPARE_OP(WICK_AST_OP_ENUM) };
#undef WICK_AST_OP_ENUM
const char* opSpelling(BinaryOpKind op);
const char* opSpelling(UnaryOpKind op);
const char* opSpelling(BoolOpKind op);
const char* opSpelling(CompareOpKind op);

struct Node {
  NodeKind kind;
  SourceRange range;

 protected:
  Node(NodeKind k, SourceRange r) : kind(k), range(std::move(r)) {}
  ~Node() = default;
};

struct Expr : Node {
  virtual ~Expr() = default;
  // 1 + the height of the tallest child. The parser rejects trees taller
  // than kMaxExprHeight so that every recursive walk has bounded depth.
  uint32_t height = 1;

  template <class T>
  const T* as() const { return kind == T::kKind ? static_cast<const T*>(this) : nullptr; }
  template <class T>
  T* as() { return kind == T::kKind ? static_cast<T*>(this) : nullptr; }

 protected:
  using Node::Node;
};

struct Stmt : Node {
  virtual ~Stmt() = default;
  template <class T>
  const T* as() const { return kind == T::kKind ? static_cast<const T*>(this) : nullptr; }
  template <class T>
  T* as() { return kind == T::kKind ? static_cast<T*>(this) : nullptr; }

 protected:
  using Node::Node;
};

using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;
using ExprList = std::vector<ExprPtr>;
using StmtList = std::vector<StmtPtr>;

inline constexpr uint32_t kMaxExprHeight = 1000;

template <NodeKind K>
struct ExprNode : Expr {
  static constexpr NodeKind kKind = K;
  explicit ExprNode(SourceRange r) : Expr(K, std::move(r)) {}
};
template <NodeKind K>
struct StmtNode : Stmt {
  static constexpr NodeKind kKind = K;
  explicit StmtNode(SourceRange r) : Stmt(K, std::move(r)) {}
};

// ---- Expressions ----

struct Name : ExprNode<NodeKind::Name> { using ExprNode::ExprNode; std::string id; };
// Literal -2^63 is folded from `-9223372036854775808`; every other negative
// number is a UnaryOp Neg of a literal, as in Python.
struct IntLiteral : ExprNode<NodeKind::IntLiteral> { using ExprNode::ExprNode; int64_t value = 0; };
struct FloatLiteral : ExprNode<NodeKind::FloatLiteral> { using ExprNode::ExprNode; double value = 0; };
// Adjacent literals ("a" "b") are joined into one node.
struct StringLiteral : ExprNode<NodeKind::StringLiteral> { using ExprNode::ExprNode; std::string value; };
struct BoolLiteral : ExprNode<NodeKind::BoolLiteral> { using ExprNode::ExprNode; bool value = false; };
struct NoneLiteral : ExprNode<NodeKind::NoneLiteral> { using ExprNode::ExprNode; };
struct EllipsisLiteral : ExprNode<NodeKind::EllipsisLiteral> { using ExprNode::ExprNode; };
struct Attribute : ExprNode<NodeKind::Attribute> { using ExprNode::ExprNode; ExprPtr value; std::string attr; };
// `x[a, b:c]` has two indices; `x[(a, b)]` has one, a TupleLiteral.
struct Subscript : ExprNode<NodeKind::Subscript> { using ExprNode::ExprNode; ExprPtr value; ExprList indices; };
// Only as an index of a Subscript. Omitted parts are nullptr.
struct Slice : ExprNode<NodeKind::Slice> { using ExprNode::ExprNode; ExprPtr lower, upper, step; };
struct Keyword {
  std::string name;
  ExprPtr value;
  SourceRange range;
};
struct Call : ExprNode<NodeKind::Call> {
  using ExprNode::ExprNode;
  ExprPtr func;
  ExprList args;  // may contain Starred
  std::vector<Keyword> keywords;
};
// `*x` in a call, a list or tuple display, or an assignment target.
struct Starred : ExprNode<NodeKind::Starred> { using ExprNode::ExprNode; ExprPtr value; };
struct UnaryOp : ExprNode<NodeKind::UnaryOp> { using ExprNode::ExprNode; UnaryOpKind op{}; ExprPtr operand; };
struct BinaryOp : ExprNode<NodeKind::BinaryOp> { using ExprNode::ExprNode; BinaryOpKind op{}; ExprPtr lhs, rhs; };
// `a and b and c` is And(And(a, b), c): short-circuit order is left to right.
struct BoolOp : ExprNode<NodeKind::BoolOp> { using ExprNode::ExprNode; BoolOpKind op{}; ExprPtr lhs, rhs; };
// `a < b <= c`: first = a, ops = {<, <=}, rest = {b, c}; each operand is
// evaluated once, as in Python.
struct Compare : ExprNode<NodeKind::Compare> {
  using ExprNode::ExprNode;
  ExprPtr first;
  std::vector<CompareOpKind> ops;
  ExprList rest;
};
struct IfExpr : ExprNode<NodeKind::IfExpr> { using ExprNode::ExprNode; ExprPtr cond, thenExpr, elseExpr; };
struct ListLiteral : ExprNode<NodeKind::ListLiteral> { using ExprNode::ExprNode; ExprList elts; };
struct TupleLiteral : ExprNode<NodeKind::TupleLiteral> { using ExprNode::ExprNode; ExprList elts; };
struct DictLiteral : ExprNode<NodeKind::DictLiteral> { using ExprNode::ExprNode; ExprList keys, values; };
// One `for target in iter if cond...` clause of a comprehension.
struct Comprehension {
  ExprPtr target, iter;
  ExprList ifs;
};
struct ListComp : ExprNode<NodeKind::ListComp> {
  using ExprNode::ExprNode;
  ExprPtr elt;
  std::vector<Comprehension> generators;
};
struct DictComp : ExprNode<NodeKind::DictComp> {
  using ExprNode::ExprNode;
  ExprPtr key, value;
  std::vector<Comprehension> generators;
};

// ---- Statements ----

struct ExprStmt : StmtNode<NodeKind::ExprStmt> { using StmtNode::StmtNode; ExprPtr value; };
// `a = b = c` has targets {a, b}. Targets are Name, Attribute, Subscript,
// Starred, or Tuple/List literals of targets.
struct Assign : StmtNode<NodeKind::Assign> { using StmtNode::StmtNode; ExprList targets; ExprPtr value; };
struct AugAssign : StmtNode<NodeKind::AugAssign> {
  using StmtNode::StmtNode;
  ExprPtr target;
  BinaryOpKind op{};
  ExprPtr value;
};
// `x : T` (a class attribute declaration) or `x : T = v` (`Final` constants).
struct AnnAssign : StmtNode<NodeKind::AnnAssign> { using StmtNode::StmtNode; ExprPtr target, annotation, value; };
struct Return : StmtNode<NodeKind::Return> { using StmtNode::StmtNode; ExprPtr value; };
// `elif` is an If alone in the orelse of its parent.
struct If : StmtNode<NodeKind::If> { using StmtNode::StmtNode; ExprPtr cond; StmtList body, orelse; };
struct For : StmtNode<NodeKind::For> { using StmtNode::StmtNode; ExprPtr target, iter; StmtList body; };
struct While : StmtNode<NodeKind::While> { using StmtNode::StmtNode; ExprPtr cond; StmtList body; };
struct WithItem {
  ExprPtr context, target;  // target may be nullptr
};
struct With : StmtNode<NodeKind::With> { using StmtNode::StmtNode; std::vector<WithItem> items; StmtList body; };
struct Break : StmtNode<NodeKind::Break> { using StmtNode::StmtNode; };
struct Continue : StmtNode<NodeKind::Continue> { using StmtNode::StmtNode; };
struct Pass : StmtNode<NodeKind::Pass> { using StmtNode::StmtNode; };
struct Assert : StmtNode<NodeKind::Assert> { using StmtNode::StmtNode; ExprPtr test, msg; };
struct Raise : StmtNode<NodeKind::Raise> { using StmtNode::StmtNode; ExprPtr exc; };
struct Delete : StmtNode<NodeKind::Delete> { using StmtNode::StmtNode; ExprList targets; };
struct Param {
  std::string name;
  ExprPtr annotation, defaultValue;
  SourceRange range;
};
struct FunctionDef : StmtNode<NodeKind::FunctionDef> {
  using StmtNode::StmtNode;
  std::string name;
  std::vector<Param> params;
  ExprPtr returns;
  StmtList body;
  ExprList decorators;
};
struct ClassDef : StmtNode<NodeKind::ClassDef> {
  using StmtNode::StmtNode;
  std::string name;
  ExprList bases;
  StmtList body;
  ExprList decorators;
};
struct ImportAlias {
  std::string name;    // dotted: "torch.nn"
  std::string asName;  // empty when absent
};
// `import a.b as c, d` (isFrom false) or `from typing import List` (isFrom
// true, module "typing"; a name "*" imports everything).
struct Import : StmtNode<NodeKind::Import> {
  using StmtNode::StmtNode;
  bool isFrom = false;
  std::string module;
  std::vector<ImportAlias> names;
};

// ---- Walking the tree ----

// Calls `onExpr`/`onStmt` for each direct child, in source order. Either
// callback may be empty.
void forEachChild(const Node& node, const std::function<void(const Expr&)>& onExpr,
                  const std::function<void(const Stmt&)>& onStmt);

// Dispatches on the node kind; each visit method recurses into the children
// by default, so a visitor overrides only the kinds it cares about.
class AstVisitor {
 public:
  virtual ~AstVisitor() = default;
  void visit(const Expr& e);
  void visit(const Stmt& s);
  void visitChildren(const Node& n);
#define WICK_AST_VISIT(name) virtual void visit##name(const name& n) { visitChildren(n); }
  WICK_FOR_EACH_AST_EXPR(WICK_AST_VISIT)
  WICK_FOR_EACH_AST_STMT(WICK_AST_VISIT)
#undef WICK_AST_VISIT
};

// Sets e.height from its children's heights (children must be final).
void computeHeight(Expr& e);

}  // namespace wick::frontend
