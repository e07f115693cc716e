// What the JSON and YAML parsers share: text checks (empty, binary, UTF-8), format detection, file loading.
// Positions in both formats: 1-based lines, and 1-based columns counted in characters (code points), not bytes,
// because libyaml counts characters and a JSON and a YAML file should agree; counted after a UTF-8 BOM.
#include "contract/parse.hpp"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <new>
#include <system_error>

#include "contract/parse_detail.hpp"

namespace apictl::contract {

namespace detail {

std::string_view strip_bom(std::string_view source) {
  constexpr std::string_view bom = "\xEF\xBB\xBF";
  if (source.starts_with(bom)) source.remove_prefix(bom.size());
  return source;
}

std::size_t count_chars(const char* begin, const char* end) {
  // Eight bytes at a time: the JSON parser runs this over nearly every byte of the file.
  constexpr std::uint64_t high_bits = 0x8080808080808080ULL;
  std::size_t continuation = 0;
  const char* p = begin;
  for (; end - p >= 8; p += 8) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    if ((word & high_bits) == 0) continue;
    // A continuation byte is 10xxxxxx: bit 7 set and bit 6 (shifted up into bit 7) clear.
    continuation += static_cast<std::size_t>(std::popcount(word & ~(word << 1) & high_bits));
  }
  for (; p != end; ++p) continuation += (static_cast<unsigned char>(*p) & 0xC0) == 0x80;
  return static_cast<std::size_t>(end - begin) - continuation;
}

LineColumn line_column_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  LineColumn at;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++at.line;
      line_start = i + 1;
    }
  }
  at.column = static_cast<std::uint32_t>(count_chars(text.data() + line_start, text.data() + offset) + 1);
  return at;
}

}  // namespace detail

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Offset of the first byte that does not start a well-formed UTF-8 sequence (overlong forms, surrogates
// and code points past U+10FFFF included), or npos.
std::size_t find_invalid_utf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    if (i + 8 <= size) {  // ASCII runs dominate real files: test eight bytes at once
      std::uint64_t word;
      std::memcpy(&word, bytes + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    unsigned char lead = bytes[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length;
    std::uint32_t code_point;
    std::uint32_t minimum;
    if ((lead & 0xE0) == 0xC0) {
      length = 2, code_point = lead & 0x1F, minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3, code_point = lead & 0x0F, minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4, code_point = lead & 0x07, minimum = 0x10000;
    } else {
      return i;
    }
    if (i + length > size) return i;
    for (std::size_t k = 1; k < length; ++k) {
      if ((bytes[i + k] & 0xC0) != 0x80) return i;
      code_point = (code_point << 6) | (bytes[i + k] & 0x3F);
    }
    if (code_point < minimum || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) return i;
    i += length;
  }
  return std::string_view::npos;
}

SourcePosition position_in(std::string_view path, std::string_view text, std::size_t offset) {
  auto at = detail::line_column_at(text, offset);
  return SourcePosition{std::string(path), at.line, at.column, {}};
}

bool has_yaml_extension(std::string_view path) { return path.ends_with(".yaml") || path.ends_with(".yml"); }

// Reads a whole stream; `file` is open for reading. Returns errno on failure.
int read_all(std::FILE* file, std::string& out, std::size_t size_hint) {
  out.reserve(size_hint);
  char buffer[1 << 16];
  while (true) {
    std::size_t got = std::fread(buffer, 1, sizeof buffer, file);
    out.append(buffer, got);
    if (got < sizeof buffer) return std::ferror(file) ? (errno != 0 ? errno : EIO) : 0;
  }
}

Diagnostic io_error(std::string display_path, int error_number) {
  std::string hint = error_number == ENOENT   ? "check the path; relative paths start at the current directory"
                     : error_number == EACCES ? "check the file's permissions"
                                              : "";
  return Diagnostic{Severity::error, "io-error",
                    "cannot read the file: " + std::generic_category().message(error_number),
                    SourcePosition{std::move(display_path), 0, 0, {}}, std::move(hint)};
}

}  // namespace

SourceFormat detect_format(std::string_view source) {
  for (char c : detail::strip_bom(source)) {
    if (is_space(c)) continue;
    return c == '{' || c == '[' ? SourceFormat::json : SourceFormat::yaml;
  }
  return SourceFormat::yaml;
}

Result<void> check_text(std::string_view path, std::string_view source) {
  if (source.starts_with("\xFF\xFE") || source.starts_with("\xFE\xFF")) {
    return fail("invalid-utf8", "the file is UTF-16 encoded", position_in(path, source, 0),
                "save it as UTF-8, the encoding JSON and YAML tools expect");
  }
  std::string_view text = detail::strip_bom(source);
  if (const void* nul = std::memchr(text.data(), 0, text.size())) {
    std::size_t offset = static_cast<std::size_t>(static_cast<const char*>(nul) - text.data());
    return fail("binary-file", "the file contains a NUL byte: it looks binary, not like JSON or YAML text",
                position_in(path, text, offset), "pass the OpenAPI document itself, as JSON or YAML");
  }
  if (std::size_t bad = find_invalid_utf8(text); bad != std::string_view::npos) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[bad]));
    return fail("invalid-utf8", std::string("invalid UTF-8: byte ") + byte + " does not start a valid character",
                position_in(path, text, bad),
                "save the file as UTF-8 (Latin-1 or Windows-1252 text can be converted with iconv)");
  }
  bool blank = true;
  for (char c : text) {
    if (!is_space(c)) {
      blank = false;
      break;
    }
  }
  if (blank) {
    return fail("empty-file", "the file is empty", SourcePosition{std::string(path), 1, 1, {}},
                "an OpenAPI document needs at least 'openapi', 'info' and 'paths' (or 'webhooks')");
  }
  return {};
}

