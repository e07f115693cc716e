// Diagnostic: an error or finding with its place and a hint; the error value of every fallible call in lib/.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

namespace apictl {

enum class Severity { error, warn, info, hint };

std::string_view severity_name(Severity severity);

struct SourcePosition {
  std::string file;          // as the user named it (relative paths stay relative)
  std::uint32_t line = 0;    // 1-based; 0 when unknown
  std::uint32_t column = 0;  // 1-based; 0 when unknown
  std::string pointer;       // JSON pointer of the node, "" for the root
};

struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;     // stable id: a lint rule id or an error code such as "parse-error"
  std::string message;  // what is wrong
  SourcePosition where;
  std::string hint;  // what to do about it; may be empty
};

// "file:line:col: error: message; hint" — the one-line form used on stderr.
std::string format_diagnostic(const Diagnostic& diagnostic);

template <typename T>
using Result = std::expected<T, Diagnostic>;

inline std::unexpected<Diagnostic> fail(std::string code, std::string message, SourcePosition where = {},
                                        std::string hint = {}) {
  return std::unexpected(
      Diagnostic{Severity::error, std::move(code), std::move(message), std::move(where), std::move(hint)});
}

}  // namespace apictl
