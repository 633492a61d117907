// Loading and running TorchScript archives (torch.jit.save files):
//
//   wick::Module m = wick::load("model.pt");
//   m.eval();
//   wick::IValue y = m.forward({wick::IValue(x)});
//
// Methods compile from the archive's source on first call; a loaded Module
// may then serve many threads calling forward at once.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "wick/ivalue.h"
#include "wick/method_stats.h"
#include "wick/tensor.h"

namespace wick {

namespace module {
class ArchiveClasses;
}

class Module {
 public:
  // forward(*args).
  IValue forward(std::vector<IValue> args) const { return runMethod("forward", std::move(args)); }
  // Method `name` with positional `args` (trailing defaults filled in).
  IValue runMethod(const std::string& name, std::vector<IValue> args) const;
  bool hasMethod(const std::string& name) const;

  // Parameters of this module and its submodules, "fc1.weight" first to
  // last in declaration order.
  std::vector<std::pair<std::string, Tensor>> named_parameters(bool recurse = true) const;
  // Attribute by name; a submodule comes back as a Module-typed Object.
  IValue attr(const std::string& name) const;
  // The submodule attribute `name`.
  Module submodule(const std::string& name) const;
  // Sets `training` to False here and in every submodule.
  Module& eval();

  const std::string& typeName() const;
  // Executor counters of every method called on this module's archive
  // (callees are inlined into the methods called from C++).
  std::vector<MethodStats> stats() const;
  const Ref<Object>& object() const { return object_; }

 private:
  friend Module load(const std::string& path);
  Module(std::shared_ptr<module::ArchiveClasses> classes, Ref<Object> object);
  std::shared_ptr<module::ArchiveClasses> classes_;
  Ref<Object> object_;
};

// Loads a TorchScript archive: its module state (data.pkl), constants
// (constants.pkl) and classes (code/). Throws wick::Error naming the file
// and what could not be read.
Module load(const std::string& path);

}  // namespace wick
