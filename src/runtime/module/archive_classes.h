// The classes of one TorchScript archive: declared from the class bodies
// under code/ when the unpickler first names them, their methods compiled
// from source on first call (callee methods inlined into callers).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "frontend/ast.h"
#include "ir/graph.h"
#include "ir/type.h"
#include "runtime/graph_executor.h"
#include "serialize/zip_reader.h"
#include "wick/ivalue.h"

namespace wick::module {

class ArchiveClasses {
 public:
  ArchiveClasses(std::shared_ptr<const serialize::ZipArchive> archive, std::string name);
  // Breaks the class <-> method ownership cycles (see ClassType::clearMethods).
  ~ArchiveClasses();

  // The class `qualName` ("__torch__.torch.nn.modules.linear.Linear"),
  // whose source is code/__torch__/torch/nn/modules/linear.py. Throws
  // wick::Error naming the class and the file when either is missing or the
  // class body declares something the loader does not understand.
  std::shared_ptr<ir::ClassType> classFor(const std::string& qualName);
  // The type `qualName` names: a class, or a NamedTuple's tuple type.
  ir::TypePtr typeFor(const std::string& qualName);
  // The tuple type of NamedTuple `qualName`; null when it names no
  // NamedTuple of the archive.
  ir::TypePtr namedTupleFor(const std::string& qualName);

  // Method `name` of `cls`, compiled on first use. Safe to call from many
  // threads. Throws naming class and method when there is no such method.
  ir::Function& method(const ir::ClassType& cls, const std::string& name);
  bool hasMethod(const ir::ClassType& cls, const std::string& name);

  // The free function `qualName` ("__torch__.torch.nn.functional.relu",
  // defined at the top level of code/__torch__/torch/nn/functional.py),
  // compiled on first use.
  ir::Function& function(const std::string& qualName);

  // The values of constants.pkl, which `CONSTANTS.cN` reads.
  void setConstants(std::vector<IValue> constants) { constants_ = std::move(constants); }
  const IValue& constant(int64_t index) const;

  // Runs a compiled method on `self` and positional `args` through the
  // method's GraphExecutor (runtime/graph_executor.h).
  IValue call(const Ref<Object>& self, const std::string& name, std::vector<IValue> args);
  // The executor counters of every method called so far.
  std::vector<MethodStats> stats();

  const std::string& archiveName() const { return name_; }

 private:
  struct SourceFile {
    std::string text;
    frontend::StmtList tree;
  };
  struct ClassEntry {
    std::shared_ptr<ir::ClassType> type;
    std::map<std::string, frontend::FunctionDef*, std::less<>> defs;
    std::map<std::string, std::shared_ptr<ir::Function>, std::less<>> compiled;
  };

  ClassEntry& entryOf(const ir::ClassType& cls);
  SourceFile& sourceFor(const std::string& path);
  void declareMembers(ClassEntry& entry, frontend::ClassDef& def);
  ir::TypePtr annotationType(const frontend::Expr& annotation);
  frontend::ClassDef& classDef(const std::string& qualName);
  static bool isNamedTuple(const frontend::ClassDef& def);
  static bool mentionsArchiveType(const frontend::Expr& annotation);
  ir::Function& compileMethod(ClassEntry& entry, const std::string& name);
  // Compiles `def` as `qualName`; `self` types the first parameter of a method.
  std::shared_ptr<ir::Function> compile(frontend::FunctionDef& def, const std::string& qualName,
                                        const std::shared_ptr<ir::ClassType>& self);
  // "code/__torch__/a/b.py" for "__torch__.a.b.Name".
  std::string sourcePath(const std::string& qualName) const;

  std::shared_ptr<const serialize::ZipArchive> archive_;
  std::string name_;
  std::vector<IValue> constants_;
  // Compiling a method compiles its callees under the same lock.
  std::recursive_mutex mutex_;
  std::map<std::string, std::unique_ptr<SourceFile>> files_;
  std::map<std::string, ClassEntry, std::less<>> classes_;
  std::map<std::string, std::shared_ptr<ir::Function>, std::less<>> functions_;
  std::set<std::string> compiling_;
  // One executor per method called through call(), in first-call order.
  std::map<const ir::Function*, std::shared_ptr<GraphExecutor>> executors_;
  std::vector<std::shared_ptr<GraphExecutor>> executorOrder_;
  static constexpr size_t kMaxDepth = 100;
  size_t declaring_ = 0;
  std::set<const frontend::FunctionDef*> rewritten_;
  std::map<std::string, ir::TypePtr, std::less<>> namedTuples_;
  // Parameter types taken from annotations the frontend cannot read.
  std::map<const frontend::FunctionDef*, std::vector<std::pair<size_t, ir::TypePtr>>> archiveParamTypes_;
};

}  // namespace wick::module
