// Pins in CMake files: find_package(Name VERSION ...) and FetchContent_Declare(Name ... GIT_TAG TAG), found
// by a small reader of CMake's command syntax that skips comments, quoted and bracket arguments.
#include <cctype>

#include "migrate/dependency_pins.hpp"
#include "util/ascii.hpp"

namespace apictl::migrate {

namespace {

struct Argument {
  std::string_view text;  // without quotes
  std::size_t begin = 0;  // byte range of `text`
  std::size_t end = 0;
  bool quoted = false;
};

struct Invocation {
  std::string name;  // lower-case
  std::vector<Argument> arguments;
  std::size_t name_offset = 0;
  std::size_t close = 0;  // the offset of ')'
};

// The length of a bracket opening `[==[` at `at` (its '=' count + 2), or 0.
std::size_t bracket_open(std::string_view text, std::size_t at, std::size_t& equals) {
  if (at >= text.size() || text[at] != '[') return 0;
  std::size_t i = at + 1;
  while (i < text.size() && text[i] == '=') ++i;
  if (i >= text.size() || text[i] != '[') return 0;
  equals = i - at - 1;
  return equals + 2;
}

// The offset after the bracket content closing `]==]` with `equals` '=' signs.
std::size_t bracket_end(std::string_view text, std::size_t from, std::size_t equals) {
  std::string close = "]" + std::string(equals, '=') + "]";
  std::size_t found = text.find(close, from);
  return found == std::string_view::npos ? text.size() : found + close.size();
}

// Skips a comment starting at `at` ('#'), returning the offset after it.
std::size_t skip_comment(std::string_view text, std::size_t at) {
  std::size_t equals = 0;
  if (std::size_t open = bracket_open(text, at + 1, equals)) return bracket_end(text, at + 1 + open, equals);
  std::size_t newline = text.find('\n', at);
  return newline == std::string_view::npos ? text.size() : newline;
}

std::vector<Invocation> invocations(std::string_view text) {
  std::vector<Invocation> found;
  std::size_t at = 0;
  while (at < text.size()) {
    char c = text[at];
    if (c == '#') {
      at = skip_comment(text, at);
      continue;
    }
    if (!(std::isalpha(static_cast<unsigned char>(c)) || c == '_')) {
      ++at;
      continue;
    }
    std::size_t name_end = at;
    while (name_end < text.size() &&
           (std::isalnum(static_cast<unsigned char>(text[name_end])) || text[name_end] == '_'))
      ++name_end;
    std::size_t open = name_end;
    while (open < text.size() && (text[open] == ' ' || text[open] == '\t')) ++open;
    if (open >= text.size() || text[open] != '(') {
      at = name_end;
      continue;
    }
    Invocation call;
    call.name = ascii_lower(text.substr(at, name_end - at));
    call.name_offset = at;
    std::size_t i = open + 1;
    int depth = 0;
    while (i < text.size()) {
      char ch = text[i];
      if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
        ++i;
      } else if (ch == '#') {
        i = skip_comment(text, i);
      } else if (ch == '(') {
        ++depth;
        ++i;
      } else if (ch == ')') {
        if (depth == 0) break;
        --depth;
        ++i;
      } else if (ch == '"') {
        std::size_t close = i + 1;
        while (close < text.size() && text[close] != '"') close += text[close] == '\\' ? 2 : 1;
        close = std::min(close, text.size());
        call.arguments.push_back({text.substr(i + 1, close - i - 1), i + 1, close, true});
        i = close + 1;
      } else if (std::size_t equals = 0, length = bracket_open(text, i, equals); length != 0) {
        std::size_t end = bracket_end(text, i + length, equals);
        std::size_t content_end = end >= equals + 2 ? end - equals - 2 : end;
        call.arguments.push_back({text.substr(i + length, content_end - i - length), i + length, content_end, true});
        i = end;
      } else {
        std::size_t end = i;
        while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) && text[end] != '(' &&
               text[end] != ')' && text[end] != '#' && text[end] != '"')
          ++end;
        call.arguments.push_back({text.substr(i, end - i), i, end, false});
        i = end;
      }
    }
    call.close = std::min(i, text.size());
    at = call.close + 1;
    found.push_back(std::move(call));
  }
  return found;
}

std::uint32_t line_of(std::string_view text, std::size_t offset) {
  std::uint32_t line = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) line += text[i] == '\n' ? 1 : 0;
  return line;
}

bool starts_with_digit(std::string_view text) {
  return !text.empty() && std::isdigit(static_cast<unsigned char>(text[0])) != 0;
}

}  // namespace

std::vector<DeclaredPin> find_cmake_pins(std::string_view text, std::string_view file) {
  std::vector<DeclaredPin> pins;
  for (const Invocation& call : invocations(text)) {
    if (call.arguments.empty()) continue;
    const Argument& name = call.arguments[0];
    DeclaredPin pin;
    pin.file = std::string(file);
    pin.kind = PinFileKind::cmake;
    pin.package = std::string(name.text);
    pin.line = line_of(text, name.begin);
    pin.entry_begin = call.name_offset;
    pin.entry_end = call.close;
    if (call.name == "find_package") {
      pin.form = PinForm::cmake_package;
      pin.where = "find_package";
      if (call.arguments.size() > 1 && starts_with_digit(call.arguments[1].text)) {
        pin.constraint = std::string(call.arguments[1].text);
        pin.begin = call.arguments[1].begin;
        pin.end = call.arguments[1].end;
      } else {
        pin.begin = pin.end = name.end + (name.quoted ? 1 : 0);
      }
      pins.push_back(std::move(pin));
    } else if (call.name == "fetchcontent_declare") {
      for (std::size_t i = 1; i + 1 < call.arguments.size(); ++i) {
        if (call.arguments[i].quoted || call.arguments[i].text != "GIT_TAG") continue;
        pin.form = PinForm::cmake_git_tag;
        pin.where = "FetchContent_Declare GIT_TAG";
        pin.constraint = std::string(call.arguments[i + 1].text);
        pin.begin = call.arguments[i + 1].begin;
        pin.end = call.arguments[i + 1].end;
        pins.push_back(pin);
        break;
      }
    }
  }
  return pins;
}

}  // namespace apictl::migrate
