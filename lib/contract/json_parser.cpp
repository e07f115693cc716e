// JSON parsing: RapidJSON's iterative SAX reader feeding DocumentBuilder, with the position of every key and value.
// No RAPIDJSON_SSE2: its SIMD scanning reads 16-byte blocks past the end of the text (AddressSanitizer
// reports it), which a parser of untrusted input must not do.
#include <rapidjson/reader.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <optional>

#include "contract/parse.hpp"
#include "contract/parse_detail.hpp"

namespace apictl::contract {

namespace {

// Iterative: nesting lives on the heap, so 100,000 '[' cannot overflow the stack (DocumentBuilder stops it at
// max_depth anyway). Numbers as strings: the document keeps each literal exactly as written.
// No kParseValidateEncodingFlag: RapidJSON 1.1.0's validator reads past the end of the input when the text ends
// inside a multi-byte sequence (found by fuzzing), so check_text validates all of the text first instead.
constexpr unsigned json_flags = rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag;

// Every event needs the offset where its token starts. RapidJSON parses strings and numbers in a local copy of
// the stream and publishes the copy's position only after the handler returns, so during String, Key and
// RawNumber the stream still stands on the token's first character; for brackets it stands on the bracket (the
// reader takes it after the handler); for true/false/null it has just consumed the literal.
static_assert(rapidjson::StreamTraits<rapidjson::StringStream>::copyOptimization == 1,
              "token positions rely on RapidJSON parsing strings and numbers in a copy of the stream");

class JsonHandler {
 public:
  JsonHandler(DocumentBuilder& builder, std::string_view text, const rapidjson::StringStream& stream)
      : builder_(builder), text_(text), stream_(stream), scanned_(text.data()) {}

  bool Null() { return add_scalar(NodeKind::null, "null", stream_.Tell() - 4); }
  bool Bool(bool value) {
    return value ? add_scalar(NodeKind::boolean, "true", stream_.Tell() - 4)
                 : add_scalar(NodeKind::boolean, "false", stream_.Tell() - 5);
  }
  // With kParseNumbersAsStringsFlag every number arrives through RawNumber; these are never called.
  bool Int(int) { return false; }
  bool Uint(unsigned) { return false; }
  bool Int64(std::int64_t) { return false; }
  bool Uint64(std::uint64_t) { return false; }
  bool Double(double) { return false; }
  bool RawNumber(const char* text, rapidjson::SizeType length, bool) {
    std::string_view literal(text, length);
    bool integer = literal.find_first_of(".eE") == std::string_view::npos;
    return add_scalar(integer ? NodeKind::integer : NodeKind::number, literal, stream_.Tell());
  }
  bool String(const char* text, rapidjson::SizeType length, bool) {
    return add_scalar(NodeKind::string, std::string_view(text, length), stream_.Tell());
  }
  bool Key(const char* text, rapidjson::SizeType length, bool) {
    auto at = locate(stream_.Tell());
    return accept(builder_.key(std::string_view(text, length), at.line, at.column));
  }
  bool StartObject() {
    auto at = locate(stream_.Tell());
    return accept(builder_.begin_mapping(at.line, at.column));
  }
  bool StartArray() {
    auto at = locate(stream_.Tell());
    return accept(builder_.begin_sequence(at.line, at.column));
  }
  bool EndObject(rapidjson::SizeType) { return accept(builder_.end_container()); }
  bool EndArray(rapidjson::SizeType) { return accept(builder_.end_container()); }

  std::optional<Diagnostic> error;  // set when the builder refused an event (depth, size, duplicate key)

 private:
  bool add_scalar(NodeKind kind, std::string_view text, std::size_t offset) {
    auto at = locate(offset);
    return accept(builder_.scalar(kind, text, at.line, at.column));
  }
  bool accept(Result<void> done) {
    if (done) return true;
    error = std::move(done.error());
    return false;
  }

  // Line and column of a token start. Offsets only grow, so lines and columns are counted incrementally: every
  // byte of the file is looked at once, eight at a time where no line break is among them.
  detail::LineColumn locate(std::size_t offset) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t high_bits = 0x8080808080808080ULL;
    const char* target = text_.data() + offset;
    const char* p = scanned_;
    while (p < target) {
      if (target - p >= 8) {
        std::uint64_t word;
        std::memcpy(&word, p, 8);
        std::uint64_t newlines = word ^ (ones * '\n');  // a zero byte where a '\n' was
        if (((newlines - ones) & ~newlines & high_bits) == 0) {
          // Continuation bytes (10xxxxxx) do not start a character.
          std::uint64_t continuation = word & ~(word << 1) & high_bits;
          column_chars_ += 8 - static_cast<std::size_t>(std::popcount(continuation));
          p += 8;
          continue;
        }
      }
      char c = *p++;
      if (c == '\n') {
        ++line_;
        column_chars_ = 0;
      } else {
        column_chars_ += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
      }
    }
    scanned_ = target;
    return {line_, static_cast<std::uint32_t>(column_chars_ + 1)};
  }

