// JSON parsing: RapidJSON's iterative SAX reader feeding DocumentBuilder, with the position of every key and value.
#include <optional>
#include <rapidjson/reader.h>

#include "contract/parse.hpp"
#include "contract/parse_detail.hpp"

namespace apictl::contract {

namespace {

// Iterative: nesting lives on the heap, so 100,000 '[' cannot overflow the stack (DocumentBuilder stops it at
// max_depth anyway). Numbers as strings: the document keeps each literal exactly as written.
constexpr unsigned json_flags =
    rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag | rapidjson::kParseNumbersAsStringsFlag;

// RapidJSON raises an event once a scalar or key has been consumed, and just before a bracket is. Between
// one token and the next there can only be whitespace, ',' and ':', so each token's start is found by skipping
// those from the end of the previous one; that walk also counts the lines. Tokens never span lines (JSON
// strings cannot hold a raw line break), so columns are the characters between the line start and the token.
class JsonHandler {
 public:
  JsonHandler(DocumentBuilder& builder, std::string_view text, const rapidjson::StringStream& stream)
      : builder_(builder), text_(text), stream_(stream), column_base_(text.data()) {}

  bool Null() { return add_scalar(NodeKind::null, "null"); }
  bool Bool(bool value) { return add_scalar(NodeKind::boolean, value ? "true" : "false"); }
  // With kParseNumbersAsStringsFlag every number arrives through RawNumber; these are never called.
  bool Int(int) { return false; }
  bool Uint(unsigned) { return false; }
  bool Int64(std::int64_t) { return false; }
  bool Uint64(std::uint64_t) { return false; }
  bool Double(double) { return false; }
  bool RawNumber(const char* text, rapidjson::SizeType length, bool) {
    std::string_view literal(text, length);
    bool integer = literal.find_first_of(".eE") == std::string_view::npos;
    return add_scalar(integer ? NodeKind::integer : NodeKind::number, literal);
  }
  bool String(const char* text, rapidjson::SizeType length, bool) {
    return add_scalar(NodeKind::string, std::string_view(text, length));
  }
  bool Key(const char* text, rapidjson::SizeType length, bool) {
    auto at = token_start(stream_.Tell());
    return accept(builder_.key(std::string_view(text, length), at.line, at.column));
  }
  bool StartObject() {
    auto at = token_start(stream_.Tell() + 1);
    return accept(builder_.begin_mapping(at.line, at.column));
  }
  bool StartArray() {
    auto at = token_start(stream_.Tell() + 1);
    return accept(builder_.begin_sequence(at.line, at.column));
  }
  bool EndObject(rapidjson::SizeType) { return end_container(); }
  bool EndArray(rapidjson::SizeType) { return end_container(); }

  std::optional<Diagnostic> error;  // set when the builder refused an event (depth, size, duplicate key)

 private:
  bool add_scalar(NodeKind kind, std::string_view text) {
    auto at = token_start(stream_.Tell());
    return accept(builder_.scalar(kind, text, at.line, at.column));
  }
  bool end_container() {
    token_start(stream_.Tell() + 1);
    return accept(builder_.end_container());
  }
  bool accept(Result<void> done) {
    if (done) return true;
    error = std::move(done.error());
    return false;
  }

  // Position of the token that starts at or after cursor_; `token_end` is the offset just past it.
  detail::LineColumn token_start(std::size_t token_end) {
    const char* p = text_.data() + cursor_;
    const char* end = text_.data() + text_.size();
    for (; p < end; ++p) {
      char c = *p;
      if (c == '\n' || (c == '\r' && (p + 1 == end || p[1] != '\n'))) {
        ++line_;
        column_base_ = p + 1;
        column_chars_ = 0;
      } else if (c != ' ' && c != '\t' && c != '\r' && c != ',' && c != ':') {
        break;
      }
    }
    column_chars_ += detail::count_chars(column_base_, p);
    column_base_ = p;
    cursor_ = token_end;
    return {line_, static_cast<std::uint32_t>(column_chars_ + 1)};
  }

