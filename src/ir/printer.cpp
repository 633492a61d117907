// Graph::str: the text PyTorch 1.13 prints for `print(graph)`, with the
// optional "# file:line:col" comments.
#include <cmath>
#include <sstream>

#include "core/check.h"
#include "ir/graph.h"
#include "ir/printer_internal.h"

namespace wick::ir {

std::string formatDouble(double d) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  // Integral values print as "2." so they read back as floats.
  if (std::abs(d) < 1e10 && d == static_cast<double>(static_cast<int64_t>(d))) {
    int64_t i = static_cast<int64_t>(d);
    if (i == 0 && std::signbit(d)) return "-0.";
    return fmt::format("{}.", i);
  }
  return fmt::format("{:.17g}", d);
}

std::string quoteString(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    switch (ch) {
      case '\\':
        out += "\\\\";
        break;
      case '\'':
        out += "\\'";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\a':
        out += "\\a";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\v':
        out += "\\v";
        break;
      default: {
        auto u = static_cast<unsigned char>(ch);
        // Bytes of UTF-8 text pass through; other control bytes go octal.
        if (u >= 0x20 && u != 0x7f)
          out += ch;
        else
          out += fmt::format("\\{:03o}", u);
      }
    }
  }
  return out + "\"";
}

namespace {

std::string tensorLiteral(const IValue& v) {
  Tensor t = v.toTensor();
  if (!t.defined() || t.numel() != 1) return "<Tensor>";
  Scalar s = t.at(0);
  // PyTorch streams the element with the default precision of 6.
  if (s.isFloat()) return fmt::format("{{{:g}}}", s.toDouble());
  return fmt::format("{{{}}}", s.toInt());
}

std::string seq(const std::vector<IValue>& es, const char* open, const char* close, bool tuple) {
  std::string out = open;
  for (size_t i = 0; i < es.size(); ++i) out += (i ? ", " : "") + literalStr(es[i]);
  if (tuple && es.size() == 1) out += ",";
  return out + close;
}

std::string valueName(const Value* v) {
  return "%" + (v->hasDebugName() ? v->debugName() : std::to_string(v->unique()));
}

std::string typedValues(const std::vector<Value*>& vs, const char* sep) {
  std::string out;
  for (size_t i = 0; i < vs.size(); ++i) {
    out += (i ? sep : "") + valueName(vs[i]) + " : ";
    out += vs[i]->type() ? vs[i]->type()->str() : std::string("Any");
  }
  return out;
}

std::string valueNames(const std::vector<Value*>& vs) {
  std::string out;
  for (size_t i = 0; i < vs.size(); ++i) out += (i ? ", " : "") + valueName(vs[i]);
  return out;
}

// Top-level attribute values: bools are stored as ints in TorchScript, so
// they print as 1 and 0; devices print as strings.
std::string attrStr(const Attribute& a) {
  switch (a.kind) {
    case Attribute::Kind::Int:
      return a.value.isBool() ? (a.value.toBool() ? "1" : "0") : literalStr(a.value);
    case Attribute::Kind::Type:
      return a.type ? a.type->str() : "Any";
    case Attribute::Kind::Types: {
      std::string out = "[";
      for (size_t i = 0; i < a.types.size(); ++i) out += (i ? ", " : "") + a.types[i]->str();
      return out + "]";
    }
    case Attribute::Kind::Graph:
      return "<Graph>";
    default:
      if (a.value.isDevice()) return quoteString(a.value.toDevice().str());
      return literalStr(a.value);
  }
}

class Printer {
 public:
  explicit Printer(bool locations) : locations_(locations) {}

  void graph(const Graph& g) {
    out_ << "graph(" << typedValues(g.inputs(), ",\n      ") << "):\n";
    for (const Node* n : *g.block()) node(n, 2);
    out_ << "  return (" << valueNames(g.outputs()) << ")\n";
    // Subgraphs print after their parent, named by their position.
    for (size_t i = 0; i < groups_.size(); ++i) {
      out_ << "with " << groups_[i]->kind().qualString() << "_" << i << " = ";
      Printer inner(locations_);
      inner.graph(*groups_[i]->attr("Subgraph").graph);
      out_ << inner.out_.str();
    }
  }

  std::string str() const { return out_.str(); }

 private:
  void node(const Node* n, size_t indent) {
    std::string pad(indent, ' ');
    out_ << pad << typedValues(n->outputs(), ", ") << " = " << n->kind().qualString();
    bool grouped = n->hasAttribute("Subgraph") && n->attr("Subgraph").kind == Attribute::Kind::Graph &&
                   n->attr("Subgraph").graph;
    if (grouped) {
      out_ << "_" << groups_.size();
      groups_.push_back(n);
    }
    std::string attrs;
    for (const auto& [name, a] : n->attributes()) {
      if (grouped && name == "Subgraph") continue;
      attrs += (attrs.empty() ? "" : ", ") + name + "=" + attrStr(a);
    }
    if (!attrs.empty()) out_ << "[" << attrs << "]";
    out_ << "(" << valueNames(n->inputs()) << ")";
    if (locations_ && n->location().valid()) out_ << " # " << n->location().str();
    out_ << "\n";
    for (size_t i = 0; i < n->blocks().size(); ++i) {
      const Block* b = n->blocks()[i];
      out_ << pad << "  block" << i << "(" << typedValues(b->inputs(), ", ") << "):\n";
      for (const Node* inner : *b) node(inner, indent + 4);
      out_ << pad << "    -> (" << valueNames(b->outputs()) << ")\n";
    }
  }

  bool locations_;
  std::ostringstream out_;
  std::vector<const Node*> groups_;
};

}  // namespace

std::string literalStr(const IValue& v) {
  switch (v.tag()) {
    case IValue::Tag::None:
      return "None";
    case IValue::Tag::Bool:
      return v.toBool() ? "True" : "False";
    case IValue::Tag::Int:
      return std::to_string(v.toInt());
    case IValue::Tag::Double:
      return formatDouble(v.toDouble());
    case IValue::Tag::String:
      return quoteString(v.toStringRef());
    case IValue::Tag::Device:
      return v.toDevice().str();
    case IValue::Tag::Tensor:
      return tensorLiteral(v);
    case IValue::Tag::List:
      return seq(v.listRef().elements, "[", "]", false);
    case IValue::Tag::Tuple:
      return seq(v.tupleRef().elements, "(", ")", true);
    case IValue::Tag::Dict: {
      std::string out = "{";
      bool first = true;
      v.dictRef().forEach([&](const IValue& k, const IValue& val) {
        out += (first ? "" : ", ") + literalStr(k) + ": " + literalStr(val);
        first = false;
      });
      return out + "}";
    }
    case IValue::Tag::Object:
      return "<Object>";
    case IValue::Tag::Blob:
      return "<Blob>";
  }
  return "?";
}

std::string Graph::str(bool printSourceLocations) const {
  Printer p(printSourceLocations);
  p.graph(*this);
  return p.str();
}

}  // namespace wick::ir
