// The graph text parser: statements are lines, blocks follow the node that
// owns them, values are scoped by block.
#include "ir/parser.h"

#include <algorithm>
#include <unordered_map>

#include "core/check.h"
#include "ir/parser_internal.h"
#include "ir/type_internal.h"

namespace wick::ir {

namespace {
// Deeper nesting is garbage, and recursion must not overflow the stack.
constexpr int kMaxNesting = 200;

bool isAllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Python identifiers may be non-ASCII: UTF-8 bytes are name characters.
bool isNameChar(char c) {
  return TextCursor::isIdentChar(c) || c == '.' || static_cast<unsigned char>(c) >= 0x80;
}
}  // namespace

class GraphParser {
 public:
  GraphParser(TextCursor& c, const ClassResolver& resolve, int depth)
      : c_(c), resolve_(resolve), depth_(depth) {}

  std::shared_ptr<Graph> parse() {
    if (depth_ > kMaxNesting) c_.fail("subgraphs nested more than {} levels deep", kMaxNesting);
    g_ = std::make_shared<Graph>();
    skipBlankLines();
    c_.expect("graph", "at the start of a graph");
    c_.expect("(", "after 'graph'");
    scopes_.emplace_back();
    parseParams(g_->block());
    c_.skipSpaces();
    SourceLocation bodyStart = c_.location();
    expectEndOfLine("after the graph's parameters");
    parseBody(g_->block(), "return", bodyStart, "graph");
    parseSubgraphs();
    // Fresh values must not take the numbers the text used as names.
    g_->nextUnique_ = std::max(g_->nextUnique_, maxNumericName_ + 1);
    return g_;
  }

 private:
  void skipBlankLines() {
    while (true) {
      c_.skipWhitespace();
      if (c_.peek() != '#') return;
      while (!c_.atEnd() && c_.peek() != '\n') c_.advance();
    }
  }

  void expectEndOfLine(std::string_view context) {
    c_.skipSpaces();
    if (!c_.atEnd() && c_.peek() != '\n')
      c_.fail("expected the end of the line {}, found {}", context, c_.describeNext());
  }

  std::string valueName() {
    if (c_.peek() != '%') c_.fail("expected a value name like %x, found {}", c_.describeNext());
    c_.advance();
    std::string name;
    while (isNameChar(c_.peek())) {
      name += c_.peek();
      c_.advance();
    }
    if (name.empty()) c_.fail("expected a value name after '%'");
    c_.skipSpaces();
    return name;
  }

  Value* lookup(const std::string& name, const SourceLocation& loc) {
    for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
      auto v = it->find(name);
      if (v != it->end()) return v->second;
    }
    if (defined_.count(name))
      TextCursor::failAt(loc, fmt::format("value %{} is used outside the block that defines it", name));
    TextCursor::failAt(loc, fmt::format("unknown value name %{}", name));
  }

  // Names a freshly parsed value and records where it was defined.
  void define(Value* v, const std::string& name, const SourceLocation& loc) {
    auto prev = defined_.find(name);
    if (prev != defined_.end())
      TextCursor::failAt(loc,
                         fmt::format("value %{} is defined twice (first at {})", name, prev->second.str()));
    defined_.emplace(name, loc);
    scopes_.back()[name] = v;
    if (isAllDigits(name)) {
      // Kept verbatim so the printer reproduces PyTorch's numbering.
      g_->names_[name] = v;
      v->debugName_ = name;
      if (name.size() < 18) maxNumericName_ = std::max<size_t>(maxNumericName_, std::stoull(name));
    } else {
      v->setDebugName(name);
    }
  }

  TypePtr typeAnnotation() {
    if (!c_.tryConsume(":")) return Type::tensor();  // PyTorch's parser defaults to Tensor too.
    TypePtr t = parseTypeAt(c_, resolve_);
    c_.skipSpaces();
    return t;
  }

  // "%a : T, %b : U):" after the opening parenthesis of graph( or blockN(.
  void parseParams(Block* b) {
    c_.skipWhitespace();
    bool first = true;
    while (!c_.tryConsume(")")) {
      if (c_.atEnd()) c_.fail("unterminated parameter list");
      if (!first) c_.expect(",", "between parameters");
      first = false;
      c_.skipWhitespace();
      SourceLocation loc = c_.location();
      std::string name = valueName();
      Value* v = b->addInput();
      v->setType(typeAnnotation());
      define(v, name, loc);
      c_.skipWhitespace();
    }
    c_.expect(":", "after the parameter list");
  }

