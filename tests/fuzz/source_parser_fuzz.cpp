// libFuzzer target for the TorchScript source frontend: any input must
// either parse or throw wick::Error, never crash, hang or overflow the
// stack; whatever parses must print to source that parses to the same tree;
// and compiling its functions must succeed or throw wick::Error. Not built
// by default; build by hand after a normal build in build-fe (for the IR and
// core objects, which need no instrumentation):
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address -Isrc -Iinclude \
//     tests/fuzz/source_parser_fuzz.cpp src/frontend/*.cpp \
//     build-fe/src/ir/CMakeFiles/wick_ir.dir/*.o build-fe/src/core/CMakeFiles/wick_core.dir/*.o \
//     -lfmt -o source_parser_fuzz
//   ./source_parser_fuzz -max_total_time=60 corpus/ tests/data/frontend
// (a seed directory is searched for files, so the fixtures' .py files serve).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "frontend/ast_printer.h"
#include "frontend/compiler.h"
#include "frontend/parser.h"
#include "wick/error.h"

namespace {

// Accepts every builtin: comparisons and conversions to bool give bool,
// anything else the type of its first argument (int without arguments), so
// that the compiler's own checks are what the input meets.
class AnyBuiltins : public wick::frontend::BuiltinResolver {
 public:
  wick::ir::Value* emitCall(wick::ir::Graph& graph, const std::string& name,
                            const std::vector<wick::frontend::NamedValue>& args,
                            const std::vector<wick::frontend::NamedValue>& kwargs,
                            const wick::ir::SourceLocation& loc) override {
    using wick::ir::Type;
    using wick::ir::TypeKind;
    std::vector<wick::ir::Value*> inputs;
    for (const auto& a : args) inputs.push_back(a.value);
    for (const auto& k : kwargs) inputs.push_back(k.value);
    wick::ir::Node* n = graph.insertNode(graph.create(wick::ir::Symbol::fromQualString(name), inputs, 1));
    n->setLocation(loc);
    bool boolean = name == "aten::Bool" || name == "aten::lt" || name == "aten::eq" || name == "aten::__not__" ||
                   name == "aten::__contains__" || name == "aten::__is__";
    n->output()->setType(boolean ? Type::get(TypeKind::Bool)
                                 : inputs.empty() ? Type::get(TypeKind::Int) : inputs[0]->type());
    return n->output();
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wick::frontend;
  std::string_view source(reinterpret_cast<const char*>(data), size);
  StmtList tree;
  try {
    tree = parseFile(source, "fuzz.py");
  } catch (const wick::Error&) {
    // The expression entry point shares the code below statements; give it
    // the same input so its own end-of-input checks are exercised too.
    try {
      parseExpression(source, "fuzz.py");
    } catch (const wick::Error&) {
    }
    return 0;
  }
  std::string printed = printSource(tree);
  std::string before = dumpAst(tree);
  try {
    StmtList again = parseFile(printed, "printed.py");
    if (dumpAst(again) != before) {
      std::fprintf(stderr, "round trip changed the tree\n--- printed:\n%s\n--- before:\n%s\n--- after:\n%s\n",
                   printed.c_str(), before.c_str(), dumpAst(again).c_str());
      std::abort();
    }
  } catch (const wick::Error& e) {
    std::fprintf(stderr, "printed source does not parse: %s\n--- printed:\n%s\n", e.what(), printed.c_str());
    std::abort();
  }
  AnyBuiltins builtins;
  for (const StmtPtr& s : tree) {
    if (const auto* def = s->as<FunctionDef>()) {
      try {
        compileFunction(*def, builtins);
      } catch (const wick::Error&) {
      }
    }
  }
  return 0;
}
