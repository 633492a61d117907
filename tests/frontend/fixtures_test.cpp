// Every `code/` file that PyTorch 1.13 wrote for the models of
// scripts/make_frontend_fixtures.py parses, and printing it back gives text
// that parses to the same tree.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "frontend/ast_printer.h"
#include "frontend/parser.h"
#include "wick/error.h"

namespace wick::frontend {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = fs::path(WICK_TEST_DATA_DIR) / "frontend";

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<fs::path> codeFiles() {
  std::vector<fs::path> files;
  if (!fs::exists(kRoot)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(kRoot)) {
    if (entry.is_regular_file() && entry.path().extension() == ".py") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The archive-relative name, as the runtime will report it: "code/__torch__/x.py".
std::string archiveName(const fs::path& p) {
  std::string rel = fs::relative(p, kRoot).generic_string();
  return rel.substr(rel.find('/') + 1);
}

TEST(Fixtures, AllModelsArePresent) {
  for (const char* model : {"resnet18", "mobilenet_v2", "transformer_encoder_layer", "lstm", "resnet18_traced",
                            "with_constants", "tensor_lists", "fn_lists_and_loops", "fn_make_point"}) {
    EXPECT_TRUE(fs::exists(kRoot / model / "code")) << model;
  }
  EXPECT_GT(codeFiles().size(), 150u);
}

TEST(Fixtures, EveryCodeFileParsesAndRoundTrips) {
  size_t stmts = 0;
  for (const fs::path& p : codeFiles()) {
    SCOPED_TRACE(p.string());
    std::string name = archiveName(p);
    StmtList tree;
    try {
      tree = parseFile(readFile(p), name);
    } catch (const Error& e) {
      ADD_FAILURE() << e.what();
      continue;
    }
    ASSERT_FALSE(tree.empty());
    stmts += tree.size();
    std::string printed = printSource(tree);
    StmtList again;
    try {
      again = parseFile(printed, name + " (printed)");
    } catch (const Error& e) {
      ADD_FAILURE() << e.what() << "\n" << printed;
      continue;
    }
    EXPECT_EQ(dumpAst(tree), dumpAst(again)) << printed;
    // Printing is a fixed point after one round.
    EXPECT_EQ(printSource(again), printed);
  }
  EXPECT_GT(stmts, 150u);
}

TEST(Fixtures, ModuleClassShape) {
  StmtList tree = parseFile(readFile(kRoot / "with_constants" / "code" / "__torch__.py"), "code/__torch__.py");
  ASSERT_EQ(tree.size(), 1u);
  const auto* cls = tree[0]->as<ClassDef>();
  ASSERT_NE(cls, nullptr);
  EXPECT_EQ(cls->name, "WithConstants");
  ASSERT_EQ(cls->bases.size(), 1u);
  EXPECT_EQ(dumpAst(*cls->bases[0]), "(Name Module)");
  // __parameters__ = [], __buffers__ = ["scale", ], then annotated attributes,
  // Final constants, and the methods.
  const auto* buffers = cls->body[1]->as<Assign>();
  ASSERT_NE(buffers, nullptr);
  EXPECT_EQ(dumpAst(*buffers->value), "(ListLiteral (StringLiteral \"scale\"))");
  int finals = 0, methods = 0;
  for (const StmtPtr& s : cls->body) {
    if (auto* a = s->as<AnnAssign>(); a && a->value) {
      ++finals;
      EXPECT_EQ(dumpAst(*a->annotation).rfind("(Subscript (Name Final)", 0), 0u);
    }
    if (auto* f = s->as<FunctionDef>()) {
      ++methods;
      EXPECT_EQ(f->params[0].name, "self");
      EXPECT_EQ(dumpAst(*f->params[0].annotation), "(Attribute (Name __torch__) WithConstants)");
    }
  }
  EXPECT_EQ(finals, 2);
  EXPECT_EQ(methods, 2);
  const auto* forward = cls->body[cls->body.size() - 2]->as<FunctionDef>();
  ASSERT_NE(forward, nullptr);
  EXPECT_EQ(forward->name, "forward");
  ASSERT_EQ(forward->params.size(), 3u);
  EXPECT_EQ(dumpAst(*forward->params[2].defaultValue), "(NoneLiteral)");
  EXPECT_EQ(forward->range.str(), "code/__torch__.py:12:3");
}

}  // namespace
}  // namespace wick::frontend
