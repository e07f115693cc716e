// The snippet renderer: block tags parsed into a small tree, text between them rendered by render_text.
#include "scaffold/snippet.hpp"

#include <cctype>
#include <variant>

#include "scaffold/condition.hpp"
#include "scaffold/render.hpp"
#include "util/spelling.hpp"

namespace apictl::scaffold {

void SnippetContext::set_list(std::string name, std::vector<Answers> items) {
  values.set(name, static_cast<std::int64_t>(items.size()));
  for (auto& [key, existing] : lists) {
    if (key == name) {
      existing = std::move(items);
      return;
    }
  }
  lists.emplace_back(std::move(name), std::move(items));
}

const std::vector<Answers>* SnippetContext::find_list(std::string_view name) const {
  for (const auto& [key, items] : lists) {
    if (key == name) return &items;
  }
  return nullptr;
}

namespace {

SourcePosition position_in(std::string_view text, std::size_t offset, const SourcePosition& origin) {
  SourcePosition where = origin;
  std::uint32_t line = origin.line == 0 ? 1 : origin.line;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  where.line = line;
  where.column = static_cast<std::uint32_t>(offset - line_start + 1);
  return where;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

bool only_blanks(std::string_view text) { return text.find_first_not_of(" \t\r") == std::string_view::npos; }

bool is_name(std::string_view text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text[0]))) return false;
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

enum class TagKind { if_tag, else_tag, end_tag, for_tag };

struct Piece {
  bool is_tag = false;
  TagKind tag = TagKind::end_tag;
  std::size_t begin = 0;  // text: its range; tag: where the tag starts
  std::size_t end = 0;
  std::string condition;  // if
  std::string variable;   // for
  std::string list;       // for
};

struct Node;
using Nodes = std::vector<Node>;
struct TextNode {
  std::size_t begin;
  std::size_t end;
};
struct IfNode {
  std::string condition;
  std::size_t at;
  Nodes then_nodes;
  Nodes else_nodes;
};
struct ForNode {
  std::string variable;
  std::string list;
  std::size_t at;
  Nodes body;
};
struct Node {
  std::variant<TextNode, IfNode, ForNode> value;
};

class SnippetRenderer {
 public:
  SnippetRenderer(std::string_view text, const SnippetContext& context, const SourcePosition& origin)
      : text_(text), context_(context), origin_(origin) {}

  Result<std::string> render() {
    if (auto ok = split(); !ok) return std::unexpected(ok.error());
    std::size_t index = 0;
    auto nodes = parse_block(index);
    if (!nodes) return std::unexpected(nodes.error());
    if (index < pieces_.size()) {
      return error_at(pieces_[index].begin, pieces_[index].tag == TagKind::else_tag ? "'{% else %}' outside an if"
                                                                                    : "'{% end %}' closes nothing");
    }
    std::string out;
    if (auto ok = render_nodes(*nodes, context_.values, out); !ok) return std::unexpected(ok.error());
    return out;
  }

 private:
  std::unexpected<Diagnostic> error_at(std::size_t offset, const std::string& message,
                                       std::string hint =
                                           "blocks are {% if COND %}...{% else %}...{% end %} and "
                                           "{% for NAME in LIST %}...{% end %}") const {
    return fail("template-error", message, position_in(text_, offset, origin_), std::move(hint));
  }

  // End of the placeholder opening at `open` (after its `}}`), skipping quoted literals; npos when unclosed.
  std::size_t placeholder_end(std::size_t open) const {
    char quote = 0;
    for (std::size_t i = open + 2; i < text_.size(); ++i) {
      char c = text_[i];
      if (c == '\n') return std::string_view::npos;
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '}' && i + 1 < text_.size() && text_[i + 1] == '}') {
        return i + 2;
      }
    }
    return std::string_view::npos;
  }

  Result<void> split() {
    std::size_t cursor = 0;
    std::size_t scan = 0;
    while (true) {
      std::size_t open = text_.find('{', scan);
      while (open != std::string_view::npos && open + 1 < text_.size() && text_[open + 1] != '%' &&
             text_[open + 1] != '{') {
        open = text_.find('{', open + 1);
      }
      if (open == std::string_view::npos || open + 1 >= text_.size()) break;
      if (text_[open + 1] == '{') {  // a placeholder: render_text handles it, even a literal "{%" inside it
        std::size_t end = placeholder_end(open);
        scan = end == std::string_view::npos ? open + 2 : end;
        continue;
      }
      std::size_t close = text_.find("%}", open + 2);
      std::size_t newline = text_.find('\n', open);
      if (close == std::string_view::npos || (newline != std::string_view::npos && newline < close)) {
        return error_at(open, "'{%' is not closed by '%}' on the same line");
      }
      std::size_t tag_end = close + 2;
      std::size_t line_start = text_.rfind('\n', open);
      line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
      std::size_t line_end = text_.find('\n', tag_end);
      std::size_t after_line = line_end == std::string_view::npos ? text_.size() : line_end + 1;
      if (line_end == std::string_view::npos) line_end = text_.size();
      bool alone = line_start >= cursor && only_blanks(text_.substr(line_start, open - line_start)) &&
                   only_blanks(text_.substr(tag_end, line_end - tag_end));
      std::size_t cut_begin = alone ? line_start : open;
      std::size_t cut_end = alone ? after_line : tag_end;
      if (cut_begin > cursor) pieces_.push_back(Piece{false, TagKind::end_tag, cursor, cut_begin, {}, {}, {}});
      auto tag = read_tag(trimmed(text_.substr(open + 2, close - open - 2)), open);
      if (!tag) return std::unexpected(tag.error());
      pieces_.push_back(std::move(*tag));
      cursor = cut_end;
      scan = cut_end;
    }
    if (cursor < text_.size()) pieces_.push_back(Piece{false, TagKind::end_tag, cursor, text_.size(), {}, {}, {}});
    return {};
  }

