// The Markdown subset: a line-based block parser and one forward pass per inline text whose searches for closing
// delimiters are remembered, so hostile input (thousands of unmatched `*`, `[` or backticks) stays linear.
#include "report/markdown_html.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <vector>

#include "report/escaping.hpp"

namespace apictl::report {

namespace {

constexpr std::size_t npos = std::string_view::npos;
// Lists, quotes and emphasis nested deeper than this render as plain text: bounded recursion, bounded time.
constexpr int max_nesting = 8;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool is_punct(char c) { return std::ispunct(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

void append_escaped(std::string& out, std::string_view text) { out += xml_escape(text); }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// The first position at or after `from` where a predicate holds, remembered between calls. One inline pass asks
// with ever larger `from`, so each search resumes where the last one stopped and all of them together cost one
// scan of the text.
class ForwardSearch {
 public:
  template <typename Predicate>
  std::size_t next(std::string_view text, std::size_t from, Predicate matches) {
    if (searched_ && from >= searched_from_ && (found_ == npos || found_ >= from)) return found_;
    searched_ = true;
    searched_from_ = from;
    found_ = npos;
    for (std::size_t at = from; at < text.size(); ++at) {
      if (matches(at)) {
        found_ = at;
        break;
      }
    }
    return found_;
  }

 private:
  bool searched_ = false;
  std::size_t searched_from_ = 0;
  std::size_t found_ = npos;
};

std::size_t run_length(std::string_view text, std::size_t at) {
  std::size_t end = at;
  while (end < text.size() && text[end] == text[at]) ++end;
  return end - at;
}

bool escaped_at(std::string_view text, std::size_t at) { return at > 0 && text[at - 1] == '\\'; }

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool starts_with_folded(std::string_view text, std::string_view lower_prefix) {
  if (text.size() < lower_prefix.size()) return false;
  for (std::size_t i = 0; i < lower_prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != lower_prefix[i]) return false;
  }
  return true;
}

void append_link_start(std::string& out, std::string_view url) {
  out += "<a href=\"";
  append_escaped(out, url);
  out += "\" rel=\"nofollow noopener noreferrer\">";
}

class InlineRenderer {
 public:
  InlineRenderer(std::string& out, std::string_view text, int depth, bool in_link)
      : out_(out), text_(text), depth_(depth), in_link_(in_link) {}

  void render() {
    std::size_t at = 0;
    while (at < text_.size()) at = step(at);
  }

 private:
  // Renders what starts at `at` and returns where to go on.
  std::size_t step(std::size_t at) {
    char c = text_[at];
    if (c == '\\' && at + 1 < text_.size()) {
      if (text_[at + 1] == '\n') {
        out_ += "<br/>\n";
        return at + 2;
      }
      if (is_punct(text_[at + 1])) {
        append_escaped(out_, text_.substr(at + 1, 1));
        return at + 2;
      }
    }
    if (c == '`') return code_span(at);
    if ((c == '*' || c == '_') && depth_ < max_nesting) return emphasis(at);
    if (c == '[' && !in_link_) {
      if (std::size_t next = link(at); next != npos) return next;
    }
    if (c == '!' && at + 1 < text_.size() && text_[at + 1] == '[' && !in_link_) {
      // An image becomes a link to it, never loaded.
      if (std::size_t next = link(at + 1); next != npos) return next;
    }
    if (c == '<') {
      if (std::size_t next = html_tag(at); next != npos) return next;
      if (!in_link_) return autolink(at);
    }
    if (c == '&') {
      if (std::size_t length = entity_length(at); length > 0) {
        out_ += text_.substr(at, length);  // the browser shows the character it names: text, never markup
        return at + length;
      }
    }
    if (c == 'h' && !in_link_ && (at == 0 || !is_alnum(text_[at - 1]))) {
      if (std::size_t next = bare_url(at); next != npos) return next;
    }
    if (c == ' ') {
      std::size_t spaces = run_length(text_, at);
      if (spaces >= 2 && at + spaces < text_.size() && text_[at + spaces] == '\n') {
        out_ += "<br/>\n";
        return at + spaces + 1;
      }
      out_.append(spaces, ' ');
      return at + spaces;
    }
    append_escaped(out_, text_.substr(at, 1));
    return at + 1;
  }

  std::size_t code_span(std::size_t at) {
    std::size_t length = run_length(text_, at);
    if (length > code_searches_.size()) {
      out_.append(length, '`');
      return at + length;
    }
    std::size_t close = code_searches_[length - 1].next(text_, at + length, [&](std::size_t candidate) {
      return text_[candidate] == '`' && text_[candidate - 1] != '`' && run_length(text_, candidate) == length;
    });
    if (close == npos) {
      out_.append(length, '`');
      return at + length;
    }
    std::string content(text_.substr(at + length, close - at - length));
    for (char& ch : content) {
      if (ch == '\n' || ch == '\r') ch = ' ';
    }
    // One space on each side is padding (so a span can start or end with a backtick), unless all is spaces.
    if (content.size() >= 2 && content.front() == ' ' && content.back() == ' ' &&
        content.find_first_not_of(' ') != std::string::npos) {
      content = content.substr(1, content.size() - 2);
    }
    out_ += "<code>";
    append_escaped(out_, content);
    out_ += "</code>";
    return close + length;
  }

  std::size_t emphasis(std::size_t at) {
    char c = text_[at];
    std::size_t length = run_length(text_, at);
    bool opens = length <= 3 && at + length < text_.size() && !is_space(text_[at + length]) &&
                 !(c == '_' && at > 0 && is_alnum(text_[at - 1])) && !escaped_at(text_, at);
    if (!opens) {
      out_.append(length, c);
      return at + length;
    }
    ForwardSearch& search = emphasis_searches_[(c == '_' ? 3 : 0) + length - 1];
    std::size_t close = search.next(text_, at + length, [&](std::size_t candidate) {
      return text_[candidate] == c && text_[candidate - 1] != c && !is_space(text_[candidate - 1]) &&
             text_[candidate - 1] != '\\' && run_length(text_, candidate) == length &&
             !(c == '_' && candidate + length < text_.size() && is_alnum(text_[candidate + length]));
    });
    if (close == npos) {
      out_.append(length, c);
      return at + length;
    }
    static constexpr std::array<std::string_view, 3> opening = {"<em>", "<strong>", "<em><strong>"};
    static constexpr std::array<std::string_view, 3> closing = {"</em>", "</strong>", "</strong></em>"};
    out_ += opening[length - 1];
    InlineRenderer(out_, text_.substr(at + length, close - at - length), depth_ + 1, in_link_).render();
    out_ += closing[length - 1];
    return close + length;
  }

  // `[text](url "title")` whose '[' is at `open`, and where it ends; npos (nothing written) when it is not a link.
  std::size_t link(std::size_t open) {
    std::size_t close = bracket_search_.next(text_, open + 1, [&](std::size_t candidate) {
      return text_[candidate] == ']' && !escaped_at(text_, candidate);
    });
    if (close == npos || close + 1 >= text_.size() || text_[close + 1] != '(') return npos;
    std::size_t end = parenthesis_search_.next(text_, close + 2, [&](std::size_t candidate) {
      return text_[candidate] == ')' && !escaped_at(text_, candidate);
    });
    if (end == npos) return npos;
    std::string_view destination = trim(text_.substr(close + 2, end - close - 2));
    if (std::size_t space = destination.find_first_of(" \t\n"); space != npos) {
      std::string_view title = trim(destination.substr(space));
      bool quoted =
          title.size() >= 2 && (title.front() == '"' || title.front() == '\'') && title.back() == title.front();
      if (!quoted) return npos;
      destination = destination.substr(0, space);
    }
    if (destination.size() >= 2 && destination.front() == '<' && destination.back() == '>') {
      destination = destination.substr(1, destination.size() - 2);
    }
    bool linked = is_safe_link(destination);
    if (linked) append_link_start(out_, destination);
    InlineRenderer(out_, text_.substr(open + 1, close - open - 1), depth_ + 1, true).render();
    if (linked) out_ += "</a>";
    return end + 1;
  }

  // The few HTML tags contracts use for formatting (<code>, <em>, <i>, <strong>, <b>, <a href>, <br>) become what
  // they mean; their content is escaped like any other text. Any other tag stays text. npos when not one of them.
  std::size_t html_tag(std::size_t at) {
    std::size_t close =
        tag_end_search_.next(text_, at + 1, [&](std::size_t candidate) { return text_[candidate] == '>'; });
    if (close == npos || close - at > 512) return npos;
    std::string tag = lower_ascii(text_.substr(at + 1, close - at - 1));
    if (tag == "br" || tag == "br/" || tag == "br /") {
      out_ += "<br/>";
      return close + 1;
    }
    struct Formatting {
      std::string_view name;
      std::string_view open;
      std::string_view close;
    };
    static constexpr std::array<Formatting, 5> formatting = {{{"code", "<code>", "</code>"},
                                                              {"em", "<em>", "</em>"},
                                                              {"i", "<em>", "</em>"},
                                                              {"strong", "<strong>", "</strong>"},
                                                              {"b", "<strong>", "</strong>"}}};
    for (std::size_t slot = 0; slot < formatting.size(); ++slot) {
      const Formatting& kind = formatting[slot];
      if (tag != kind.name) continue;
      std::string closing = "</" + std::string(kind.name) + ">";
      std::size_t end = closing_tag(slot, closing, close + 1);
      if (end == npos || (slot > 0 && depth_ >= max_nesting)) return npos;
      std::string_view inner = text_.substr(close + 1, end - close - 1);
      out_ += kind.open;
      if (slot == 0) {
        append_escaped(out_, inner);
      } else {
        InlineRenderer(out_, inner, depth_ + 1, in_link_).render();
      }
      out_ += kind.close;
      return end + closing.size();
    }
    if (tag.starts_with("a ") && !in_link_ && depth_ < max_nesting) {
      std::size_t href = tag.find("href=");
      if (href == npos || href + 5 >= tag.size() || (tag[href + 5] != '"' && tag[href + 5] != '\'')) return npos;
      std::size_t end_quote = tag.find(tag[href + 5], href + 6);
      if (end_quote == npos) return npos;
      std::size_t end = closing_tag(formatting.size(), "</a>", close + 1);
      if (end == npos) return npos;
      std::string_view url = text_.substr(at + 1 + href + 6, end_quote - href - 6);  // as written, not lowered
      bool linked = is_safe_link(url);
      if (linked) append_link_start(out_, url);
      InlineRenderer(out_, text_.substr(close + 1, end - close - 1), depth_ + 1, true).render();
      if (linked) out_ += "</a>";
      return end + 4;
    }
    return npos;
  }

  std::size_t closing_tag(std::size_t slot, std::string_view closing, std::size_t from) {
    return closing_searches_[slot].next(text_, from, [&](std::size_t candidate) {
      return text_[candidate] == '<' && starts_with_folded(text_.substr(candidate), closing);
    });
  }

  // "&amp;", "&#39;", "&#x2014;": the length of a character reference at `at`, or 0.
  std::size_t entity_length(std::size_t at) const {
    std::size_t end = at + 1;
    if (end < text_.size() && text_[end] == '#') {
      ++end;
      bool hex = end < text_.size() && (text_[end] == 'x' || text_[end] == 'X');
      if (hex) ++end;
      std::size_t digits = end;
      while (end < text_.size() && end - digits < 7 &&
             (hex ? std::isxdigit(static_cast<unsigned char>(text_[end])) != 0 : is_digit(text_[end]))) {
        ++end;
      }
      if (end == digits) return 0;
    } else {
      while (end < text_.size() && end - at <= 32 && is_alnum(text_[end])) ++end;
      if (end == at + 1) return 0;
    }
    return end < text_.size() && text_[end] == ';' ? end + 1 - at : 0;
  }

  // A bare http(s) URL in the text becomes a link (as GitHub does); trailing punctuation stays text.
  std::size_t bare_url(std::size_t at) {
    std::string_view rest = text_.substr(at);
    if (!rest.starts_with("http://") && !rest.starts_with("https://")) return npos;
    std::size_t end = at;
    while (end < text_.size() && !is_space(text_[end]) && text_[end] != '<' && text_[end] != '>' && text_[end] != '"' &&
           text_[end] != '`') {
      ++end;
    }
    while (end > at && std::string_view(".,;:!?*_~'()[]").find(text_[end - 1]) != npos) --end;
    std::string_view url = text_.substr(at, end - at);
    if (url.size() <= 8 || !is_safe_link(url)) return npos;
    append_link_start(out_, url);
    append_escaped(out_, url);
    out_ += "</a>";
    return end;
  }

  std::size_t autolink(std::size_t at) {
    std::string_view rest = text_.substr(at + 1);
    bool scheme = rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("mailto:");
    std::size_t close = !scheme ? npos : angle_search_.next(text_, at + 1, [&](std::size_t candidate) {
      char ch = text_[candidate];
      return ch == '>' || ch == '<' || is_space(ch);
    });
    if (close == npos || text_[close] != '>') {
      out_ += "&lt;";
      return at + 1;
    }
    std::string_view url = text_.substr(at + 1, close - at - 1);
    if (!is_safe_link(url)) {
      out_ += "&lt;";
      return at + 1;
    }
    append_link_start(out_, url);
    append_escaped(out_, url);
    out_ += "</a>";
    return close + 1;
  }

  std::string& out_;
  std::string_view text_;
  int depth_;
  bool in_link_;
  std::array<ForwardSearch, 16> code_searches_;     // by backtick run length; longer runs stay text
  std::array<ForwardSearch, 6> emphasis_searches_;  // '*' and '_', runs of 1 to 3
  ForwardSearch bracket_search_;
  ForwardSearch parenthesis_search_;
  ForwardSearch angle_search_;
  ForwardSearch tag_end_search_;
  std::array<ForwardSearch, 6> closing_searches_;  // </code>, </em>, </i>, </strong>, </b>, </a>
};

void render_inline(std::string& out, std::string_view text, int depth) {
  InlineRenderer(out, trim(text), depth, false).render();
}

// ---- blocks ----

std::size_t indent_of(std::string_view line) {
  std::size_t spaces = 0;
  while (spaces < line.size() && line[spaces] == ' ') ++spaces;
  return spaces;
}

bool is_blank(std::string_view line) { return trim(line).empty(); }

// Text after up to three spaces of indentation, or nothing when indented further (code, or a continuation).
std::optional<std::string_view> block_start(std::string_view line) {
  std::size_t indent = indent_of(line);
  if (indent > 3) return std::nullopt;
  return line.substr(indent);
}

struct Fence {
  char marker;
  std::size_t length;
};
std::optional<Fence> fence_of(std::string_view line) {
  auto text = block_start(line);
  if (!text || text->empty() || (text->front() != '`' && text->front() != '~')) return std::nullopt;
  std::size_t length = run_length(*text, 0);
  if (length < 3) return std::nullopt;
  if (text->front() == '`' && text->find('`', length) != npos) return std::nullopt;
  return Fence{text->front(), length};
}

bool is_closing_fence(std::string_view line, const Fence& fence) {
  auto text = block_start(line);
  if (!text || text->empty() || text->front() != fence.marker) return false;
  std::size_t length = run_length(*text, 0);
  return length >= fence.length && is_blank(text->substr(length));
}

std::size_t heading_level(std::string_view line) {
  auto text = block_start(line);
  if (!text || text->empty() || text->front() != '#') return 0;
  std::size_t level = run_length(*text, 0);
  if (level > 6 || (level < text->size() && (*text)[level] != ' ' && (*text)[level] != '\t')) return 0;
  return level;
}

bool is_thematic_break(std::string_view line) {
  auto text = block_start(line);
  if (!text || text->empty() || (text->front() != '-' && text->front() != '*' && text->front() != '_')) return false;
  std::size_t marks = 0;
  for (char c : *text) {
    if (c == text->front())
      ++marks;
    else if (c != ' ' && c != '\t')
      return false;
  }
  return marks >= 3;
}

bool is_quote(std::string_view line) {
  auto text = block_start(line);
  return text && !text->empty() && text->front() == '>';
}

struct ListMarker {
  bool ordered = false;
  char delimiter = 0;  // '-', '*', '+' for bullets; '.' or ')' for ordered lists
  long start = 1;
  std::size_t indent = 0;
  std::size_t content = 0;  // column where the item's text starts
  bool empty = false;       // nothing after the marker on its line
};

std::optional<ListMarker> list_marker(std::string_view line) {
  ListMarker marker;
  marker.indent = indent_of(line);
  std::string_view text = line.substr(marker.indent);
  std::size_t width = 0;
  if (!text.empty() && (text[0] == '-' || text[0] == '*' || text[0] == '+')) {
    marker.delimiter = text[0];
    width = 1;
  } else {
    while (width < text.size() && width < 9 && is_digit(text[width])) ++width;
    if (width == 0 || width >= text.size() || (text[width] != '.' && text[width] != ')')) return std::nullopt;
    marker.ordered = true;
    marker.delimiter = text[width];
    marker.start = std::stol(std::string(text.substr(0, width)));
    ++width;
  }
  if (width < text.size() && text[width] != ' ' && text[width] != '\t') return std::nullopt;
  std::size_t spaces = 0;
  while (width + spaces < text.size() && text[width + spaces] == ' ') ++spaces;
  marker.empty = width + spaces >= text.size();
  if (marker.empty || spaces > 4) spaces = 1;  // more is indented code inside the item: keep it
  marker.content = marker.indent + width + spaces;
  return marker;
}

bool is_table_separator(std::string_view line) {
  std::string_view text = trim(line);
  if (text.empty() || text.find('-') == npos) return false;
  for (char c : text) {
    if (c != '|' && c != '-' && c != ':' && c != ' ' && c != '\t') return false;
  }
  return text.find('|') != npos || text.find(':') != npos || text.size() >= 3;
}

bool starts_table(const std::vector<std::string_view>& lines, std::size_t at) {
  return at + 1 < lines.size() && block_start(lines[at]) && lines[at].find('|') != npos &&
         is_table_separator(lines[at + 1]) && lines[at + 1].find('|') != npos;
}

std::vector<std::string_view> table_cells(std::string_view row) {
  std::string_view text = trim(row);
  if (!text.empty() && text.front() == '|') text.remove_prefix(1);
  if (!text.empty() && text.back() == '|' && !escaped_at(text, text.size() - 1)) text.remove_suffix(1);
  std::vector<std::string_view> cells;
  std::size_t start = 0;
  for (std::size_t at = 0; at <= text.size(); ++at) {
    if (at == text.size() || (text[at] == '|' && !escaped_at(text, at))) {
      cells.push_back(trim(text.substr(start, at - start)));
      start = at + 1;
    }
  }
  return cells;
}

class BlockRenderer {
 public:
  explicit BlockRenderer(std::string& out) : out_(out) {}

  // `tight`: paragraphs inside a tight list item are written without <p>.
  void render(const std::vector<std::string_view>& lines, int depth, bool tight) {
    if (depth > max_nesting) {
      paragraph(lines, 0, lines.size(), depth, tight);
      return;
    }
    std::size_t at = 0;
    while (at < lines.size()) {
      std::string_view line = lines[at];
      if (is_blank(line)) {
        ++at;
      } else if (auto fence = fence_of(line)) {
        at = fenced_code(lines, at, *fence);
      } else if (indent_of(line) >= 4) {
        at = indented_code(lines, at);
      } else if (std::size_t level = heading_level(line)) {
        heading(trim(block_start(line)->substr(level)), depth);
        ++at;
      } else if (is_thematic_break(line)) {
        out_ += "<hr/>\n";
        ++at;
      } else if (is_quote(line)) {
        at = quote(lines, at, depth);
      } else if (auto marker = list_marker(line)) {
        at = list(lines, at, *marker, depth);
      } else if (starts_table(lines, at)) {
        at = table(lines, at, depth);
      } else {
        at = paragraph_block(lines, at, depth, tight);
      }
    }
  }

 private:
  bool interrupts_paragraph(const std::vector<std::string_view>& lines, std::size_t at) const {
    std::string_view line = lines[at];
    if (is_blank(line) || fence_of(line) || heading_level(line) || is_quote(line) || starts_table(lines, at)) {
      return true;
    }
    if (is_thematic_break(line)) return true;
    auto marker = list_marker(line);
    // As in CommonMark: an ordered list interrupts a paragraph only from 1, and no empty item does.
    return marker && marker->indent <= 3 && !marker->empty && (!marker->ordered || marker->start == 1);
  }

  std::size_t paragraph_block(const std::vector<std::string_view>& lines, std::size_t at, int depth, bool tight) {
    std::size_t end = at + 1;
    while (end < lines.size()) {
      std::string_view line = lines[end];
      // A setext underline turns the paragraph into a heading.
      if (auto text = block_start(line); text && !text->empty() && (text->front() == '=' || text->front() == '-') &&
                                         is_blank(text->substr(run_length(*text, 0)))) {
        std::string joined;
        for (std::size_t i = at; i < end; ++i) joined += std::string(trim(lines[i])) + (i + 1 < end ? "\n" : "");
        heading(joined, depth);
        return end + 1;
      }
      if (interrupts_paragraph(lines, end)) break;
      ++end;
    }
    paragraph(lines, at, end, depth, tight);
    return end;
  }

  void paragraph(const std::vector<std::string_view>& lines, std::size_t begin, std::size_t end, int depth,
                 bool tight) {
    std::string joined;
    for (std::size_t i = begin; i < end; ++i) {
      std::string_view line = lines[i];
      while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
      while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      joined += line;
      if (i + 1 < end) joined += '\n';
    }
    if (trim(joined).empty()) return;
    if (!tight) out_ += "<p>";
    render_inline(out_, joined, depth);
    out_ += tight ? "\n" : "</p>\n";
  }

  void heading(std::string_view text, int depth) {
    out_ += "<p class=\"md-heading\"><strong>";
    render_inline(out_, text, depth);
    out_ += "</strong></p>\n";
  }

  std::size_t fenced_code(const std::vector<std::string_view>& lines, std::size_t at, const Fence& fence) {
    std::size_t indent = indent_of(lines[at]);
    std::string code;
    std::size_t end = at + 1;
    for (; end < lines.size() && !is_closing_fence(lines[end], fence); ++end) {
      std::string_view line = lines[end];
      line.remove_prefix(std::min(indent, indent_of(line)));
      code += line;
      code += '\n';
    }
    out_ += "<pre><code>";
    append_escaped(out_, code);
    out_ += "</code></pre>\n";
    return end < lines.size() ? end + 1 : end;
  }

  std::size_t indented_code(const std::vector<std::string_view>& lines, std::size_t at) {
    std::size_t end = at;
    std::size_t last_text = at;
    while (end < lines.size() && (is_blank(lines[end]) || indent_of(lines[end]) >= 4)) {
      if (!is_blank(lines[end])) last_text = end;
      ++end;
    }
    std::string code;
    for (std::size_t i = at; i <= last_text; ++i) {
      std::string_view line = lines[i];
      line.remove_prefix(std::min<std::size_t>(4, indent_of(line)));
      code += line;
      code += '\n';
    }
    out_ += "<pre><code>";
    append_escaped(out_, code);
    out_ += "</code></pre>\n";
    return last_text + 1;
  }

  std::size_t quote(const std::vector<std::string_view>& lines, std::size_t at, int depth) {
    std::vector<std::string_view> inner;
    std::size_t end = at;
    while (end < lines.size()) {
      std::string_view line = lines[end];
      if (is_quote(line)) {
        std::string_view text = block_start(line)->substr(1);
        if (!text.empty() && text.front() == ' ') text.remove_prefix(1);
        inner.push_back(text);
      } else if (!is_blank(line) && !inner.empty() && !is_blank(inner.back()) && !interrupts_paragraph(lines, end)) {
        inner.push_back(line);  // a lazy continuation of the quoted paragraph
      } else {
        break;
      }
      ++end;
    }
    out_ += "<blockquote>\n";
    render(inner, depth + 1, false);
    out_ += "</blockquote>\n";
    return end;
  }

  std::size_t list(const std::vector<std::string_view>& lines, std::size_t at, const ListMarker& first, int depth) {
    std::vector<std::vector<std::string_view>> items;
    bool loose = false;
    std::size_t end = at;
    while (end < lines.size()) {
      auto marker = list_marker(lines[end]);
      if (!marker || marker->ordered != first.ordered || marker->delimiter != first.delimiter ||
          marker->indent > 3 + first.indent) {
        break;
      }
      std::vector<std::string_view> item;
      item.push_back(marker->content <= lines[end].size() ? lines[end].substr(marker->content) : std::string_view{});
      ++end;
      while (end < lines.size()) {
        std::string_view line = lines[end];
        if (is_blank(line)) {
          std::size_t next = end;
          while (next < lines.size() && is_blank(lines[next])) ++next;
          if (next < lines.size() && indent_of(lines[next]) >= marker->content) {
            for (; end < next; ++end) item.emplace_back();
            loose = true;
            continue;
          }
          break;
        }
        if (indent_of(line) >= marker->content) {
          item.push_back(line.substr(marker->content));
        } else if (!is_blank(item.back()) && !list_marker(line) && !interrupts_paragraph(lines, end)) {
          item.push_back(line);  // a lazy continuation of the item's paragraph
        } else {
          break;
        }
        ++end;
      }
      items.push_back(std::move(item));
      // Blank lines between two items make the list loose; anything else after a blank line ends it.
      std::size_t next = end;
      while (next < lines.size() && is_blank(lines[next])) ++next;
      if (next != end) {
        auto following = list_marker(next < lines.size() ? lines[next] : std::string_view{});
        if (!following || following->ordered != first.ordered || following->delimiter != first.delimiter) break;
        loose = true;
        end = next;
      }
    }
    if (first.ordered) {
      out_ += first.start == 1 ? "<ol>\n" : "<ol start=\"" + std::to_string(first.start) + "\">\n";
    } else {
      out_ += "<ul>\n";
    }
    for (const auto& item : items) {
      out_ += "<li>";
      render(item, depth + 1, !loose);
      out_ += "</li>\n";
    }
    out_ += first.ordered ? "</ol>\n" : "</ul>\n";
    return end;
  }

  std::size_t table(const std::vector<std::string_view>& lines, std::size_t at, int depth) {
    std::vector<std::string_view> header = table_cells(lines[at]);
    out_ += "<table class=\"md-table\">\n<thead><tr>";
    for (std::string_view cell : header) {
      out_ += "<th>";
      render_inline(out_, cell, depth);
      out_ += "</th>";
    }
    out_ += "</tr></thead>\n<tbody>\n";
    std::size_t end = at + 2;
    for (; end < lines.size() && !is_blank(lines[end]) && !interrupts_paragraph(lines, end); ++end) {
      std::vector<std::string_view> cells = table_cells(lines[end]);
      out_ += "<tr>";
      for (std::size_t column = 0; column < header.size(); ++column) {
        out_ += "<td>";
        if (column < cells.size()) render_inline(out_, cells[column], depth);
        out_ += "</td>";
      }
      out_ += "</tr>\n";
    }
    out_ += "</tbody>\n</table>\n";
    return end;
  }

  std::string& out_;
};

}  // namespace

bool is_safe_link(std::string_view url) {
  if (url.empty()) return false;
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;
  }
  if (starts_with_folded(url, "http://") || starts_with_folded(url, "https://") || starts_with_folded(url, "mailto:")) {
    return true;
  }
  if (url.starts_with("//")) return false;
  // A relative reference: no scheme, which would be a ':' before the first '/', '?' or '#'.
  std::size_t colon = url.find(':');
  return colon == npos || colon > url.find_first_of("/?#");
}

namespace {

// <p>, <ul>, <ol> and <li> (how some contracts write descriptions) become the Markdown blocks they mean; code
// (fenced blocks, and text between backticks on a line) is left alone.
std::string html_blocks_to_markdown(std::string_view text) {
  static constexpr std::array<std::string_view, 6> paragraph_breaks = {"<p>", "</p>", "<ul>", "</ul>", "<ol>", "</ol>"};
  std::string out;
  out.reserve(text.size());
  bool in_fence = false;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    end = end == npos ? text.size() : end + 1;
    std::string_view line = text.substr(start, end - start);
    start = end;
    if (trim(line).starts_with("```") || trim(line).starts_with("~~~")) in_fence = !in_fence;
    if (in_fence || line.find('<') == npos) {
      out += line;
      continue;
    }
    bool in_code = false;
    for (std::size_t at = 0; at < line.size(); ++at) {
      if (line[at] == '`') in_code = !in_code;
      std::string_view rest = line.substr(at);
      if (in_code || line[at] != '<') {
        out += line[at];
      } else if (auto found = std::find_if(paragraph_breaks.begin(), paragraph_breaks.end(),
                                           [&](std::string_view tag) { return starts_with_folded(rest, tag); });
                 found != paragraph_breaks.end()) {
        out += "\n\n";
        at += found->size() - 1;
      } else if (starts_with_folded(rest, "<li>")) {
        // An item starts a line of its own, with no blank line before it (which would make the list loose).
        if (!out.empty() && out.back() != '\n') out += '\n';
        out += "- ";
        at += 3;
      } else if (starts_with_folded(rest, "</li>")) {
        at += 4;
      } else {
        out += line[at];
      }
    }
  }
  return out;
}

}  // namespace

std::string markdown_to_html(std::string_view text) {
  std::string converted;
  if (text.find('<') != npos) {
    converted = html_blocks_to_markdown(text);
    text = converted;
  }
  // Tabs in indentation count as four spaces; lines are kept in `owned` and parsed as views into it.
  std::vector<std::string> owned;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string expanded;
    std::size_t at = 0;
    for (; at < line.size() && (line[at] == ' ' || line[at] == '\t'); ++at) {
      expanded.append(line[at] == '\t' ? 4 - expanded.size() % 4 : 1, ' ');
    }
    expanded += line.substr(at);
    owned.push_back(std::move(expanded));
    start = end + 1;
  }
  std::vector<std::string_view> lines(owned.begin(), owned.end());
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  BlockRenderer(out).render(lines, 0, false);
  return out;
}

std::string markdown_inline_to_html(std::string_view text) {
  std::string flat(text);
  for (char& c : flat) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  std::string out;
  out.reserve(flat.size());
  render_inline(out, flat, 0);
  return out;
}

}  // namespace apictl::report
