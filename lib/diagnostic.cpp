// Diagnostic formatting shared by every command.
#include "diagnostic.hpp"

namespace apictl {

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "error";
    case Severity::warn:
      return "warning";
    case Severity::info:
      return "info";
    case Severity::hint:
      return "hint";
  }
  return "error";
}

std::string format_diagnostic(const Diagnostic& diagnostic) {
  std::string out;
  const auto& where = diagnostic.where;
  if (!where.file.empty()) {
    out += where.file;
    if (where.line > 0) {
      out += ':' + std::to_string(where.line);
      if (where.column > 0) out += ':' + std::to_string(where.column);
    }
    out += ": ";
  }
  out += severity_name(diagnostic.severity);
  out += ": ";
  out += diagnostic.message;
  if (!diagnostic.hint.empty()) {
    out += "; ";
    out += diagnostic.hint;
  }
  return out;
}

}  // namespace apictl