  DocumentBuilder& builder_;
  std::string_view text_;
  const rapidjson::StringStream& stream_;
  std::size_t cursor_ = 0;          // offset just past the previous token
  std::uint32_t line_ = 1;
  const char* column_base_;         // a point on the current line whose column is known...
  std::size_t column_chars_ = 0;    // ...as this many characters after the line start
};

struct Explained {
  std::string message;
  std::string hint;
};

// RapidJSON's messages, said the way a person reading the file would want them.
Explained explain(rapidjson::ParseErrorCode code, std::string_view text, std::size_t offset) {
  char at = offset < text.size() ? text[offset] : '\0';
  switch (code) {
    case rapidjson::kParseErrorDocumentEmpty: return {"the file holds no JSON value", ""};
    case rapidjson::kParseErrorDocumentRootNotSingular:
      return {"unexpected text after the end of the JSON document", "a file holds one JSON value; remove what follows"};
    case rapidjson::kParseErrorValueInvalid:
      if (at == ']') return {"trailing comma before ']'", "remove the ','; JSON allows no trailing commas"};
      if (at == '\'') return {"strings must be in double quotes", "replace the single quotes with double quotes"};
      return {"expected a value", "a JSON value is an object, array, string, number, true, false or null"};
    case rapidjson::kParseErrorObjectMissName:
      if (at == '}') return {"trailing comma before '}'", "remove the ','; JSON allows no trailing commas"};
      return {"expected a member name in double quotes", "JSON needs every key quoted: \"name\": value"};
    case rapidjson::kParseErrorObjectMissColon: return {"expected ':' after the member name", ""};
    case rapidjson::kParseErrorObjectMissCommaOrCurlyBracket:
      return {"expected ',' or '}' after an object member", "a ',' is probably missing before this point"};
    case rapidjson::kParseErrorArrayMissCommaOrSquareBracket:
      return {"expected ',' or ']' after an array element", "a ',' is probably missing before this point"};
    case rapidjson::kParseErrorStringUnicodeEscapeInvalidHex:
      return {"invalid \\u escape: expected four hexadecimal digits", ""};
    case rapidjson::kParseErrorStringUnicodeSurrogateInvalid:
      return {"invalid UTF-16 surrogate pair in a \\u escape", "a high surrogate \\uD800-\\uDBFF must be followed by "
                                                              "a low surrogate \\uDC00-\\uDFFF"};
    case rapidjson::kParseErrorStringEscapeInvalid:
      return {"invalid escape sequence in a string", "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"};
    case rapidjson::kParseErrorStringMissQuotationMark:
      return {"unterminated string", "add the closing '\"'"};
    case rapidjson::kParseErrorStringInvalidEncoding:
      if (static_cast<unsigned char>(at) < 0x20) {
        return {"control character inside a string", "write line breaks and tabs as \\n and \\t"};
      }
      return {"invalid UTF-8 inside a string", "save the file as UTF-8"};
    case rapidjson::kParseErrorNumberTooBig:
      return {"number is too large", "numbers beyond about 1.8e308 cannot be represented; quote it as a string"};
    case rapidjson::kParseErrorNumberMissFraction: return {"expected digits after the decimal point", ""};
    case rapidjson::kParseErrorNumberMissExponent: return {"expected digits in the exponent", ""};
    default: return {"JSON syntax error", ""};
  }
}

}  // namespace

Result<std::unique_ptr<Document>> parse_json(std::string path, std::string source, ParseLimits limits) try {
  auto document = std::make_unique<Document>(std::move(path), std::move(source));
  std::string_view text = detail::strip_bom(document->source());
  // RapidJSON's string stream ends at the first NUL (std::string guarantees one past the end); an earlier NUL
  // would silently cut the document short, so refuse it the way check_text does.
  if (text.find('\0') != std::string_view::npos) return std::unexpected(check_text(document->path(), text).error());

  DocumentBuilder builder(*document, limits);
  rapidjson::StringStream stream(text.data());
  JsonHandler handler(builder, text, stream);
  rapidjson::Reader reader;
  rapidjson::ParseResult result = reader.Parse<json_flags>(stream, handler);
  if (handler.error) return std::unexpected(std::move(*handler.error));
  if (result.IsError()) {
    auto [message, hint] = explain(result.Code(), text, result.Offset());
    auto at = detail::line_column_at(text, result.Offset());
    return fail("parse-error", std::move(message), SourcePosition{document->path(), at.line, at.column, {}},
                std::move(hint));
  }
  return document;
} catch (const std::bad_alloc&) {
  return fail("too-large", "not enough memory to hold the document", {}, "");
}

}  // namespace apictl::contract
