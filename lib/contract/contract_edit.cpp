// Text insertions into YAML (block style) and JSON contracts, positioned by the loader's line and column of
// each key and value, and styled after the document (indentation unit, sequence style, line ending).
#include "contract/contract_edit.hpp"

#include <algorithm>
#include <cctype>

#include "contract/parse.hpp"

namespace apictl::contract {

namespace {

bool is_blank(std::string_view text) { return text.find_first_not_of(" \t\r") == std::string_view::npos; }

std::size_t leading_spaces(std::string_view text) {
  std::size_t count = 0;
  while (count < text.size() && text[count] == ' ') ++count;
  return count;
}

std::string_view leading_whitespace(std::string_view text) {
  std::size_t count = 0;
  while (count < text.size() && (text[count] == ' ' || text[count] == '\t')) ++count;
  return text.substr(0, count);
}

bool is_scalar(const EditValue& value) { return !value.is_object() && !value.is_array(); }

// Text a YAML 1.1 or 1.2 reader could take for something other than a string (a number, a bool, null...).
bool looks_typed(std::string_view text) {
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static constexpr std::string_view words[] = {"null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"};
  if (std::ranges::find(words, lower) != std::end(words)) return true;
  char first = text.front();
  return std::isdigit(static_cast<unsigned char>(first)) || first == '+' || first == '-' || first == '.';
}

std::string single_quoted(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

}  // namespace

std::string yaml_scalar(const EditValue& value, bool in_flow) {
  if (!value.is_string()) return value.dump();
  const std::string& text = value.get_ref<const std::string&>();
  bool control = std::ranges::any_of(text, [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
  if (control) return value.dump();  // a JSON string is a valid YAML double-quoted scalar
  bool plain = !text.empty() && text.front() != ' ' && text.back() != ' ' && text.back() != ':' &&
               std::string_view("?:,[]{}#&*!|>'\"%@`").find(text.front()) == std::string_view::npos &&
               text.find(": ") == std::string::npos && text.find(" #") == std::string::npos && !looks_typed(text);
  if (plain && in_flow) plain = text.find_first_of(",[]{}") == std::string::npos;
  return plain ? text : single_quoted(text);
}

ContractEditor::ContractEditor(const Document& document) : document_(document), source_(document.source()) {
  if (source_.starts_with("\xEF\xBB\xBF")) body_start_ = 3;
  line_starts_.push_back(body_start_);
  for (std::size_t i = body_start_; i < source_.size(); ++i) {
    if (source_[i] == '\n') line_starts_.push_back(i + 1);
  }
  json_ = detect_format(source_.substr(body_start_)) == SourceFormat::json;
  auto newline = source_.find('\n');
  crlf_ = newline != std::string_view::npos && newline > 0 && source_[newline - 1] == '\r';

  NodeRef root = document.root();
  if (json_) {
    // The root's first member on the root's own line: a minified document, edited inline.
    if (root.size() > 0) {
      std::uint32_t first_line = root.is_mapping() ? root.entry(0).key_line : root.at(0).line();
      minified_ = first_line == root.line();
      spaced_ = line_text(root.line()).find("\": ") != std::string_view::npos;
      if (!minified_) {
        std::string_view member = leading_whitespace(line_text(first_line));
        std::string_view outer = leading_whitespace(line_text(root.line()));
        if (member.size() > outer.size() && member.starts_with(outer)) unit_ = std::string(member.substr(outer.size()));
      }
    }
    return;
  }
  // YAML: the unit is how much deeper a nested block mapping's keys stand than their parent's key.
  for (const Member& member : root.members()) {
    NodeRef value = member.value;
    if (!value.is_mapping() || value.size() == 0) continue;
    const Entry& child = value.entry(0);
    std::uint32_t parent_column = value.key_position().column;
    if (child.key_line > value.key_position().line && child.key_column > parent_column) {
      unit_ = std::string(child.key_column - parent_column, ' ');
      break;
    }
  }
  // Sequence style: the first block sequence under a key tells whether its dashes stand at the key's column.
  for (NodeId id = 0; id < document.node_count(); ++id) {
    NodeRef node(&document, id);
    if (!node.is_sequence() || node.size() == 0 || !node.parent().is_mapping()) continue;
    SourcePosition key = node.key_position();
    NodeRef first = node.at(0);
    if (first.line() <= key.line) continue;
    indentless_sequences_ = indentation(first.line()) + 1 == key.column;
    break;
  }
}

std::size_t ContractEditor::line_start(std::uint32_t line) const {
  if (line == 0) return body_start_;
  return line <= line_starts_.size() ? line_starts_[line - 1] : source_.size();
}

std::string_view ContractEditor::line_text(std::uint32_t line) const {
  std::size_t start = line_start(line);
  std::size_t end = line < line_starts_.size() ? line_starts_[line] : source_.size();
  std::string_view text = source_.substr(start, end - start);
  if (text.ends_with('\n')) text.remove_suffix(1);
  if (text.ends_with('\r')) text.remove_suffix(1);
  return text;
}

std::size_t ContractEditor::indentation(std::uint32_t line) const { return leading_spaces(line_text(line)); }

std::size_t ContractEditor::offset_of(std::uint32_t line, std::uint32_t column) const {
  std::size_t offset = line_start(line);
  // Columns count characters: step over whole UTF-8 sequences.
  for (std::uint32_t step = 1; step < column && offset < source_.size(); ++step) {
    ++offset;
    while (offset < source_.size() && (static_cast<unsigned char>(source_[offset]) & 0xC0) == 0x80) ++offset;
  }
  return offset;
}

Result<void> ContractEditor::check_block(NodeRef node, std::string_view what) const {
  if (!node.is_mapping() && !node.is_sequence()) {
    return fail("unsupported-style", std::string(what) + " is not a " + (node.is_sequence() ? "list" : "mapping"),
                node.position(), "fix the contract so that apictl contract lint passes, then try again");
  }
  if (json_) return {};
  char first = source_[std::min(offset_of(node.line(), node.column()), source_.size() - 1)];
  if (first == '{' || first == '[') {
    return fail("unsupported-style",
                std::string(what) + " is written in YAML flow style (" + std::string(1, first) + "...), which " +
                    "apictl add endpoint does not edit",
                node.position(), "rewrite it in block style (one entry per line), then try again");
  }
  if (first == '*') {
    return fail("unsupported-style", std::string(what) + " is a YAML alias", node.position(),
                "write it out where it stands, then try again");
  }
  if (node.size() == 0) {
    return fail("unsupported-style", std::string(what) + " is empty", node.position(),
                "give it one entry in block style, then try again");
  }
  return {};
}

std::size_t ContractEditor::yaml_block_end(std::uint32_t last_line, std::size_t indent, bool dash_at_indent) const {
  std::uint32_t end_line = last_line;
  for (auto line = static_cast<std::uint32_t>(last_line + 1); line <= line_starts_.size(); ++line) {
    std::string_view text = line_text(line);
    if (is_blank(text)) continue;
    std::size_t spaces = leading_spaces(text);
    bool dash = spaces == indent && text[spaces] == '-' && (spaces + 1 == text.size() || text[spaces + 1] == ' ');
    if (spaces > indent || (dash_at_indent && dash)) {
      end_line = line;
      continue;
    }
    break;
  }
  return end_line < line_starts_.size() ? line_starts_[end_line] : source_.size();
}

std::string ContractEditor::yaml_lines(const std::vector<std::pair<std::string, EditValue>>& members,
                                       std::size_t indent) const {
  std::string out;
  std::string pad(indent, ' ');
  for (const auto& [key, value] : members) {
    std::string head = pad + yaml_scalar(EditValue(key)) + ":";
    if (value.is_object() && !value.empty()) {
      out += head + "\n";
      std::vector<std::pair<std::string, EditValue>> nested;
      for (const auto& [name, item] : value.items()) nested.emplace_back(name, item);
      out += yaml_lines(nested, indent + unit_.size());
    } else if (value.is_array() && !value.empty() && std::ranges::all_of(value, is_scalar)) {
      std::string items;
      for (const auto& item : value) items += (items.empty() ? "" : ", ") + yaml_scalar(item, true);
      out += head + " [" + items + "]\n";
    } else if (value.is_array() && !value.empty()) {
      out += head + "\n";
      for (const auto& item : value) out += yaml_item(item, indentless_sequences_ ? indent : indent + unit_.size());
    } else {
      out += head + " " + (value.is_object() ? "{}" : value.is_array() ? "[]" : yaml_scalar(value)) + "\n";
    }
  }
  return out;
}

std::string ContractEditor::yaml_item(const EditValue& item, std::size_t dash_indent) const {
  std::string pad(dash_indent, ' ');
  if (item.is_object() && !item.empty()) {
    std::vector<std::pair<std::string, EditValue>> members;
    for (const auto& [name, value] : item.items()) members.emplace_back(name, value);
    // The mapping's keys align after "- "; the first one shares the dash's line.
    std::string lines = yaml_lines(members, dash_indent + 2);
    return pad + "- " + lines.substr(dash_indent + 2);
  }
  if (is_scalar(item)) return pad + "- " + yaml_scalar(item) + "\n";
  return pad + "- " + item.dump() + "\n";  // JSON flow text is YAML too
}

std::string ContractEditor::json_value(const EditValue& value, std::string_view base) const {
  char fill = unit_.empty() ? ' ' : unit_.front();
  std::string text = value.dump(static_cast<int>(unit_.empty() ? 2 : unit_.size()), fill);
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '\n') out += base;
  }
  return out;
}

std::string ContractEditor::finish(std::string text) const {
  if (!crlf_) return text;
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

Result<TextInsertion> ContractEditor::json_append(NodeRef container,
                                                  const std::vector<std::pair<std::string, EditValue>>& entries) const {
  bool keyed = container.is_mapping();
  std::size_t open = offset_of(container.line(), container.column());
  if (open >= source_.size() || source_[open] != (keyed ? '{' : '[')) {
    return fail("unsupported-style", "cannot find where " + container.pointer() + " starts", container.position());
  }
  // Its closing bracket: brackets counted outside strings.
  std::size_t close = open;
  int depth = 0;
  for (std::size_t i = open; i < source_.size(); ++i) {
    char c = source_[i];
    if (c == '"') {
      for (++i; i < source_.size() && source_[i] != '"'; ++i) {
        if (source_[i] == '\\') ++i;
      }
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      close = i;
      break;
    }
  }
  if (close == open)
    return fail("unsupported-style", "cannot find where " + container.pointer() + " ends", container.position());
  std::size_t end = close;
  while (end > open + 1 && std::isspace(static_cast<unsigned char>(source_[end - 1]))) --end;
  bool empty = container.size() == 0;
  bool one_line = source_.substr(open, close - open).find('\n') == std::string_view::npos;
  auto line_of_offset = [&](std::size_t offset) {
    return static_cast<std::uint32_t>(std::ranges::upper_bound(line_starts_, offset) - line_starts_.begin());
  };
  std::string base(leading_whitespace(line_text(line_of_offset(open))));
  std::string text;
  if (minified_ || (one_line && !empty)) {
    std::string_view comma = minified_ && !spaced_ ? "," : ", ";
    std::string_view colon = minified_ && !spaced_ ? ":" : ": ";
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (!empty || i > 0) text += comma;
      if (keyed) text += EditValue(entries[i].first).dump() + std::string(colon);
      text += entries[i].second.dump();
    }
    return TextInsertion{end, text};
  }
  std::string indent = base + unit_;
  if (!empty) {
    std::uint32_t last_line =
        keyed ? container.entry(container.size() - 1).key_line : container.at(container.size() - 1).line();
    if (last_line != container.line()) indent = std::string(leading_whitespace(line_text(last_line)));
  }
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (!empty || i > 0) text += ",";
    text += "\n" + indent;
    if (keyed) text += EditValue(entries[i].first).dump() + ": ";
    text += json_value(entries[i].second, indent);
  }
  if (empty) text += "\n" + base;
  return TextInsertion{end, finish(text)};
}

Result<TextInsertion> ContractEditor::append_members(
    NodeRef mapping, const std::vector<std::pair<std::string, EditValue>>& members) const {
  std::string what = mapping.pointer().empty() ? "the document" : "'" + mapping.pointer() + "'";
  if (!mapping.is_mapping()) {
    return fail("unsupported-style", what + " is not a mapping", mapping.position(),
                "fix the contract so that apictl contract lint passes, then try again");
  }
  if (json_) return json_append(mapping, members);
  if (auto ok = check_block(mapping, what); !ok) return std::unexpected(ok.error());
  const Entry& last = mapping.entry(mapping.size() - 1);
  std::size_t indent = mapping.entry(0).key_column - 1;
  std::size_t end = yaml_block_end(last.key_line, indent, NodeRef(&document_, last.value).is_sequence());
  std::string text = yaml_lines(members, indent);
  // A last line without a line break gets one before the new lines.
  if (end == source_.size() && !source_.empty() && source_.back() != '\n') text = "\n" + text;
  return TextInsertion{end, finish(text)};
}

Result<TextInsertion> ContractEditor::append_item(NodeRef sequence, const EditValue& item) const {
  std::string what = "'" + sequence.pointer() + "'";
  if (!sequence.is_sequence()) {
    return fail("unsupported-style", what + " is not a list", sequence.position(),
                "fix the contract so that apictl contract lint passes, then try again");
  }
  if (json_) return json_append(sequence, {{std::string(), item}});
  if (auto ok = check_block(sequence, what); !ok) return std::unexpected(ok.error());
  // The dash of the last item: the first '-' before its value.
  NodeRef last = sequence.at(sequence.size() - 1);
  std::size_t at = offset_of(last.line(), last.column());
  if (at > body_start_) --at;  // the value itself may start with '-'
  while (at > body_start_ && source_[at] != '-') --at;
  std::size_t dash_line_start = at;
  while (dash_line_start > body_start_ && source_[dash_line_start - 1] != '\n') --dash_line_start;
  std::size_t dash_indent = at - dash_line_start;
  auto dash_line = static_cast<std::uint32_t>(std::ranges::upper_bound(line_starts_, at) - line_starts_.begin());
  std::size_t end = yaml_block_end(dash_line, dash_indent, false);
  std::string text = yaml_item(item, dash_indent);
  // A last line without a line break gets one before the new lines.
  if (end == source_.size() && !source_.empty() && source_.back() != '\n') text = "\n" + text;
  return TextInsertion{end, finish(text)};
}

}  // namespace apictl::contract
