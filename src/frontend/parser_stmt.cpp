// Statements and blocks: simple statements separated by ';', compound
// statements with indented suites, definitions, imports; plus the parser's
// token helpers and the public entry points.
#include <fmt/format.h>

#include <algorithm>

#include "frontend/lexer.h"
#include "frontend/parser.h"
#include "frontend/parser_internal.h"

namespace wick::frontend {

Parser::NestingGuard::NestingGuard(Parser& p, const Token& at) : parser_(p) {
  if (++parser_.depth_ > kMaxNesting) {
    parser_.fail(at.range, fmt::format("too deeply nested (more than {} levels)", kMaxNesting));
  }
}

const Token& Parser::peek(size_t ahead) const {
  // The token list always ends with EndOfFile; reading past it stays there.
  return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
}

const Token& Parser::advance() {
  const Token& t = peek();
  if (pos_ < tokens_.size() - 1) ++pos_;
  return t;
}

bool Parser::accept(TokenKind k) {
  if (!at(k)) return false;
  advance();
  return true;
}

const Token& Parser::expect(TokenKind k, std::string_view context) {
  if (!at(k)) {
    // Identifier contexts read as a noun phrase: "expected a parameter name".
    if (k == TokenKind::Identifier) failHere(fmt::format("expected {}", context));
    failHere(fmt::format("expected {} {}", tokenKindName(k), context));
  }
  return advance();
}

void Parser::fail(const SourceRange& where, std::string_view message) const {
  throwSyntaxError(where, message);
}

StmtList Parser::parseFile() {
  StmtList out;
  while (!at(TokenKind::EndOfFile)) {
    if (at(TokenKind::Indent)) failHere("unexpected indent");
    parseStatement(out);
  }
  return out;
}

ExprPtr Parser::parseWholeExpression() {
  ExprPtr e = parseExpressionList(false);
  accept(TokenKind::Newline);
  if (!at(TokenKind::EndOfFile)) failHere(fmt::format("unexpected {} after expression", describeToken(peek())));
  return e;
}

void Parser::parseStatement(StmtList& out) {
  switch (peek().kind) {
    case TokenKind::KwIf: {
      const Token& kw = advance();
      out.push_back(parseIf(kw));
      return;
    }
    case TokenKind::KwWhile:
      out.push_back(parseWhile());
      return;
    case TokenKind::KwFor:
      out.push_back(parseFor());
      return;
    case TokenKind::KwWith:
      out.push_back(parseWith());
      return;
    case TokenKind::KwDef: {
      SourceRange start = peek().range;
      out.push_back(parseFunctionDef({}, start));
      return;
    }
    case TokenKind::KwClass: {
      SourceRange start = peek().range;
      out.push_back(parseClassDef({}, start));
      return;
    }
    case TokenKind::At:
      out.push_back(parseDecorated());
      return;
    case TokenKind::KwTry:
      failHere("'try' statements are not supported in TorchScript");
    case TokenKind::KwAsync:
      failHere("'async' is not supported in TorchScript");
    case TokenKind::KwElif:
    case TokenKind::KwElse:
      failHere(fmt::format("{} without a matching 'if'", tokenKindName(peek().kind)));
    case TokenKind::KwExcept:
    case TokenKind::KwFinally:
      failHere(fmt::format("{} without a matching 'try'", tokenKindName(peek().kind)));
    case TokenKind::Indent:
      failHere("unexpected indent");
    default:
      parseSimpleStatements(out);
  }
}

void Parser::parseSimpleStatements(StmtList& out) {
  while (true) {
    out.push_back(parseSmallStatement());
    if (!accept(TokenKind::Semicolon) || at(TokenKind::Newline)) break;
  }
  if (!at(TokenKind::Newline)) {
    failHere(fmt::format("expected newline after statement, found {}", describeToken(peek())));
  }
  advance();
}

StmtPtr Parser::parseSmallStatement() {
  const Token& tok = peek();
  SourceRange start = tok.range;
  auto endsStatement = [&] { return at(TokenKind::Newline) || at(TokenKind::Semicolon); };
  switch (tok.kind) {
    case TokenKind::KwPass:
      return std::make_unique<Pass>(advance().range);
    case TokenKind::KwBreak:
      return std::make_unique<Break>(advance().range);
    case TokenKind::KwContinue:
      return std::make_unique<Continue>(advance().range);
    case TokenKind::KwReturn: {
      advance();
      auto node = std::make_unique<Return>(start);
      if (!endsStatement()) node->value = parseExpressionList(true);
      node->range = rangeFrom(start);
      return node;
    }
    case TokenKind::KwRaise: {
      advance();
      auto node = std::make_unique<Raise>(start);
      if (!endsStatement()) node->exc = parseExpression();
      if (at(TokenKind::KwFrom)) failHere("'raise ... from' is not supported in TorchScript");
      node->range = rangeFrom(start);
      return node;
    }
    case TokenKind::KwAssert: {
      advance();
      auto node = std::make_unique<Assert>(start);
      node->test = parseExpression();
      if (accept(TokenKind::Comma)) node->msg = parseExpression();
      node->range = rangeFrom(start);
      return node;
    }
    case TokenKind::KwDel: {
      advance();
      auto node = std::make_unique<Delete>(start);
      ExprPtr targets = parseTargetList();
      if (auto* tuple = targets->as<TupleLiteral>()) {
        for (ExprPtr& t : tuple->elts) node->targets.push_back(std::move(t));
      } else {
        node->targets.push_back(std::move(targets));
      }
      for (const ExprPtr& t : node->targets) checkTarget(*t, "'del' target", false);
      node->range = rangeFrom(start);
      return node;
    }
    case TokenKind::KwImport:
      return parseImport();
    case TokenKind::KwFrom:
      return parseFromImport();
    case TokenKind::KwGlobal:
    case TokenKind::KwNonlocal:
      failHere(fmt::format("{} statements are not supported in TorchScript", tokenKindName(tok.kind)));
    default:
      return parseExpressionStatement();
  }
}

StmtPtr Parser::parseExpressionStatement() {
  SourceRange start = peek().range;
  ExprPtr first = parseExpressionList(true);
  if (accept(TokenKind::Colon)) {
    if (!first->as<Name>() && !first->as<Attribute>() && !first->as<Subscript>()) {
      fail(first->range, "only a single name, attribute or subscript can be annotated");
    }
    auto node = std::make_unique<AnnAssign>(start);
    node->target = std::move(first);
    node->annotation = parseExpression();
    if (accept(TokenKind::Assign)) node->value = parseExpressionList(true);
    node->range = rangeFrom(start);
    return node;
  }
  BinaryOpKind augOp;
  bool isAug = true;
  switch (peek().kind) {
    case TokenKind::PlusEq: augOp = BinaryOpKind::Add; break;
    case TokenKind::MinusEq: augOp = BinaryOpKind::Sub; break;
    case TokenKind::StarEq: augOp = BinaryOpKind::Mul; break;
    case TokenKind::SlashEq: augOp = BinaryOpKind::Div; break;
    case TokenKind::DoubleSlashEq: augOp = BinaryOpKind::FloorDiv; break;
    case TokenKind::PercentEq: augOp = BinaryOpKind::Mod; break;
    case TokenKind::DoubleStarEq: augOp = BinaryOpKind::Pow; break;
    case TokenKind::AtEq: augOp = BinaryOpKind::MatMul; break;
    case TokenKind::AmpEq: augOp = BinaryOpKind::BitAnd; break;
    case TokenKind::PipeEq: augOp = BinaryOpKind::BitOr; break;
    case TokenKind::CaretEq: augOp = BinaryOpKind::BitXor; break;
    case TokenKind::LShiftEq: augOp = BinaryOpKind::LShift; break;
    case TokenKind::RShiftEq: augOp = BinaryOpKind::RShift; break;
    default: isAug = false; augOp = BinaryOpKind::Add;
  }
  if (isAug) {
    if (!first->as<Name>() && !first->as<Attribute>() && !first->as<Subscript>()) {
      fail(first->range, "illegal target for augmented assignment");
    }
    advance();
    auto node = std::make_unique<AugAssign>(start);
    node->target = std::move(first);
    node->op = augOp;
    node->value = parseExpressionList(true);
    node->range = rangeFrom(start);
    return node;
  }
  if (!at(TokenKind::Assign)) {
    auto node = std::make_unique<ExprStmt>(start);
    node->value = std::move(first);
    node->range = rangeFrom(start);
    return node;
  }
  auto node = std::make_unique<Assign>(start);
  node->targets.push_back(std::move(first));
  while (accept(TokenKind::Assign)) node->targets.push_back(parseExpressionList(true));
  node->value = std::move(node->targets.back());
  node->targets.pop_back();
  for (const ExprPtr& t : node->targets) checkTarget(*t, "assignment target", false);
  node->range = rangeFrom(start);
  return node;
}

void Parser::checkTarget(const Expr& e, std::string_view what, bool allowStar) const {
  switch (e.kind) {
    case NodeKind::Name:
    case NodeKind::Attribute:
    case NodeKind::Subscript:
      return;
    case NodeKind::Starred:
      if (!allowStar) fail(e.range, fmt::format("a starred {} must be in a list or tuple", what));
      checkTarget(*e.as<Starred>()->value, what, false);
      return;
    case NodeKind::TupleLiteral:
    case NodeKind::ListLiteral: {
      const ExprList& elts = e.as<TupleLiteral>() ? e.as<TupleLiteral>()->elts : e.as<ListLiteral>()->elts;
      int stars = 0;
      for (const ExprPtr& elt : elts) {
        if (elt->as<Starred>() && ++stars > 1) fail(elt->range, fmt::format("multiple starred expressions in {}", what));
        checkTarget(*elt, what, true);
      }
      return;
    }
    case NodeKind::Call:
      fail(e.range, fmt::format("cannot use a function call as {}", what));
    case NodeKind::IntLiteral:
    case NodeKind::FloatLiteral:
    case NodeKind::StringLiteral:
    case NodeKind::BoolLiteral:
    case NodeKind::NoneLiteral:
    case NodeKind::EllipsisLiteral:
      fail(e.range, fmt::format("cannot use a literal as {}", what));
    default:
      fail(e.range, fmt::format("cannot use an expression as {}", what));
  }
}

StmtList parseFile(std::string_view source, const std::string& filename) {
  return Parser(tokenize(source, filename)).parseFile();
}

ExprPtr parseExpression(std::string_view source, const std::string& filename) {
  return Parser(tokenize(source, filename)).parseWholeExpression();
}

}  // namespace wick::frontend