  std::vector<Value*> valueList(std::string_view context) {
    c_.expect("(", context);
    std::vector<Value*> out;
    while (!c_.tryConsume(")")) {
      if (c_.atEnd() || c_.peek() == '\n') c_.fail("unterminated value list {}", context);
      if (!out.empty()) c_.expect(",", "between values");
      SourceLocation loc = c_.location();
      out.push_back(lookup(valueName(), loc));
    }
    return out;
  }

  // Nodes up to the block's terminator: "return (...)" for the graph,
  // "-> (...)" for nested blocks.
  // `opener` names the block in errors.
  void parseBody(Block* b, std::string_view terminator, const SourceLocation& start,
                 const std::string& opener) {
    while (true) {
      skipBlankLines();
      if (c_.atEnd())
        TextCursor::failAt(start, terminator == "return" ? "the graph has no return statement"
                                                         : "unterminated " + opener + ": no '-> (...)' line");
      if (c_.startsWith(terminator)) {
        c_.advance(terminator.size());
        c_.skipSpaces();
        for (Value* v : valueList("after the block's return")) b->registerOutput(v);
        expectEndOfLine("after the block's return");
        return;
      }
      parseNode(b);
    }
  }

  void parseNode(Block* b) {
    SourceLocation loc = c_.location();
    std::vector<std::pair<std::string, TypePtr>> outs;
    std::vector<SourceLocation> outLocs;
    while (c_.peek() != '=') {
      if (!outs.empty()) c_.expect(",", "between a node's outputs");
      outLocs.push_back(c_.location());
      std::string name = valueName();
      outs.emplace_back(name, typeAnnotation());
    }
    c_.expect("=", "after a node's outputs");
    SourceLocation kindLoc = c_.location();
    std::string kind = c_.identifier("a node kind");
    if (!c_.startsWith("::")) c_.fail("expected '::' in the node kind '{}'", kind);
    c_.advance(2);
    kind += "::" + c_.identifier("a node kind");
    Node* n = g_->create(Symbol::fromQualString(kind), 0);
    for (size_t i = 0; i < outs.size(); ++i) {
      Value* v = n->addOutput();
      v->setType(outs[i].second);
      define(v, outs[i].first, outLocs[i]);
    }
    if (c_.peek() == '[') parseAttributes(n);
    for (Value* v : valueList("for a node's inputs")) n->addInput(v);
    n->setLocation(parseComment(loc));
    expectEndOfLine("after a node");
    b->appendNode(n);
    size_t underscore = kind.find_last_of('_');
    if (underscore != std::string::npos && isAllDigits(kind.substr(underscore + 1))) groups_[kind] = n;
    if (n->kind() == Symbol::prim_Constant) checkConstantNode(n, loc);
    parseBlocks(n);
    checkControlFlowNode(n, loc);
  }

  void parseAttributes(Node* n) {
    c_.expect("[", "to open attributes");
    bool first = true;
    while (!c_.tryConsume("]")) {
      if (c_.atEnd() || c_.peek() == '\n') c_.fail("unterminated attribute list");
      if (!first) c_.expect(",", "between attributes");
      first = false;
      std::string name = c_.identifier("an attribute name");
      c_.skipSpaces();
      c_.expect("=", "after an attribute name");
      SourceLocation loc = c_.location();
      TextCursor start = c_;
      IValue v;
      try {
        v = parseAttributeLiteral(c_);
      } catch (const Error&) {
        // Not a literal: a type ("types=[int]", "ty=Tensor"), or garbage
        // reported as the literal it failed to be.
        c_ = start;
        if (!parseTypeAttribute(n, name)) throw;
        continue;
      }
      if (n->kind() == Symbol::prim_Constant && name == "value" && n->outputs().size() == 1)
        v = coerceConstant(v, *n->output()->type(), loc);
      n->ival_(name, std::move(v));
    }
  }

  bool parseTypeAttribute(Node* n, const std::string& name) {
    TextCursor start = c_;
    try {
      if (c_.tryConsume("[")) {
        std::vector<TypePtr> types;
        while (!c_.tryConsume("]")) {
          if (c_.atEnd() || c_.peek() == '\n') c_.fail("unterminated list of types");
          if (!types.empty()) c_.expect(",", "between types");
          types.push_back(parseTypeAt(c_, resolve_));
          c_.skipSpaces();
        }
        n->tys_(name, std::move(types));
      } else {
        n->ty_(name, parseTypeAt(c_, resolve_));
        c_.skipSpaces();
      }
      if (c_.peek() == ',' || c_.peek() == ']') return true;
    } catch (const Error&) {
    }
    c_ = start;
    return false;
  }

