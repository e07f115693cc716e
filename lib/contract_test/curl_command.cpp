// Shell quoting for reproductions: a command that runs something else than what was sent is worse than none.
#include "contract_test/curl_command.hpp"

namespace apictl::contract_test {

namespace {

bool bare_safe(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == '.' || c == '/' || c == ':' || c == ',' || c == '+' || c == '=' || c == '@' || c == '%';
}

bool needs_ansi_c(std::string_view text) {
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return true;
  }
  return false;
}

std::string ansi_c_quote(std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out = "$'";
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\'':
        out += "\\'";
        break;
      default:
        if (byte < 0x20 || byte == 0x7f) {
          out += "\\x";
          out += hex[byte >> 4];
          out += hex[byte & 0xF];
        } else {
          out += c;
        }
    }
  }
  return out + "'";
}

// The length of a ${NAME} reference starting at `at`, 0 when there is none.
std::size_t env_reference_at(std::string_view text, std::size_t at) {
  if (text.substr(at, 2) != "${") return 0;
  std::size_t end = at + 2;
  while (end < text.size() &&
         (text[end] == '_' || (text[end] >= 'A' && text[end] <= 'Z') || (text[end] >= 'a' && text[end] <= 'z') ||
          (end > at + 2 && text[end] >= '0' && text[end] <= '9'))) {
    ++end;
  }
  if (end == at + 2 || end >= text.size() || text[end] != '}') return 0;
  return end + 1 - at;
}

}  // namespace

std::string shell_quote(std::string_view text) {
  if (text.empty()) return "''";
  if (needs_ansi_c(text)) return ansi_c_quote(text);
  bool bare = true;
  for (char c : text) bare = bare && bare_safe(c);
  if (bare && !text.starts_with('=')) return std::string(text);  // zsh expands a leading '='
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string shell_quote_keeping_env(std::string_view text) {
  bool has_reference = false;
  for (std::size_t i = 0; i < text.size() && !has_reference; ++i) has_reference = env_reference_at(text, i) > 0;
  if (!has_reference || needs_ansi_c(text)) return shell_quote(text);
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (std::size_t length = env_reference_at(text, i)) {
      out += text.substr(i, length);
      i += length - 1;
      continue;
    }
    char c = text[i];
    if (c == '$' || c == '`' || c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string curl_command(const BaseUrl& base, const http::Request& request) {
  std::string url = base.url(request.target);
  std::string out = "curl -sS -i";
  if (url.find_first_of("[]{}") != std::string::npos) out += " --globoff";
  if (request.method == "HEAD") {
    out += " --head";
  } else if (request.method != "GET") {
    out += " -X " + shell_quote(request.method);
  }
  out += " " + shell_quote(url);
  for (const http::Header& header : request.headers) {
    out += " -H " + shell_quote_keeping_env(header.name + ": " + header.value);
  }
  if (!request.body.empty()) out += " --data-raw " + shell_quote(request.body);
  return out;
}

}  // namespace apictl::contract_test
