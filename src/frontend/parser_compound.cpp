// Compound statements (if, while, for, with, def, class, decorators), their
// indented blocks, and imports.
#include <fmt/format.h>

#include <set>

#include "frontend/parser_internal.h"

namespace wick::frontend {

StmtList Parser::parseBlock(std::string_view owner) {
  StmtList body;
  if (!accept(TokenKind::Newline)) {
    // `if x: return y` keeps its suite on the header line.
    parseSimpleStatements(body);
    return body;
  }
  if (!at(TokenKind::Indent)) failHere(fmt::format("expected an indented block after {}", owner));
  NestingGuard guard(*this, peek());
  advance();
  while (!accept(TokenKind::Dedent)) {
    if (at(TokenKind::EndOfFile)) break;
    parseStatement(body);
  }
  return body;
}

StmtPtr Parser::parseIf(const Token& keyword) {
  SourceRange start = keyword.range;
  auto node = std::make_unique<If>(start);
  node->cond = parseExpression();
  expect(TokenKind::Colon, fmt::format("after {} condition", tokenKindName(keyword.kind)));
  node->body = parseBlock(fmt::format("{} statement on line {}", tokenKindName(keyword.kind), start.line));
  if (at(TokenKind::KwElif)) {
    // Each elif nests one If deeper in the tree, so it counts as nesting.
    NestingGuard guard(*this, peek());
    const Token& elif = advance();
    node->orelse.push_back(parseIf(elif));
  } else if (at(TokenKind::KwElse)) {
    const Token& kw = advance();
    expect(TokenKind::Colon, "after 'else'");
    node->orelse = parseBlock(fmt::format("'else' statement on line {}", kw.range.line));
  }
  node->range = rangeFrom(start);
  return node;
}

StmtPtr Parser::parseWhile() {
  SourceRange start = advance().range;
  auto node = std::make_unique<While>(start);
  node->cond = parseExpression();
  expect(TokenKind::Colon, "after 'while' condition");
  node->body = parseBlock(fmt::format("'while' statement on line {}", start.line));
  if (at(TokenKind::KwElse)) failHere("'while ... else' is not supported in TorchScript");
  node->range = rangeFrom(start);
  return node;
}

StmtPtr Parser::parseFor() {
  SourceRange start = advance().range;
  auto node = std::make_unique<For>(start);
  node->target = parseTargetList();
  checkTarget(*node->target, "'for' target", false);
  expect(TokenKind::KwIn, "after 'for' target");
  node->iter = parseExpressionList(true);
  expect(TokenKind::Colon, "after 'for' iterable");
  node->body = parseBlock(fmt::format("'for' statement on line {}", start.line));
  if (at(TokenKind::KwElse)) failHere("'for ... else' is not supported in TorchScript");
  node->range = rangeFrom(start);
  return node;
}

StmtPtr Parser::parseWith() {
  SourceRange start = advance().range;
  auto node = std::make_unique<With>(start);
  while (true) {
    WithItem item;
    item.context = parseExpression();
    if (accept(TokenKind::KwAs)) {
      item.target = parseBinary(0);
      checkTarget(*item.target, "'with' target", false);
    }
    node->items.push_back(std::move(item));
    if (!accept(TokenKind::Comma)) break;
  }
  expect(TokenKind::Colon, "after 'with' items");
  node->body = parseBlock(fmt::format("'with' statement on line {}", start.line));
  node->range = rangeFrom(start);
  return node;
}

StmtPtr Parser::parseFunctionDef(ExprList decorators, const SourceRange& start) {
  expect(TokenKind::KwDef, "after decorator");
  auto node = std::make_unique<FunctionDef>(start);
  node->decorators = std::move(decorators);
  node->name = expect(TokenKind::Identifier, "a function name after 'def'").text;
  const Token& open = expect(TokenKind::LParen, "after function name");
  std::set<std::string> names;
  bool seenDefault = false;
  while (!at(TokenKind::RParen)) {
    if (at(TokenKind::Star) || at(TokenKind::DoubleStar) || at(TokenKind::Slash)) {
      failHere("variadic, keyword-only and positional-only parameters are not supported in TorchScript");
    }
    const Token& name = expect(TokenKind::Identifier, "a parameter name");
    Param param;
    param.name = name.text;
    if (!names.insert(name.text).second) fail(name.range, fmt::format("duplicate parameter '{}'", name.text));
    if (accept(TokenKind::Colon)) param.annotation = parseExpression();
    if (accept(TokenKind::Assign)) {
      param.defaultValue = parseExpression();
      seenDefault = true;
    } else if (seenDefault) {
      fail(name.range, "non-default parameter follows default parameter");
    }
    param.range = rangeFrom(name.range);
    node->params.push_back(std::move(param));
    if (!accept(TokenKind::Comma)) break;
  }
  expect(TokenKind::RParen, fmt::format("to close '(' at {}:{}", open.range.line, open.range.col));
  if (accept(TokenKind::Arrow)) node->returns = parseExpression();
  expect(TokenKind::Colon, "after function signature");
  node->body = parseBlock(fmt::format("function definition on line {}", start.line));
  node->range = rangeFrom(start);
  return node;
}

StmtPtr Parser::parseClassDef(ExprList decorators, const SourceRange& start) {
  expect(TokenKind::KwClass, "after decorator");
  auto node = std::make_unique<ClassDef>(start);
  node->decorators = std::move(decorators);
  node->name = expect(TokenKind::Identifier, "a class name after 'class'").text;
  if (at(TokenKind::LParen)) {
    const Token& open = advance();
    while (!at(TokenKind::RParen)) {
      if (at(TokenKind::Identifier) && peek(1).kind == TokenKind::Assign) {
        failHere("class keyword arguments (metaclass=...) are not supported in TorchScript");
      }
      node->bases.push_back(parseExpression());
      if (!accept(TokenKind::Comma)) break;
    }
    expect(TokenKind::RParen, fmt::format("to close '(' at {}:{}", open.range.line, open.range.col));
  }
  expect(TokenKind::Colon, "after class header");
  node->body = parseBlock(fmt::format("class definition on line {}", start.line));
  node->range = rangeFrom(start);
  return node;
}

StmtPtr Parser::parseDecorated() {
  SourceRange start = peek().range;
  ExprList decorators;
  while (accept(TokenKind::At)) {
    decorators.push_back(parseExpression());
    expect(TokenKind::Newline, "after decorator");
  }
  if (at(TokenKind::KwClass)) return parseClassDef(std::move(decorators), start);
  if (!at(TokenKind::KwDef)) failHere("expected 'def' or 'class' after decorator");
  return parseFunctionDef(std::move(decorators), start);
}

std::string Parser::parseDottedName(std::string_view context) {
  std::string name = expect(TokenKind::Identifier, context).text;
  while (accept(TokenKind::Dot)) {
    name += '.';
    name += expect(TokenKind::Identifier, "a name after '.' in a module name").text;
  }
  return name;
}

StmtPtr Parser::parseImport() {
  SourceRange start = advance().range;
  auto node = std::make_unique<Import>(start);
  while (true) {
    ImportAlias alias;
    alias.name = parseDottedName("a module name after 'import'");
    if (accept(TokenKind::KwAs)) alias.asName = expect(TokenKind::Identifier, "a name after 'as'").text;
    node->names.push_back(std::move(alias));
    if (!accept(TokenKind::Comma)) break;
  }
  node->range = rangeFrom(start);
  return node;
}

StmtPtr Parser::parseFromImport() {
  SourceRange start = advance().range;
  auto node = std::make_unique<Import>(start);
  node->isFrom = true;
  if (at(TokenKind::Dot) || at(TokenKind::Ellipsis)) failHere("relative imports are not supported in TorchScript");
  node->module = parseDottedName("a module name after 'from'");
  expect(TokenKind::KwImport, "after module name");
  if (accept(TokenKind::Star)) {
    node->names.push_back({"*", ""});
  } else {
    bool paren = accept(TokenKind::LParen);
    while (true) {
      ImportAlias alias;
      alias.name = expect(TokenKind::Identifier, "a name to import").text;
      if (accept(TokenKind::KwAs)) alias.asName = expect(TokenKind::Identifier, "a name after 'as'").text;
      node->names.push_back(std::move(alias));
      if (!accept(TokenKind::Comma)) break;
      if (paren && at(TokenKind::RParen)) break;
    }
    if (paren) expect(TokenKind::RParen, "after imported names");
  }
  node->range = rangeFrom(start);
  return node;
}

}  // namespace wick::frontend
