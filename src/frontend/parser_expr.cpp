// Expressions by Python's precedence, lowest first: conditional, or, and,
// not, comparisons, |, ^, &, shifts, + -, * / // % @, unary + - ~, **,
// then calls, attributes and subscripts on an atom.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <set>

#include "frontend/parser_internal.h"

namespace wick::frontend {

namespace {

struct BinaryLevel {
  std::array<std::pair<TokenKind, BinaryOpKind>, 5> ops;
  size_t count;
};

// The left-associative binary levels from loosest to tightest.
constexpr std::array<BinaryLevel, 6> kBinaryLevels = {{
    {{{{TokenKind::Pipe, BinaryOpKind::BitOr}}}, 1},
    {{{{TokenKind::Caret, BinaryOpKind::BitXor}}}, 1},
    {{{{TokenKind::Amp, BinaryOpKind::BitAnd}}}, 1},
    {{{{TokenKind::LShift, BinaryOpKind::LShift}, {TokenKind::RShift, BinaryOpKind::RShift}}}, 2},
    {{{{TokenKind::Plus, BinaryOpKind::Add}, {TokenKind::Minus, BinaryOpKind::Sub}}}, 2},
    {{{{TokenKind::Star, BinaryOpKind::Mul},
       {TokenKind::Slash, BinaryOpKind::Div},
       {TokenKind::DoubleSlash, BinaryOpKind::FloorDiv},
       {TokenKind::Percent, BinaryOpKind::Mod},
       {TokenKind::At, BinaryOpKind::MatMul}}},
     5},
}};

constexpr uint64_t kInt64MinMagnitude = uint64_t{1} << 63;

}  // namespace

bool Parser::startsExpression(TokenKind k) const {
  switch (k) {
    case TokenKind::Identifier: case TokenKind::Int: case TokenKind::Float: case TokenKind::String:
    case TokenKind::LParen: case TokenKind::LBracket: case TokenKind::LBrace: case TokenKind::Minus:
    case TokenKind::Plus: case TokenKind::Tilde: case TokenKind::KwNot: case TokenKind::KwNone:
    case TokenKind::KwTrue: case TokenKind::KwFalse: case TokenKind::Ellipsis: case TokenKind::Star:
    case TokenKind::KwLambda: case TokenKind::KwYield: case TokenKind::KwAwait:
      return true;
    default:
      return false;
  }
}

ExprPtr Parser::parseExpressionList(bool allowStar) {
  SourceRange start = peek().range;
  ExprPtr first = allowStar ? parseExpressionOrStar() : parseExpression();
  if (!at(TokenKind::Comma)) return first;
  auto tuple = std::make_unique<TupleLiteral>(start);
  tuple->elts.push_back(std::move(first));
  while (accept(TokenKind::Comma)) {
    if (!startsExpression(peek().kind)) break;
    tuple->elts.push_back(allowStar ? parseExpressionOrStar() : parseExpression());
  }
  tuple->range = rangeFrom(start);
  return finish(std::move(tuple));
}

ExprPtr Parser::parseTargetList() {
  SourceRange start = peek().range;
  auto one = [&]() -> ExprPtr {
    if (!at(TokenKind::Star)) return parseBinary(0);
    SourceRange s = advance().range;
    auto star = std::make_unique<Starred>(s);
    star->value = parseBinary(0);
    star->range = rangeFrom(s);
    return finish(std::move(star));
  };
  ExprPtr first = one();
  if (!at(TokenKind::Comma)) return first;
  auto tuple = std::make_unique<TupleLiteral>(start);
  tuple->elts.push_back(std::move(first));
  while (accept(TokenKind::Comma)) {
    if (!startsExpression(peek().kind)) break;
    tuple->elts.push_back(one());
  }
  tuple->range = rangeFrom(start);
  return finish(std::move(tuple));
}

ExprPtr Parser::parseExpressionOrStar() {
  if (!at(TokenKind::Star)) return parseExpression();
  SourceRange start = advance().range;
  auto star = std::make_unique<Starred>(start);
  star->value = parseBinary(0);
  star->range = rangeFrom(start);
  return finish(std::move(star));
}

ExprPtr Parser::parseExpression() {
  NestingGuard guard(*this, peek());
  if (at(TokenKind::KwLambda)) failHere("lambda expressions are not supported in TorchScript");
  SourceRange start = peek().range;
  ExprPtr value = parseOr();
  if (!accept(TokenKind::KwIf)) return value;
  auto node = std::make_unique<IfExpr>(start);
  node->thenExpr = std::move(value);
  node->cond = parseOr();
  expect(TokenKind::KwElse, "in conditional expression");
  node->elseExpr = parseExpression();
  node->range = rangeFrom(start);
  return finish(std::move(node));
}

ExprPtr Parser::parseOr() {
  SourceRange start = peek().range;
  ExprPtr lhs = parseAnd();
  while (accept(TokenKind::KwOr)) {
    auto node = std::make_unique<BoolOp>(start);
    node->op = BoolOpKind::Or;
    node->lhs = std::move(lhs);
    node->rhs = parseAnd();
    node->range = rangeFrom(start);
    lhs = finish(std::move(node));
  }
  return lhs;
}

ExprPtr Parser::parseAnd() {
  SourceRange start = peek().range;
  ExprPtr lhs = parseNot();
  while (accept(TokenKind::KwAnd)) {
    auto node = std::make_unique<BoolOp>(start);
    node->op = BoolOpKind::And;
    node->lhs = std::move(lhs);
    node->rhs = parseNot();
    node->range = rangeFrom(start);
    lhs = finish(std::move(node));
  }
  return lhs;
}

ExprPtr Parser::parseNot() {
  if (!at(TokenKind::KwNot)) return parseComparison();
  NestingGuard guard(*this, peek());
  SourceRange start = advance().range;
  auto node = std::make_unique<UnaryOp>(start);
  node->op = UnaryOpKind::Not;
  node->operand = parseNot();
  node->range = rangeFrom(start);
  return finish(std::move(node));
}

ExprPtr Parser::parseComparison() {
  SourceRange start = peek().range;
  ExprPtr first = parseBinary(0);
  std::unique_ptr<Compare> node;
  while (true) {
    CompareOpKind op;
    switch (peek().kind) {
      case TokenKind::EqEq: op = CompareOpKind::Eq; break;
      case TokenKind::NotEq: op = CompareOpKind::NotEq; break;
      case TokenKind::Less: op = CompareOpKind::Lt; break;
      case TokenKind::LessEq: op = CompareOpKind::LtE; break;
      case TokenKind::Greater: op = CompareOpKind::Gt; break;
      case TokenKind::GreaterEq: op = CompareOpKind::GtE; break;
      case TokenKind::KwIn: op = CompareOpKind::In; break;
      case TokenKind::KwIs:
        op = peek(1).kind == TokenKind::KwNot ? CompareOpKind::IsNot : CompareOpKind::Is;
        break;
      case TokenKind::KwNot:
        if (peek(1).kind != TokenKind::KwIn) failHere("expected 'in' after 'not' in comparison");
        op = CompareOpKind::NotIn;
        break;
      default:
        if (!node) return first;
        node->range = rangeFrom(start);
        return node;
    }
    advance();
    if (op == CompareOpKind::IsNot || op == CompareOpKind::NotIn) advance();
    if (!node) {
      node = std::make_unique<Compare>(start);
      node->first = std::move(first);
    }
    node->ops.push_back(op);
    node->rest.push_back(parseBinary(0));
    // Track the height as operands arrive (recomputing it over all operands
    // each time would make a long chain quadratic).
    node->height = std::max(node->height, std::max(node->first->height, node->rest.back()->height) + 1);
    node->range = rangeFrom(start);
    if (node->height > kMaxExprHeight) fail(node->range, "expression is too deeply nested");
  }
}

ExprPtr Parser::parseBinary(int level) {
  if (level == static_cast<int>(kBinaryLevels.size())) return parseFactor();
  const BinaryLevel& ops = kBinaryLevels[static_cast<size_t>(level)];
  SourceRange start = peek().range;
  ExprPtr lhs = parseBinary(level + 1);
  while (true) {
    const std::pair<TokenKind, BinaryOpKind>* match = nullptr;
    for (size_t i = 0; i < ops.count; ++i) {
      if (at(ops.ops[i].first)) match = &ops.ops[i];
    }
    if (!match) return lhs;
    advance();
    auto node = std::make_unique<BinaryOp>(start);
    node->op = match->second;
    node->lhs = std::move(lhs);
    node->rhs = parseBinary(level + 1);
    node->range = rangeFrom(start);
    lhs = finish(std::move(node));
  }
}

ExprPtr Parser::parseFactor() {
  UnaryOpKind op;
  switch (peek().kind) {
    case TokenKind::Minus: op = UnaryOpKind::Neg; break;
    case TokenKind::Plus: op = UnaryOpKind::Pos; break;
    case TokenKind::Tilde: op = UnaryOpKind::Invert; break;
    default: return parsePower();
  }
  NestingGuard guard(*this, peek());
  SourceRange start = advance().range;
  // -9223372036854775808 is the one literal whose magnitude does not fit in
  // an int64; fold it when the minus applies to the bare literal.
  if (op == UnaryOpKind::Neg && at(TokenKind::Int) && peek().intValue == kInt64MinMagnitude) {
    TokenKind after = peek(1).kind;
    if (after != TokenKind::DoubleStar && after != TokenKind::LParen && after != TokenKind::LBracket &&
        after != TokenKind::Dot) {
      advance();
      auto lit = std::make_unique<IntLiteral>(rangeFrom(start));
      lit->value = std::numeric_limits<int64_t>::min();
      return finish(std::move(lit));
    }
  }
  auto node = std::make_unique<UnaryOp>(start);
  node->op = op;
  node->operand = parseFactor();
  node->range = rangeFrom(start);
  return finish(std::move(node));
}

ExprPtr Parser::parsePower() {
  SourceRange start = peek().range;
  ExprPtr base = parsePrimary();
  if (!at(TokenKind::DoubleStar)) return base;
  NestingGuard guard(*this, peek());
  advance();
  auto node = std::make_unique<BinaryOp>(start);
  node->op = BinaryOpKind::Pow;
  node->lhs = std::move(base);
  node->rhs = parseFactor();
  node->range = rangeFrom(start);
  return finish(std::move(node));
}

ExprPtr Parser::parsePrimary() {
  SourceRange start = peek().range;
  ExprPtr e = parseAtom();
  while (true) {
    if (accept(TokenKind::Dot)) {
      const Token& name = expect(TokenKind::Identifier, "an attribute name after '.'");
      auto node = std::make_unique<Attribute>(start);
      node->value = std::move(e);
      node->attr = name.text;
      node->range = rangeFrom(start);
      e = finish(std::move(node));
    } else if (at(TokenKind::LParen)) {
      e = parseCall(std::move(e));
    } else if (at(TokenKind::LBracket)) {
      e = parseSubscript(std::move(e));
    } else {
      return e;
    }
  }
}

ExprPtr Parser::parseCall(ExprPtr func) {
  SourceRange start = func->range;
  const Token& open = advance();
  auto call = std::make_unique<Call>(start);
  call->func = std::move(func);
  std::set<std::string> seen;
  while (!at(TokenKind::RParen)) {
    if (at(TokenKind::DoubleStar)) failHere("'**' argument unpacking is not supported in TorchScript");
    if (at(TokenKind::Identifier) && peek(1).kind == TokenKind::Assign) {
      const Token& name = advance();
      advance();
      if (!seen.insert(name.text).second) fail(name.range, fmt::format("keyword argument '{}' repeated", name.text));
      Keyword kw{name.text, parseExpression(), name.range};
      kw.range = rangeFrom(name.range);
      call->keywords.push_back(std::move(kw));
    } else {
      if (!call->keywords.empty() && !at(TokenKind::Star)) {
        failHere("positional argument follows keyword argument");
      }
      call->args.push_back(parseExpressionOrStar());
      if (at(TokenKind::KwFor)) failHere("generator expressions are not supported in TorchScript");
    }
    if (!accept(TokenKind::Comma)) break;
  }
  expect(TokenKind::RParen, fmt::format("to close '(' at {}:{}", open.range.line, open.range.col));
  call->range = rangeFrom(start);
  return finish(std::move(call));
}

ExprPtr Parser::parseSubscript(ExprPtr value) {
  SourceRange start = value->range;
  const Token& open = advance();
  auto sub = std::make_unique<Subscript>(start);
  sub->value = std::move(value);
  if (at(TokenKind::RBracket)) failHere("expected an index in '[]'");
  while (true) {
    sub->indices.push_back(parseSliceItem());
    if (!accept(TokenKind::Comma) || at(TokenKind::RBracket)) break;
  }
  expect(TokenKind::RBracket, fmt::format("to close '[' at {}:{}", open.range.line, open.range.col));
  sub->range = rangeFrom(start);
  return finish(std::move(sub));
}

ExprPtr Parser::parseSliceItem() {
  SourceRange start = peek().range;
  ExprPtr lower;
  if (!at(TokenKind::Colon)) {
    lower = parseExpression();
    if (!at(TokenKind::Colon)) return lower;
  }
  auto slice = std::make_unique<Slice>(start);
  slice->lower = std::move(lower);
  advance();
  auto endsPart = [&] {
    return at(TokenKind::Colon) || at(TokenKind::Comma) || at(TokenKind::RBracket);
  };
  if (!endsPart()) slice->upper = parseExpression();
  if (accept(TokenKind::Colon) && !endsPart()) slice->step = parseExpression();
  slice->range = rangeFrom(start);
  return finish(std::move(slice));
}

}  // namespace wick::frontend
