// The recursive-descent parser shared by parser_stmt.cpp (statements and
// blocks) and parser_expr.cpp (expressions by precedence). Private to
// src/frontend.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/ast.h"
#include "frontend/token.h"

namespace wick::frontend {

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  StmtList parseFile();
  ExprPtr parseWholeExpression();

 private:
  // Counts one level of nesting for as long as it lives; see kMaxNesting.
  class NestingGuard {
   public:
    NestingGuard(Parser& p, const Token& at);
    ~NestingGuard() { --parser_.depth_; }
    NestingGuard(const NestingGuard&) = delete;
    NestingGuard& operator=(const NestingGuard&) = delete;

   private:
    Parser& parser_;
  };

  // ---- token access ----
  const Token& peek(size_t ahead = 0) const;
  bool at(TokenKind k) const { return peek().kind == k; }
  bool accept(TokenKind k);
  const Token& advance();
  // Consumes a token of kind `k` or fails with "expected '<k>' <context>".
  const Token& expect(TokenKind k, std::string_view context);
  const Token& previous() const { return tokens_[pos_ - 1]; }
  // The range from `start` to the end of the last consumed token.
  SourceRange rangeFrom(const SourceRange& start) const { return start.to(previous().range); }
  [[noreturn]] void fail(const SourceRange& where, std::string_view message) const;
  [[noreturn]] void failHere(std::string_view message) const { fail(peek().range, message); }

  // Sets the node's height and rejects trees too tall to walk safely.
  template <class T>
  ExprPtr finish(std::unique_ptr<T> node);

  // ---- statements (parser_stmt.cpp) ----
  void parseStatement(StmtList& out);
  void parseSimpleStatements(StmtList& out);
  StmtPtr parseSmallStatement();
  StmtPtr parseExpressionStatement();
  StmtPtr parseImport();
  StmtPtr parseFromImport();
  StmtList parseBlock(std::string_view owner);
  StmtPtr parseIf(const Token& keyword);
  StmtPtr parseWhile();
  StmtPtr parseFor();
  StmtPtr parseWith();
  StmtPtr parseFunctionDef(ExprList decorators, const SourceRange& start);
  StmtPtr parseClassDef(ExprList decorators, const SourceRange& start);
  StmtPtr parseDecorated();
  std::string parseDottedName(std::string_view context);
  void checkTarget(const Expr& e, std::string_view what, bool allowStar) const;

  // ---- expressions (parser_expr.cpp) ----
  bool startsExpression(TokenKind k) const;
  // `test` in Python's grammar: a full expression, conditional included.
  ExprPtr parseExpression();
  // A comma list of expressions (and `*x` where allowStar); one element
  // without a comma is returned as is, otherwise a TupleLiteral.
  ExprPtr parseExpressionList(bool allowStar);
  // Targets of `for` and comprehensions: bit-or expressions, so that `in`
  // ends the list.
  ExprPtr parseTargetList();
  ExprPtr parseExpressionOrStar();
  ExprPtr parseOr();
  ExprPtr parseAnd();
  ExprPtr parseNot();
  ExprPtr parseComparison();
  ExprPtr parseBinary(int level);
  ExprPtr parseFactor();
  ExprPtr parsePower();
  ExprPtr parsePrimary();
  ExprPtr parseAtom();
  ExprPtr parseParenthesized();
  ExprPtr parseListDisplay();
  ExprPtr parseDictDisplay();
  std::vector<Comprehension> parseComprehensions();
  ExprPtr parseCall(ExprPtr func);
  ExprPtr parseSubscript(ExprPtr value);
  ExprPtr parseSliceItem();

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;
};

template <class T>
ExprPtr Parser::finish(std::unique_ptr<T> node) {
  computeHeight(*node);
  if (node->height > kMaxExprHeight) {
    fail(node->range, "expression is too deeply nested");
  }
  return node;
}

}  // namespace wick::frontend
