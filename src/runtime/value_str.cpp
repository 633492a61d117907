// displayString: TorchScript's printing of values (see value_str.h).
#include "runtime/value_str.h"

#include <fmt/format.h>

#include <cmath>

namespace wick {

std::string displayFloat(double d) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  std::string s = fmt::format("{:.17g}", d);
  if (s.find_first_of(".e") == std::string::npos) s += ".";
  return s;
}

std::string displayString(const IValue& v) {
  switch (v.tag()) {
    case IValue::Tag::Double: return displayFloat(v.toDouble());
    case IValue::Tag::String: return v.toStringRef();
    case IValue::Tag::List: {
      std::string s = "[";
      bool first = true;
      for (const auto& e : v.listRef().elements) {
        s += (first ? "" : ", ") + displayString(e);
        first = false;
      }
      return s + "]";
    }
    case IValue::Tag::Tuple: {
      const auto& els = v.tupleRef().elements;
      std::string s = "(";
      for (size_t i = 0; i < els.size(); ++i) s += (i ? ", " : "") + displayString(els[i]);
      if (els.size() == 1) s += ",";
      return s + ")";
    }
    case IValue::Tag::Dict: {
      std::string s = "{";
      bool first = true;
      v.dictRef().forEach([&](const IValue& k, const IValue& val) {
        s += (first ? "" : ", ") + displayString(k) + ": " + displayString(val);
        first = false;
      });
      return s + "}";
    }
    default: return v.repr();
  }
}

}  // namespace wick
