// Where a token or AST node sits in a TorchScript source file, and the one
// way the frontend reports a user error: "file:line:col: message".
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace wick::frontend {

// Lines and columns count from 1 (as compilers and the IR text parser do);
// a column counts bytes, so a tab is one column. The file name is shared by
// every range of one file, so a range is cheap to copy into each node.
struct SourceRange {
  std::shared_ptr<const std::string> file;
  int line = 0;
  int col = 0;
  int endLine = 0;
  int endCol = 0;

  // "code/__torch__/foo.py:12:8" (the start of the range).
  std::string str() const;
  // The range from the start of this one to the end of `last`.
  SourceRange to(const SourceRange& last) const;
};

// Throws wick::Error("<file>:<line>:<col>: <message>").
[[noreturn]] void throwSyntaxError(const SourceRange& where, std::string_view message);

}  // namespace wick::frontend