Result<std::unique_ptr<Document>> parse_document(std::string path, std::string source, ParseLimits limits) try {
  if (auto ok = check_text(path, source); !ok) return std::unexpected(std::move(ok.error()));
  if (detect_format(source) == SourceFormat::yaml) return parse_yaml(std::move(path), std::move(source), limits);
  if (!has_yaml_extension(path)) return detail::parse_checked_json(std::move(path), std::move(source), limits);
  // A .yaml file that opens with '{' or '[' is nearly always JSON, which the JSON parser reads fastest; if it
  // is not, it is YAML in flow style and the YAML parser has the last word (and the error message).
  auto as_json = detail::parse_checked_json(path, source, limits);
  if (as_json || as_json.error().code != "parse-error") return as_json;
  return parse_yaml(std::move(path), std::move(source), limits);
} catch (const std::bad_alloc&) {  // the parsers catch their own; this covers the copy above
  return fail("too-large", "not enough memory to hold the document");
}

Result<std::string> read_source(const std::filesystem::path& path, const std::string& display_path) try {
  std::string text;
  if (path == "-") {
    if (int error_number = read_all(stdin, text, 1 << 16); error_number != 0) {
      return std::unexpected(io_error(display_path, error_number));
    }
    return text;
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return fail("io-error", "cannot read the file: it is a directory", SourcePosition{display_path, 0, 0, {}},
                "name the contract file inside it, e.g. " + (path / "openapi.yaml").string());
  }
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return std::unexpected(io_error(display_path, errno));
  auto size = std::filesystem::file_size(path, ec);
  int error_number = read_all(file, text, ec ? 0 : static_cast<std::size_t>(size));
  std::fclose(file);
  if (error_number != 0) return std::unexpected(io_error(display_path, error_number));
  return text;
} catch (const std::bad_alloc&) {
  return fail("too-large", "not enough memory to read the file");
}

Result<std::unique_ptr<Document>> load_document(const std::filesystem::path& path, std::string display_path,
                                                ParseLimits limits) {
  auto text = read_source(path, display_path);
  if (!text) return std::unexpected(std::move(text.error()));
  return parse_document(std::move(display_path), std::move(*text), limits);
}

}  // namespace apictl::contract
