// PythonModule: logical lines from the tokens, scopes from indentation (the body of a def or class is every later
// line indented deeper than its header), imports from the statements that start with `import` or `from`.
#include "migrate/python_module.hpp"

namespace apictl::migrate {

namespace {

constexpr std::size_t none = PythonScope::none;

}  // namespace

std::string_view ImportEntry::bound_name() const {
  if (!alias.empty()) return alias;
  return name.substr(0, name.find('.'));
}

std::vector<CallArgument> call_arguments(const TokenizedSource& source, std::size_t open) {
  std::vector<CallArgument> arguments;
  std::size_t close = source.partner(open);
  if (close == TokenizedSource::npos || close < open) return arguments;
  std::size_t i = open + 1;
  while (i < close) {
    std::size_t end = i;
    while (end < close && !source.is_op(end, ",")) {
      std::size_t partner = source.partner(end);
      end = partner != TokenizedSource::npos && partner > end ? partner + 1 : end + 1;
    }
    std::size_t first = i;
    while (first < end && source[first].kind == TokenKind::comment) ++first;
    std::size_t last = end;
    while (last > first && source[last - 1].kind == TokenKind::comment) --last;
    if (first < last) {
      CallArgument argument;
      argument.first = first;
      argument.end = last;
      argument.value_first = first;
      if (source.is_op(first, "*") || source.is_op(first, "**")) {
        argument.stars = source.is_op(first, "*") ? 1 : 2;
        argument.value_first = first + 1;
      } else if (source.is_kind(first, TokenKind::name) && source.is_op(first + 1, "=")) {
        argument.keyword = first;
        argument.value_first = first + 2;
      }
      arguments.push_back(argument);
    }
    i = end + 1;
  }
  return arguments;
}

PythonModule::PythonModule(std::string_view text) : source_(Language::python, text) {
  build_lines();
  build_scopes();
  parse_imports();
}

void PythonModule::build_lines() {
  token_line_.assign(source_.size(), none);
  std::size_t i = 0;
  while (i < source_.size()) {
    if (source_[i].kind == TokenKind::comment || source_[i].kind == TokenKind::newline) {
      ++i;
      continue;
    }
    LogicalLine line;
    line.first = i;
    while (i < source_.size() && source_[i].kind != TokenKind::newline) ++i;
    line.end = i;
    std::string_view indentation = indentation_at(source_[line.first].offset);
    for (char c : indentation) line.indent = c == '\t' ? (line.indent / 8 + 1) * 8 : line.indent + 1;
    for (std::size_t t = line.first; t <= line.end && t < source_.size(); ++t) token_line_[t] = lines_.size();
    lines_.push_back(line);
  }
}

void PythonModule::build_scopes() {
  PythonScope module;
  module.body_end_line = lines_.size();
  scopes_.push_back(module);
  std::vector<std::size_t> open{0};
  std::vector<std::size_t> decorators;
  header_scope_.assign(lines_.size(), none);
  for (std::size_t l = 0; l < lines_.size(); ++l) {
    LogicalLine& line = lines_[l];
    while (open.size() > 1 && line.indent <= lines_[scopes_[open.back()].header_line].indent) {
      scopes_[open.back()].body_end_line = l;
      open.pop_back();
    }
    line.scope = open.back();
    std::size_t first = line.first;
    if (source_.is_op(first, "@")) {
      decorators.push_back(l);
      continue;
    }
    bool is_def =
        source_.is_name(first, "def") || (source_.is_name(first, "async") && source_.is_name(first + 1, "def"));
    bool is_class = source_.is_name(first, "class");
    if (!(is_def || is_class) || !source_.is_kind(first + (source_.is_name(first, "async") ? 2 : 1), TokenKind::name)) {
      decorators.clear();
      continue;
    }
    PythonScope scope;
    scope.kind = is_def ? ScopeKind::function : ScopeKind::class_definition;
    scope.parent = open.back();
    scope.header_line = l;
    for (std::size_t d : decorators)
      if (lines_[d].indent == line.indent) scope.decorator_lines.push_back(d);
    decorators.clear();
    parse_header(scope, l);
    std::size_t index = scopes_.size();
    scopes_.push_back(std::move(scope));
    header_scope_[l] = index;
    if (scopes_[index].inline_body) {
      scopes_[index].body_end_line = l + 1;
    } else {
      open.push_back(index);
    }
  }
  for (std::size_t s : open)
    if (s != 0) scopes_[s].body_end_line = lines_.size();
}

void PythonModule::parse_header(PythonScope& scope, std::size_t line) {
  std::size_t i = lines_[line].first;
  std::size_t end = lines_[line].end;
  if (source_.is_name(i, "async")) {
    scope.is_async = true;
    ++i;
  }
  scope.keyword_token = i;
  scope.name_token = i + 1;
  scope.name = source_.text(i + 1);
  std::size_t after = i + 2;
  // Type parameters (3.12): `def f[T](...)`, `class A[T]:`.
  if (source_.is_op(after, "[") && source_.partner(after) != TokenizedSource::npos) after = source_.partner(after) + 1;
  if (source_.is_op(after, "(") && source_.partner(after) != TokenizedSource::npos && source_.partner(after) < end) {
    if (scope.kind == ScopeKind::function) {
      scope.parameters_open = after;
      parse_parameters(scope, after);
    } else {
      scope.bases_open = after;
    }
    after = source_.partner(after) + 1;
  }
  if (scope.kind == ScopeKind::function && source_.is_op(after, "->")) {
    scope.returns_first = after + 1;
    std::size_t j = after + 1;
    while (j < end && !source_.is_op(j, ":")) {
      std::size_t close = source_.partner(j);
      j = (close != TokenizedSource::npos && close > j) ? close + 1 : j + 1;
    }
    scope.returns_end = j;
    after = j;
  }
  scope.colon_token = source_.is_op(after, ":") ? after : end;
  std::size_t next = source_.next_code(scope.colon_token);
  scope.inline_body = scope.colon_token < end && next != TokenizedSource::npos && next < end;
}

void PythonModule::parse_parameters(PythonScope& scope, std::size_t open) {
  std::size_t close = source_.partner(open);
  std::size_t i = open + 1;
  while (i < close) {
    Parameter parameter;
    parameter.first = i;
    std::size_t end = i;
    while (end < close && !source_.is_op(end, ",")) {
      std::size_t partner = source_.partner(end);
      end = (partner != TokenizedSource::npos && partner > end) ? partner + 1 : end + 1;
    }
    parameter.end = end;
    std::size_t j = source_.is_kind(i, TokenKind::comment) ? source_.next_code(i) : i;
    if (source_.is_op(j, "*")) {
      parameter.stars = 1;
      ++j;
    } else if (source_.is_op(j, "**")) {
      parameter.stars = 2;
      ++j;
    }
    if (j < end && source_.is_kind(j, TokenKind::name)) {
      parameter.name = source_.text(j);
      parameter.name_token = j;
      std::size_t k = j + 1;
      if (source_.is_op(k, ":")) {
        parameter.annotation_first = k + 1;
        while (k < end && !source_.is_op(k, "=")) {
          std::size_t partner = source_.partner(k);
          k = (partner != TokenizedSource::npos && partner > k) ? partner + 1 : k + 1;
        }
        parameter.annotation_end = k;
      }
      if (source_.is_op(k, "=")) {
        parameter.default_first = k + 1;
        parameter.default_end = end;
      }
      scope.parameters.push_back(parameter);
    }
    i = end + 1;
  }
}

void PythonModule::parse_imports() {
  for (std::size_t l = 0; l < lines_.size(); ++l) {
    const LogicalLine& line = lines_[l];
    std::size_t i = line.first;
    bool is_from = source_.is_name(i, "from");
    if (!is_from && !source_.is_name(i, "import")) continue;
    ImportStatement statement;
    statement.is_from = is_from;
    statement.line = l;
    for (std::size_t t = line.first; t < line.end; ++t) {
      if (source_[t].kind == TokenKind::comment) statement.has_comments = true;
      if (source_.is_op(t, ";")) statement.line = none;  // several statements on a line: leave it alone
    }
    if (statement.line == none) continue;
    auto next = [&](std::size_t t) { return source_.next_code(t) < line.end ? source_.next_code(t) : line.end; };
    ++i;
    if (is_from) {
      std::size_t module_first = i;
      while (i < line.end && !source_.is_name(i, "import")) i = next(i);
      if (i >= line.end || i == module_first) continue;
      statement.module = source_.span(module_first, i - 1);
      i = next(i);
      if (source_.is_op(i, "(")) {
        statement.parenthesized = true;
        i = next(i);
      }
      if (source_.is_op(i, "*")) statement.star = true;
    }
    while (i < line.end && source_.is_kind(i, TokenKind::name)) {
      ImportEntry entry;
      entry.first = i;
      std::size_t last = i;
      // A dotted name (`import a.b`): tokens next to each other.
      while (source_.is_op(last + 1, ".") && source_.is_kind(last + 2, TokenKind::name)) last += 2;
      entry.name = source_.span(i, last);
      i = next(last);
      if (source_.is_name(i, "as") && source_.is_kind(next(i), TokenKind::name)) {
        entry.alias = source_.text(next(i));
        last = next(i);
        i = next(last);
      }
      entry.end = last + 1;
      statement.entries.push_back(entry);
      if (!source_.is_op(i, ",")) break;
      i = next(i);
    }
    imports_.push_back(std::move(statement));
  }
}

std::size_t PythonModule::line_of(std::size_t index) const {
  return index < token_line_.size() ? token_line_[index] : none;
}

std::size_t PythonModule::scope_of(std::size_t index) const {
  std::size_t line = line_of(index);
  if (line == none) return 0;
  std::size_t scope = lines_[line].scope;
  // A header line belongs to the scope around it, except the function's own parameters and an inline body.
  std::size_t own = header_scope_[line];
  if (own == none) return scope;
  const PythonScope& header = scopes_[own];
  if (index > header.colon_token && header.colon_token < lines_[line].end) return own;
  if (header.parameters_open != none && index > header.parameters_open &&
      index < source_.partner(header.parameters_open))
    return own;
  return scope;
}

std::size_t PythonModule::physical_line_start(std::size_t offset) const {
  std::string_view text = source_.text();
  while (offset > 0 && text[offset - 1] != '\n' && text[offset - 1] != '\r') --offset;
  return offset;
}

std::size_t PythonModule::physical_line_end(std::size_t offset) const {
  std::string_view text = source_.text();
  while (offset < text.size() && text[offset] != '\n' && text[offset] != '\r') ++offset;
  return offset;
}

std::size_t PythonModule::next_physical_line(std::size_t offset) const {
  std::string_view text = source_.text();
  std::size_t end = physical_line_end(offset);
  if (end < text.size() && text[end] == '\r') ++end;
  if (end < text.size() && text[end] == '\n') ++end;
  return end;
}

std::size_t PythonModule::previous_physical_line(std::size_t line_start) const {
  std::string_view text = source_.text();
  if (line_start == 0) return 0;
  std::size_t end = line_start - 1;  // the line break ending the previous line
  if (text[end] == '\n' && end > 0 && text[end - 1] == '\r') --end;
  return physical_line_start(end);
}

std::string_view PythonModule::indentation_at(std::size_t offset) const {
  std::string_view text = source_.text();
  std::size_t start = physical_line_start(offset);
  std::size_t end = start;
  while (end < text.size() && (text[end] == ' ' || text[end] == '\t' || text[end] == '\f')) ++end;
  return text.substr(start, end - start);
}

}  // namespace apictl::migrate
