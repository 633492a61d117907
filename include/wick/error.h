// wick::Error: the one exception type for every error a user can cause.
#pragma once

#include <exception>
#include <string>

namespace wick {

// Every error a user can cause (bad input, a bad archive, an unknown op, a
// bad flag) is a wick::Error whose message names what went wrong and where.
// Internal invariant failures are also reported as wick::Error, with the
// source file and line of the check prefixed by "internal error".
class Error : public std::exception {
 public:
  explicit Error(std::string msg) : msg_(std::move(msg)) {}
  const char* what() const noexcept override { return msg_.c_str(); }
  const std::string& message() const noexcept { return msg_; }

  // Adds a line of context ("while running aten::add at graph.txt:3:5") to
  // the message. Used as the error unwinds through the interpreter.
  void addContext(const std::string& ctx) { msg_ += "\n  " + ctx; }

 private:
  std::string msg_;
};

}  // namespace wick
