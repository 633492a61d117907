// Symbol interning: a global, thread-safe table from "ns::name" to a dense id,
// seeded with the builtins so their ids match the enum.
#include "ir/symbol.h"

#include <deque>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "core/check.h"

namespace wick::ir {
namespace {

class SymbolTable {
 public:
  SymbolTable() {
#define WICK_SYMBOL_INTERN(ns, name) intern(#ns "::" #name);
    WICK_FORALL_BUILTIN_SYMBOLS(WICK_SYMBOL_INTERN)
#undef WICK_SYMBOL_INTERN
  }

  uint32_t intern(std::string_view qual) {
    {
      std::shared_lock lock(mutex_);
      auto it = ids_.find(std::string(qual));
      if (it != ids_.end()) return it->second;
    }
    std::unique_lock lock(mutex_);
    auto it = ids_.find(std::string(qual));
    if (it != ids_.end()) return it->second;
    // A deque keeps references to earlier names valid as the table grows.
    names_.emplace_back(qual);
    uint32_t id = static_cast<uint32_t>(names_.size() - 1);
    ids_.emplace(names_.back(), id);
    return id;
  }

  const std::string& name(uint32_t id) {
    std::shared_lock lock(mutex_);
    WICK_ASSERT(id < names_.size(), "symbol id {} out of range", id);
    return names_[id];
  }

 private:
  std::shared_mutex mutex_;
  std::deque<std::string> names_;
  std::unordered_map<std::string, uint32_t> ids_;
};

SymbolTable& table() {
  static SymbolTable t;
  return t;
}

}  // namespace

Symbol Symbol::fromQualString(std::string_view qual) {
  size_t sep = qual.find("::");
  WICK_CHECK(sep != std::string_view::npos && sep > 0 && sep + 2 < qual.size(),
             "symbol '{}' is not of the form namespace::name", qual);
  return Symbol(table().intern(qual), 0);
}

const std::string& Symbol::qualString() const { return table().name(id_); }

std::string Symbol::ns() const {
  const std::string& q = qualString();
  return q.substr(0, q.find("::"));
}

std::string Symbol::unqualName() const {
  const std::string& q = qualString();
  return q.substr(q.find("::") + 2);
}

bool Symbol::isAten() const { return qualString().starts_with("aten::"); }
bool Symbol::isPrim() const { return qualString().starts_with("prim::"); }

}  // namespace wick::ir
