// libFuzzer target for the TorchScript source frontend: any input must
// either parse or throw wick::Error, never crash, hang or overflow the
// stack; and whatever parses must print to source that parses to the same
// tree. Not built by default; build by hand:
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address -Isrc -Iinclude \
//     tests/fuzz/source_parser_fuzz.cpp src/frontend/*.cpp -lfmt -o source_parser_fuzz
//   ./source_parser_fuzz -max_total_time=60 corpus/ tests/data/frontend
// (a seed directory is searched for files, so the fixtures' .py files serve).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "frontend/ast_printer.h"
#include "frontend/parser.h"
#include "wick/error.h"

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
  return 0;
}