  DocumentBuilder& builder_;
  std::string_view text_;
  const rapidjson::StringStream& stream_;
  std::uint32_t line_ = 1;
  const char* scanned_;           // everything before this point is counted...
  std::size_t column_chars_ = 0;  // ...and lies this many characters after the start of line_
};

// An unterminated string runs to the end of the file; its opening quote, the last unescaped '"', is the place
// to show.
std::size_t opening_quote(std::string_view text, std::size_t offset) {
  for (std::size_t at = std::min(offset, text.size()); at-- > 0;) {
    if (text[at] != '"') continue;
    std::size_t backslashes = 0;
    while (backslashes < at && text[at - 1 - backslashes] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return at;
  }
  return offset;
}

struct Explained {
  std::string message;
  std::string hint;
};

// RapidJSON's messages, said the way a person reading the file would want them.
Explained explain(rapidjson::ParseErrorCode code, std::string_view text, std::size_t offset) {
  char at = offset < text.size() ? text[offset] : '\0';
  switch (code) {
    case rapidjson::kParseErrorDocumentEmpty:
      return {"the file holds no JSON value", ""};
    case rapidjson::kParseErrorDocumentRootNotSingular:
      return {"unexpected text after the end of the JSON document", "a file holds one JSON value; remove what follows"};
    case rapidjson::kParseErrorValueInvalid:
      if (at == ']') return {"trailing comma before ']'", "remove the ','; JSON allows no trailing commas"};
      if (at == '\'') return {"strings must be in double quotes", "replace the single quotes with double quotes"};
      return {"expected a value", "a JSON value is an object, array, string, number, true, false or null"};
    case rapidjson::kParseErrorObjectMissName:
      if (at == '}') return {"trailing comma before '}'", "remove the ','; JSON allows no trailing commas"};
      return {"expected a member name in double quotes", "JSON needs every key quoted: \"name\": value"};
    case rapidjson::kParseErrorObjectMissColon:
      return {"expected ':' after the member name", ""};
    case rapidjson::kParseErrorObjectMissCommaOrCurlyBracket:
      return {"expected ',' or '}' after an object member", "a ',' is probably missing before this point"};
    case rapidjson::kParseErrorArrayMissCommaOrSquareBracket:
      return {"expected ',' or ']' after an array element", "a ',' is probably missing before this point"};
    case rapidjson::kParseErrorStringUnicodeEscapeInvalidHex:
      return {"invalid \\u escape: expected four hexadecimal digits", ""};
    case rapidjson::kParseErrorStringUnicodeSurrogateInvalid:
      return {"invalid UTF-16 surrogate pair in a \\u escape",
              "a high surrogate \\uD800-\\uDBFF must be followed by "
              "a low surrogate \\uDC00-\\uDFFF"};
    case rapidjson::kParseErrorStringEscapeInvalid:
      if (static_cast<unsigned char>(at) < 0x20) {  // RapidJSON files raw control characters under this code
        return {"control character inside a string", "write line breaks and tabs as \\n and \\t"};
      }
      return {"invalid escape sequence in a string", "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"};
    case rapidjson::kParseErrorStringMissQuotationMark:
      return {"unterminated string", "add the closing '\"'"};
    case rapidjson::kParseErrorNumberTooBig:
      return {"number is too large", "numbers beyond about 1.8e308 cannot be represented; quote it as a string"};
    case rapidjson::kParseErrorNumberMissFraction:
      return {"expected digits after the decimal point", ""};
    case rapidjson::kParseErrorNumberMissExponent:
      return {"expected digits in the exponent", ""};
    default:
      return {"JSON syntax error", ""};
  }
}

}  // namespace

Result<std::unique_ptr<Document>> parse_json(std::string path, std::string source, ParseLimits limits) {
  if (auto ok = check_text(path, source); !ok) return std::unexpected(std::move(ok.error()));
  return detail::parse_checked_json(std::move(path), std::move(source), limits);
}

Result<std::unique_ptr<Document>> detail::parse_checked_json(std::string path, std::string source,
                                                             ParseLimits limits) try {
  auto document = std::make_unique<Document>(std::move(path), std::move(source));
  std::string_view text = detail::strip_bom(document->source());
  // RapidJSON's string stream ends at the first NUL (std::string guarantees one past the end); an earlier NUL
  // would silently cut the document short. check_text has refused those; this guards against a careless caller.
  if (text.find('\0') != std::string_view::npos) return std::unexpected(check_text(document->path(), text).error());

  DocumentBuilder builder(*document, limits);
  rapidjson::StringStream stream(text.data());
  JsonHandler handler(builder, text, stream);
  rapidjson::Reader reader;
  rapidjson::ParseResult result = reader.Parse<json_flags>(stream, handler);
  if (handler.error) return std::unexpected(std::move(*handler.error));
  if (result.IsError()) {
    std::size_t offset = result.Offset();
    if (result.Code() == rapidjson::kParseErrorStringMissQuotationMark) offset = opening_quote(text, offset);
    auto [message, hint] = explain(result.Code(), text, offset);
    auto at = detail::line_column_at(text, offset);
    return fail("parse-error", std::move(message), SourcePosition{document->path(), at.line, at.column, {}},
                std::move(hint));
  }
  return document;
} catch (const std::bad_alloc&) {
  return fail("too-large", "not enough memory to hold the document", {}, "");
}

}  // namespace apictl::contract
