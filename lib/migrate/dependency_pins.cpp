// Pins across file kinds: which files hold them, how a version is written in each, and editing in place.
#include "migrate/dependency_pins.hpp"

#include <algorithm>

#include "migrate/version_range.hpp"
#include "util/ascii.hpp"
#include "util/glob.hpp"

namespace apictl::migrate {

namespace {

std::string_view file_name(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// The line break the text uses after `offset`'s line ("\r\n" or "\n").
std::string_view line_break_at(std::string_view text, std::size_t offset) {
  std::size_t newline = text.find('\n', offset);
  if (newline != std::string_view::npos && newline > 0 && text[newline - 1] == '\r') return "\r\n";
  return "\n";
}

std::size_t line_start(std::string_view text, std::size_t offset) {
  std::size_t newline = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  return newline == std::string_view::npos ? 0 : newline + 1;
}

std::string_view indentation(std::string_view text, std::size_t offset) {
  std::size_t start = line_start(text, offset);
  std::size_t end = start;
  while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) ++end;
  return text.substr(start, end - start);
}

// Where the line holding `offset` ends, after its line break; a requirement continued with '\' takes its
// continuation lines with it.
std::size_t after_logical_line(std::string_view text, std::size_t offset) {
  while (true) {
    std::size_t newline = text.find('\n', offset);
    if (newline == std::string_view::npos) return text.size();
    std::string_view line = text.substr(offset, newline - offset);
    if (line.ends_with('\r')) line.remove_suffix(1);
    offset = newline + 1;
    if (!line.ends_with('\\')) return offset;
  }
}

}  // namespace

std::optional<PinFileKind> pin_file_kind(std::string_view path) {
  std::string_view name = file_name(path);
  if (name == "pyproject.toml") return PinFileKind::pyproject;
  if (name == "CMakeLists.txt" || name.ends_with(".cmake")) return PinFileKind::cmake;
  if (name.ends_with(".txt") && (name.starts_with("requirements") || glob_match("**/requirements/**", path) ||
                                 path.starts_with("requirements/"))) {
    return PinFileKind::requirements;
  }
  return std::nullopt;
}

std::string normalized_package_name(PinFileKind kind, std::string_view name) {
  std::string lower = ascii_lower(name);
  if (kind == PinFileKind::cmake) return lower;
  std::string out;
  for (char c : lower) {
    bool separator = c == '-' || c == '_' || c == '.';
    if (separator) {
      if (!out.empty() && out.back() != '-') out += '-';
    } else {
      out += c;
    }
  }
  return out;
}

Result<std::vector<DeclaredPin>> find_pins(PinFileKind kind, std::string_view text, std::string_view file) {
  switch (kind) {
    case PinFileKind::requirements:
      return find_requirement_pins(text, file);
    case PinFileKind::pyproject:
      return find_pyproject_pins(text, file);
    case PinFileKind::cmake:
      return find_cmake_pins(text, file);
  }
  return std::vector<DeclaredPin>{};
}

std::vector<DeclaredPin> pins_of(const std::vector<DeclaredPin>& pins, std::string_view package) {
  std::vector<DeclaredPin> found;
  for (const DeclaredPin& pin : pins) {
    if (normalized_package_name(pin.kind, pin.package) == normalized_package_name(pin.kind, package)) {
      found.push_back(pin);
    }
  }
  return found;
}

Result<std::string> constraint_text(const DeclaredPin& pin, const PinRequest& request) {
  std::string version = trim_blanks(request.version);
  auto plain = parse_version(version);
  auto needs_plain = [&](std::string_view what) {
    return fail("pin-error",
                pin.file + ":" + std::to_string(pin.line) + ": " + std::string(what) + " of '" + pin.package +
                    "' needs one version, not the range '" + version + "'",
                {}, "give the pin step a plain version such as \"2.1.0\" (or `tag` for a FetchContent GIT_TAG)");
  };
  if (version.empty() && pin.form != PinForm::cmake_git_tag) {
    return fail("pin-error", pin.file + ":" + std::to_string(pin.line) + ": '" + pin.package + "' needs a version", {},
                "give the pin step `version` (a `tag` alone only sets a FetchContent GIT_TAG)");
  }
  switch (pin.form) {
    case PinForm::requirement:
      if (plain) return "==" + version;
      if (auto range = parse_version_range(version); !range) return std::unexpected(range.error());
      return version;
    case PinForm::poetry:
      if (auto range = parse_version_range(version); !range) return std::unexpected(range.error());
      return version;
    case PinForm::cmake_package: {
      if (plain) return version;
      auto range = parse_version_range(version);
      if (!range) return std::unexpected(range.error());
      // find_package takes MIN or MIN...MAX (MIN...<MAX excludes MAX), CMake 3.19 and later.
      if (range->lower && range->lower->inclusive && range->excluded.empty()) {
        if (!range->upper) return range->lower->version.text;
        return range->lower->version.text + "..." + (range->upper->inclusive ? "" : "<") + range->upper->version.text;
      }
      return needs_plain("find_package");
    }
    case PinForm::cmake_git_tag: {
      if (!request.tag.empty()) return request.tag;
      if (!plain) return needs_plain("the GIT_TAG");
      bool v_prefix = !pin.constraint.empty() && (pin.constraint[0] == 'v' || pin.constraint[0] == 'V');
      bool has_v = version[0] == 'v' || version[0] == 'V';
      return (v_prefix && !has_v ? std::string(1, pin.constraint[0]) : std::string()) + version;
    }
  }
  return version;
}

std::string replace_pin(std::string_view text, const DeclaredPin& pin, std::string_view constraint) {
  std::string out(text.substr(0, pin.begin));
  // find_package(Name) without a version: the version becomes the next argument.
  if (pin.form == PinForm::cmake_package && pin.begin == pin.end) out += ' ';
  out += constraint;
  out += text.substr(pin.end);
  return out;
}

Result<std::string> add_pin_beside(std::string_view text, const DeclaredPin& beside, std::string_view package,
                                   std::string_view constraint) {
  std::string out;
  switch (beside.form) {
    case PinForm::requirement: {
      if (beside.kind == PinFileKind::requirements) {
        std::size_t at = after_logical_line(text, beside.begin);
        std::string_view line_break = line_break_at(text, beside.begin);
        out = std::string(text.substr(0, at));
        if (at == text.size() && !text.empty() && text.back() != '\n') out += line_break;
        out += std::string(package) + std::string(constraint) + std::string(line_break);
        out += text.substr(at);
        return out;
      }
      // A string in a pyproject array: a new string after it, one per line when the array has them so.
      char quote = text[beside.entry_end - 1];
      std::string literal = quote + std::string(package) + std::string(constraint) + quote;
      std::size_t start = line_start(text, beside.entry_begin);
      bool own_line = text.substr(start, beside.entry_begin - start).find_first_not_of(" \t") == std::string_view::npos;
      std::size_t after = beside.entry_end;
      std::size_t next = after;
      while (next < text.size() && (text[next] == ' ' || text[next] == '\t')) ++next;
      bool comma = next < text.size() && text[next] == ',';
      if (own_line) {
        std::string_view line_break = line_break_at(text, beside.begin);
        std::string indent(indentation(text, beside.begin));
        if (comma) {
          out = std::string(text.substr(0, next + 1)) + std::string(line_break) + indent + literal + ",";
          out += text.substr(next + 1);
        } else {
          out = std::string(text.substr(0, after)) + "," + std::string(line_break) + indent + literal;
          out += text.substr(after);
        }
        return out;
      }
      out = std::string(text.substr(0, after)) + ", " + literal + std::string(text.substr(after));
      return out;
    }
    case PinForm::poetry: {
      std::size_t at = after_logical_line(text, beside.entry_end == 0 ? 0 : beside.entry_end - 1);
      std::string_view line_break = line_break_at(text, beside.begin);
      out = std::string(text.substr(0, at));
      if (at == text.size() && !text.empty() && text.back() != '\n') out += line_break;
      out += std::string(indentation(text, beside.begin)) + std::string(package) + " = \"" + std::string(constraint) +
             "\"" + std::string(line_break);
      out += text.substr(at);
      return out;
    }
    case PinForm::cmake_package:
    case PinForm::cmake_git_tag:
      break;
  }
  return fail("pin-error",
              beside.file + ": a new dependency '" + std::string(package) + "' cannot be added to a CMake file", {},
              "add its find_package or FetchContent_Declare with a `run` step or a `manual` item");
}

}  // namespace apictl::migrate
