// Atoms: names, literals, and the bracketed displays (tuples, lists, dicts
// and their comprehensions).
#include <fmt/format.h>

#include <cstdint>
#include <limits>

#include "frontend/parser_internal.h"

namespace wick::frontend {

ExprPtr Parser::parseAtom() {
  const Token& tok = peek();
  switch (tok.kind) {
    case TokenKind::Identifier: {
      auto node = std::make_unique<Name>(advance().range);
      node->id = tok.text;
      return finish(std::move(node));
    }
    case TokenKind::Int: {
      if (tok.intValue > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        failHere("integer literal is too large for a 64-bit int");
      }
      auto node = std::make_unique<IntLiteral>(advance().range);
      node->value = static_cast<int64_t>(tok.intValue);
      return finish(std::move(node));
    }
    case TokenKind::Float: {
      auto node = std::make_unique<FloatLiteral>(advance().range);
      node->value = tok.floatValue;
      return finish(std::move(node));
    }
    case TokenKind::String: {
      // Adjacent literals join, as in Python: "a" 'b' is "ab".
      auto node = std::make_unique<StringLiteral>(tok.range);
      while (at(TokenKind::String)) node->value += advance().text;
      node->range = rangeFrom(tok.range);
      return finish(std::move(node));
    }
    case TokenKind::KwTrue:
    case TokenKind::KwFalse: {
      auto node = std::make_unique<BoolLiteral>(advance().range);
      node->value = tok.kind == TokenKind::KwTrue;
      return finish(std::move(node));
    }
    case TokenKind::KwNone:
      return finish(std::make_unique<NoneLiteral>(advance().range));
    case TokenKind::Ellipsis:
      return finish(std::make_unique<EllipsisLiteral>(advance().range));
    case TokenKind::LParen:
      return parseParenthesized();
    case TokenKind::LBracket:
      return parseListDisplay();
    case TokenKind::LBrace:
      return parseDictDisplay();
    case TokenKind::KwLambda:
      failHere("lambda expressions are not supported in TorchScript");
    case TokenKind::KwYield:
      failHere("'yield' is not supported in TorchScript");
    case TokenKind::KwAwait:
      failHere("'await' is not supported in TorchScript");
    case TokenKind::Star:
      failHere("a starred expression is not allowed here");
    case TokenKind::Newline:
    case TokenKind::EndOfFile:
      failHere("expected an expression before the end of the line");
    default:
      failHere(fmt::format("expected an expression, found {}", describeToken(tok)));
  }
}

ExprPtr Parser::parseParenthesized() {
  const Token& open = advance();
  SourceRange start = open.range;
  std::string closing = fmt::format("to close '(' at {}:{}", open.range.line, open.range.col);
  if (accept(TokenKind::RParen)) return finish(std::make_unique<TupleLiteral>(rangeFrom(start)));
  ExprPtr first = parseExpressionOrStar();
  if (at(TokenKind::KwFor)) failHere("generator expressions are not supported in TorchScript");
  if (!at(TokenKind::Comma)) {
    expect(TokenKind::RParen, closing);
    if (first->as<Starred>()) fail(first->range, "a starred expression is not allowed here");
    return first;
  }
  auto tuple = std::make_unique<TupleLiteral>(start);
  tuple->elts.push_back(std::move(first));
  while (accept(TokenKind::Comma) && !at(TokenKind::RParen)) {
    tuple->elts.push_back(parseExpressionOrStar());
  }
  expect(TokenKind::RParen, closing);
  tuple->range = rangeFrom(start);
  return finish(std::move(tuple));
}

ExprPtr Parser::parseListDisplay() {
  const Token& open = advance();
  SourceRange start = open.range;
  std::string closing = fmt::format("to close '[' at {}:{}", open.range.line, open.range.col);
  auto list = std::make_unique<ListLiteral>(start);
  if (accept(TokenKind::RBracket)) {
    list->range = rangeFrom(start);
    return finish(std::move(list));
  }
  ExprPtr first = parseExpressionOrStar();
  if (at(TokenKind::KwFor)) {
    if (first->as<Starred>()) fail(first->range, "a starred expression is not allowed in a comprehension");
    auto comp = std::make_unique<ListComp>(start);
    comp->elt = std::move(first);
    comp->generators = parseComprehensions();
    expect(TokenKind::RBracket, closing);
    comp->range = rangeFrom(start);
    return finish(std::move(comp));
  }
  list->elts.push_back(std::move(first));
  while (accept(TokenKind::Comma) && !at(TokenKind::RBracket)) {
    list->elts.push_back(parseExpressionOrStar());
  }
  expect(TokenKind::RBracket, closing);
  list->range = rangeFrom(start);
  return finish(std::move(list));
}

ExprPtr Parser::parseDictDisplay() {
  const Token& open = advance();
  SourceRange start = open.range;
  std::string closing = fmt::format("to close '{{' at {}:{}", open.range.line, open.range.col);
  auto dict = std::make_unique<DictLiteral>(start);
  if (accept(TokenKind::RBrace)) {
    dict->range = rangeFrom(start);
    return finish(std::move(dict));
  }
  auto entry = [&](ExprPtr& key, ExprPtr& value) {
    if (at(TokenKind::DoubleStar)) failHere("'**' dict unpacking is not supported in TorchScript");
    key = parseExpression();
    if (!at(TokenKind::Colon)) {
      if (at(TokenKind::Comma) || at(TokenKind::RBrace) || at(TokenKind::KwFor)) {
        fail(key->range, "set literals are not supported in TorchScript");
      }
      expect(TokenKind::Colon, "after dict key");
    }
    advance();
    value = parseExpression();
  };
  ExprPtr key, value;
  entry(key, value);
  if (at(TokenKind::KwFor)) {
    auto comp = std::make_unique<DictComp>(start);
    comp->key = std::move(key);
    comp->value = std::move(value);
    comp->generators = parseComprehensions();
    expect(TokenKind::RBrace, closing);
    comp->range = rangeFrom(start);
    return finish(std::move(comp));
  }
  dict->keys.push_back(std::move(key));
  dict->values.push_back(std::move(value));
  while (accept(TokenKind::Comma) && !at(TokenKind::RBrace)) {
    entry(key, value);
    dict->keys.push_back(std::move(key));
    dict->values.push_back(std::move(value));
  }
  expect(TokenKind::RBrace, closing);
  dict->range = rangeFrom(start);
  return finish(std::move(dict));
}

std::vector<Comprehension> Parser::parseComprehensions() {
  std::vector<Comprehension> gens;
  while (accept(TokenKind::KwFor)) {
    Comprehension gen;
    gen.target = parseTargetList();
    checkTarget(*gen.target, "comprehension target", false);
    expect(TokenKind::KwIn, "after comprehension target");
    // `or_test`, as in Python: a bare conditional would swallow the `if`.
    gen.iter = parseOr();
    while (accept(TokenKind::KwIf)) gen.ifs.push_back(parseOr());
    gens.push_back(std::move(gen));
  }
  return gens;
}

}  // namespace wick::frontend