  Result<Piece> read_tag(std::string_view inside, std::size_t at) const {
    Piece piece;
    piece.is_tag = true;
    piece.begin = at;
    auto space = inside.find_first_of(" \t");
    std::string_view keyword = inside.substr(0, space);
    std::string_view rest = space == std::string_view::npos ? std::string_view() : trimmed(inside.substr(space));
    if (keyword == "if") {
      if (rest.empty()) return error_at(at, "'{% if %}' needs a condition");
      piece.tag = TagKind::if_tag;
      piece.condition = std::string(rest);
    } else if (keyword == "else" || keyword == "end") {
      if (!rest.empty()) return error_at(at, "'{% " + std::string(keyword) + " %}' takes nothing after it");
      piece.tag = keyword == "else" ? TagKind::else_tag : TagKind::end_tag;
    } else if (keyword == "for") {
      auto in = rest.find(" in ");
      std::string_view variable = trimmed(rest.substr(0, in));
      std::string_view list = in == std::string_view::npos ? std::string_view() : trimmed(rest.substr(in + 4));
      if (!is_name(variable) || !is_name(list) || variable == "loop") {
        return error_at(at, "'{% for " + std::string(rest) + " %}' is not 'for NAME in LIST'",
                        "e.g. {% for parameter in path_parameters %}; 'loop' is reserved");
      }
      piece.tag = TagKind::for_tag;
      piece.variable = std::string(variable);
      piece.list = std::string(list);
    } else {
      return error_at(at, "unknown block tag '" + std::string(keyword) + "'");
    }
    return piece;
  }

  // Nodes up to (not including) an else or end tag, or the end of the pieces.
  Result<Nodes> parse_block(std::size_t& index) {
    Nodes nodes;
    while (index < pieces_.size()) {
      const Piece& piece = pieces_[index];
      if (!piece.is_tag) {
        nodes.push_back(Node{TextNode{piece.begin, piece.end}});
        ++index;
        continue;
      }
      if (piece.tag == TagKind::else_tag || piece.tag == TagKind::end_tag) return nodes;
      ++index;
      auto body = parse_block(index);
      if (!body) return std::unexpected(body.error());
      if (piece.tag == TagKind::if_tag) {
        IfNode node{piece.condition, piece.begin, std::move(*body), {}};
        if (index < pieces_.size() && pieces_[index].tag == TagKind::else_tag) {
          ++index;
          auto otherwise = parse_block(index);
          if (!otherwise) return std::unexpected(otherwise.error());
          node.else_nodes = std::move(*otherwise);
        }
        if (index >= pieces_.size() || pieces_[index].tag != TagKind::end_tag) {
          return error_at(piece.begin, "'{% if %}' is not closed by '{% end %}'");
        }
        ++index;
        nodes.push_back(Node{std::move(node)});
      } else {
        if (index >= pieces_.size() || pieces_[index].tag != TagKind::end_tag) {
          return error_at(piece.begin, index < pieces_.size() ? "'{% else %}' inside a for loop"
                                                              : "'{% for %}' is not closed by '{% end %}'");
        }
        ++index;
        nodes.push_back(Node{ForNode{piece.variable, piece.list, piece.begin, std::move(*body)}});
      }
    }
    return nodes;
  }

  Result<void> render_nodes(const Nodes& nodes, const Answers& values, std::string& out) const {
    for (const Node& node : nodes) {
      if (const auto* text = std::get_if<TextNode>(&node.value)) {
        auto rendered = render_text(text_.substr(text->begin, text->end - text->begin), values,
                                    position_in(text_, text->begin, origin_));
        if (!rendered) return std::unexpected(rendered.error());
        out += *rendered;
      } else if (const auto* branch = std::get_if<IfNode>(&node.value)) {
        auto holds = evaluate_condition(branch->condition, values, position_in(text_, branch->at, origin_));
        if (!holds) return std::unexpected(holds.error());
        if (auto ok = render_nodes(*holds ? branch->then_nodes : branch->else_nodes, values, out); !ok) return ok;
      } else {
        const auto& loop = std::get<ForNode>(node.value);
        const std::vector<Answers>* items = context_.find_list(loop.list);
        if (!items) {
          std::vector<std::string_view> names;
          for (const auto& entry : context_.lists) names.push_back(entry.first);
          auto closest = closest_name(names, loop.list);
          std::string list;
          for (auto name : names) list += (list.empty() ? "" : ", ") + std::string(name);
          return error_at(loop.at, "unknown list '" + loop.list + "'",
                          closest.empty() ? "lists: " + list : "did you mean '" + std::string(closest) + "'?");
        }
        for (std::size_t i = 0; i < items->size(); ++i) {
          Answers scope = values;
          for (const auto& [field, value] : (*items)[i].entries()) scope.set(loop.variable + "." + field, value);
          scope.set("loop.index", static_cast<std::int64_t>(i + 1));
          scope.set("loop.first", i == 0);
          scope.set("loop.last", i + 1 == items->size());
          if (auto ok = render_nodes(loop.body, scope, out); !ok) return ok;
        }
      }
    }
    return {};
  }

  std::string_view text_;
  const SnippetContext& context_;
  const SourcePosition& origin_;
  std::vector<Piece> pieces_;
};

}  // namespace

Result<std::string> render_snippet(std::string_view text, const SnippetContext& context, const SourcePosition& origin) {
  return SnippetRenderer(text, context, origin).render();
}

}  // namespace apictl::scaffold