  // "# file.py:12:4" after a node is where it came from; a node without one
  // is located in this text.
  SourceLocation parseComment(const SourceLocation& here) {
    c_.skipSpaces();
    if (c_.peek() != '#') return here;
    c_.advance();
    c_.skipSpaces();
    std::string text;
    while (!c_.atEnd() && c_.peek() != '\n') {
      text += c_.peek();
      c_.advance();
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.pop_back();
    size_t colonCol = text.find_last_of(':');
    size_t colonLine = colonCol == std::string::npos || colonCol == 0 ? std::string::npos
                                                                      : text.find_last_of(':', colonCol - 1);
    if (colonLine == std::string::npos || colonLine == 0) return here;
    std::string lineStr = text.substr(colonLine + 1, colonCol - colonLine - 1);
    std::string colStr = text.substr(colonCol + 1);
    if (!isAllDigits(lineStr) || !isAllDigits(colStr) || lineStr.size() > 9 || colStr.size() > 9) return here;
    std::string file = text.substr(0, colonLine);
    auto& shared = files_[file];
    if (!shared) shared = std::make_shared<const std::string>(file);
    return SourceLocation{shared, std::stoi(lineStr), std::stoi(colStr)};
  }

  void parseBlocks(Node* n) {
    while (true) {
      skipBlankLines();
      if (!c_.startsWith("block") || !TextCursor::isDigit(c_.peek(5))) return;
      if (static_cast<int>(scopes_.size()) > kMaxNesting)
        c_.fail("blocks nested more than {} levels deep", kMaxNesting);
      SourceLocation header = c_.location();
      c_.advance(5);
      SourceLocation loc = c_.location();
      int64_t index = c_.integer("a block number");
      if (index != static_cast<int64_t>(n->blocks().size()))
        TextCursor::failAt(loc, fmt::format("expected block{} of {}, found block{}", n->blocks().size(),
                                            n->kind().qualString(), index));
      c_.expect("(", "after the block name");
      Block* b = n->addBlock();
      scopes_.emplace_back();
      parseParams(b);
      expectEndOfLine("after a block header");
      parseBody(b, "->", header, fmt::format("block{} of {}", index, n->kind().qualString()));
      scopes_.pop_back();
    }
  }

  // "with prim::FusionGroup_0 = graph(...)": the subgraph of the node
  // printed as prim::FusionGroup_0.
  void parseSubgraphs() {
    while (true) {
      skipBlankLines();
      if (!c_.startsWith("with ")) return;
      TextCursor probe = c_;
      probe.advance(5);
      probe.skipSpaces();
      std::string name;
      while (TextCursor::isIdentChar(probe.peek()) || probe.peek() == ':') {
        name += probe.peek();
        probe.advance();
      }
      auto it = groups_.find(name);
      // A group of an enclosing graph ends this subgraph.
      if (it == groups_.end()) {
        if (depth_ > 0) return;
        c_.advance(5);
        c_.fail("no node is printed as '{}'", name);
      }
      c_ = probe;
      c_.skipSpaces();
      c_.expect("=", "after the subgraph name");
      GraphParser sub(c_, resolve_, depth_ + 1);
      Node* n = it->second;
      n->kind_ = Symbol::fromQualString(name.substr(0, name.find_last_of('_')));
      n->setAttr("Subgraph", Attribute{Attribute::Kind::Graph, IValue(), nullptr, sub.parse()});
      groups_.erase(it);
    }
  }

  TextCursor& c_;
  const ClassResolver& resolve_;
  int depth_;
  std::shared_ptr<Graph> g_;
  std::vector<std::unordered_map<std::string, Value*>> scopes_;
  std::unordered_map<std::string, SourceLocation> defined_;
  std::unordered_map<std::string, Node*> groups_;
  std::unordered_map<std::string, std::shared_ptr<const std::string>> files_;
  size_t maxNumericName_ = 0;
};

std::shared_ptr<Graph> parseGraph(std::string_view text, const std::string& filename,
                                  const std::function<TypePtr(const std::string&)>& resolveClass) {
  std::unordered_map<std::string, TypePtr> created;
  ClassResolver resolve = [&](const std::string& name) -> TypePtr {
    if (resolveClass)
      if (TypePtr t = resolveClass(name)) return t;
    if (name.find('.') == std::string::npos) return nullptr;
    TypePtr& t = created[name];
    if (!t) t = std::make_shared<ClassType>(name);
    return t;
  };
  TextCursor c(text, filename);
  std::shared_ptr<Graph> g = GraphParser(c, resolve, 0).parse();
  c.skipWhitespace();
  if (!c.atEnd()) c.fail("unexpected {} after the graph", c.describeNext());
  try {
    g->lint();
  } catch (const Error& e) {
    throw Error(fmt::format("{}: {}", filename, e.message()));
  }
  return g;
}

std::shared_ptr<Graph> parseGraph(std::string_view text, const std::string& filename) {
  return parseGraph(text, filename, {});
}

}  // namespace wick::ir
