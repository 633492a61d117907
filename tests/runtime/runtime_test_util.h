// Helpers for the runtime tests: calling one registered op by its overload
// name, compiling graph text, building IValues.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "runtime/interpreter.h"
#include "runtime/operator.h"
#include "wick/ivalue.h"

namespace wick::testing {

// Runs the op registered as `overload` ("aten::add.int") on `args` and
// returns what it leaves on the stack.
std::vector<IValue> callOpAll(const std::string& overload, std::vector<IValue> args);
// The single result of callOpAll.
IValue callOp(const std::string& overload, std::vector<IValue> args);

// Parses TorchScript graph text and compiles it.
std::shared_ptr<const Code> compileText(const std::string& text);
// Compiles tests/data/runtime/<name>.graph (graphs PyTorch 1.13 printed,
// made by tests/data/runtime/gen_interpreter_cases.py).
std::shared_ptr<const Code> compileFixture(const std::string& name);

IValue intList(const std::vector<int64_t>& v);
IValue strList(const std::vector<std::string>& v);

// The message of the wick::Error `fn` throws; fails the test if it does not.
template <typename Fn>
std::string errorOf(Fn&& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected a wick::Error";
  return "";
}

}  // namespace wick::testing
