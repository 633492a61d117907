// wick::GraphFunction: graph text parsed by the IR parser and compiled by
// the interpreter.
#include "wick/graph_function.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/flags.h"
#include "ir/parser.h"
#include "runtime/graph_executor.h"
#include "runtime/interpreter.h"

namespace wick {

struct GraphFunction::Impl {
  std::shared_ptr<const Code> code;
  std::unique_ptr<GraphExecutor> executor;
};

GraphFunction GraphFunction::fromText(std::string_view text, const std::string& filename) {
  Flags::get();  // validate WICK_* flags before any work
  auto graph = ir::parseGraph(text, filename);
  auto impl = std::make_shared<Impl>();
  impl->code = Code::compile(std::move(graph));
  impl->executor = makeGraphExecutor(impl->code, filename);
  return GraphFunction(std::move(impl));
}

GraphFunction GraphFunction::fromFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(fmt::format("cannot open {}: {}", path, std::strerror(errno)));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw Error(fmt::format("cannot read {}", path));
  return fromText(ss.str(), path);
}

std::vector<IValue> GraphFunction::operator()(std::vector<IValue> inputs) const {
  return impl_->executor->run(std::move(inputs));
}

MethodStats GraphFunction::stats() const { return impl_->executor->stats(); }

size_t GraphFunction::numInputs() const { return impl_->code->graph().inputs().size(); }

std::vector<std::string> GraphFunction::inputTypes() const {
  std::vector<std::string> out;
  for (const ir::Value* v : impl_->code->graph().inputs()) out.push_back(v->type() ? v->type()->str() : "Any");
  return out;
}

std::string GraphFunction::str() const { return impl_->code->graph().str(); }

}  // namespace wick
