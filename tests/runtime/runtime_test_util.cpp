// Helpers for the runtime tests (see runtime_test_util.h).
#include "tests/runtime/runtime_test_util.h"

#include <fstream>
#include <sstream>

#include "ir/parser.h"

namespace wick::testing {

std::vector<IValue> callOpAll(const std::string& overload, std::vector<IValue> args) {
  const Operator* op = OperatorRegistry::global().findOverload(overload);
  if (!op) throw Error("no such overload: " + overload);
  Stack stack(std::make_move_iterator(args.begin()), std::make_move_iterator(args.end()));
  if (!op->fn) throw Error(overload + " needs a node (it is node-specialized)");
  op->fn(stack);
  return stack;
}

IValue callOp(const std::string& overload, std::vector<IValue> args) {
  std::vector<IValue> out = callOpAll(overload, std::move(args));
  if (out.size() != 1) throw Error(overload + " left " + std::to_string(out.size()) + " values");
  return out[0];
}

std::shared_ptr<const Code> compileText(const std::string& text) {
  return Code::compile(ir::parseGraph(text, "test.graph"));
}

std::shared_ptr<const Code> compileFixture(const std::string& name) {
  std::string path = std::string(WICK_TEST_DATA_DIR) + "/runtime/" + name + ".graph";
  std::ifstream in(path);
  if (!in) throw Error("cannot open " + path);
  std::stringstream text;
  text << in.rdbuf();
  return Code::compile(ir::parseGraph(text.str(), name + ".graph"));
}

IValue intList(const std::vector<int64_t>& v) {
  std::vector<IValue> els(v.begin(), v.end());
  return IValue(makeList(std::move(els)));
}

IValue strList(const std::vector<std::string>& v) {
  std::vector<IValue> els;
  for (const auto& s : v) els.emplace_back(s);
  return IValue(makeList(std::move(els)));
}

}  // namespace wick::testing
