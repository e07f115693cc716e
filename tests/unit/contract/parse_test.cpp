// Tests for lib/contract/parse: JSON and YAML into Document, positions, YAML 1.2 typing, bad input, limits.
#include "contract/parse.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace apictl;
using namespace apictl::contract;

namespace {

#ifdef APICTL_SOURCE_DIR
const std::filesystem::path project_root = APICTL_SOURCE_DIR;
#else
const std::filesystem::path project_root = ".";
#endif

std::unique_ptr<Document> parse_ok(std::string path, std::string text, ParseLimits limits = {}) {
  auto parsed = parse_document(std::move(path), std::move(text), limits);
  if (!parsed) FAIL(format_diagnostic(parsed.error()));
  return std::move(*parsed);
}

Diagnostic parse_fails(std::string path, std::string text, ParseLimits limits = {}) {
  auto parsed = parse_document(std::move(path), std::move(text), limits);
  REQUIRE_FALSE(parsed);
  INFO(format_diagnostic(parsed.error()));
  return parsed.error();
}

Diagnostic load_fails(const std::string& fixture) {
  auto path = project_root / "tests/fixtures/bad" / fixture;
  auto loaded = load_document(path, fixture);
  REQUIRE_FALSE(loaded);
  return loaded.error();
}

struct At {
  std::uint32_t line;
  std::uint32_t column;
  bool operator==(const At&) const = default;
};
At at(NodeRef node) { return {node.line(), node.column()}; }
At key_at(NodeRef node) { return {node.key_position().line, node.key_position().column}; }

}  // namespace

namespace Catch {
template <>
struct StringMaker<At> {
  static std::string convert(const At& value) {
    return std::to_string(value.line) + ":" + std::to_string(value.column);
  }
};
}  // namespace Catch

// ---- JSON ----

TEST_CASE("JSON values and keys carry the line and column where they start", "[parse][json]") {
  auto document = parse_ok("a.json",
                           "{\n"
                           "  \"info\": {\n"
                           "    \"title\": \"Pets\",\n"
                           "    \"n\": -12.5e3, \"ok\": true, \"none\": null\n"
                           "  },\n"
                           "  \"tags\": [ \"a\",\n"
                           "            {\"x\": false} ]\n"
                           "}\n");
  NodeRef root = document->root();
  CHECK(at(root) == At{1, 1});
  CHECK(at(root["info"]) == At{2, 11});
  CHECK(key_at(root["info"]) == At{2, 3});
  CHECK(at(root["info"]["title"]) == At{3, 14});
  CHECK(key_at(root["info"]["title"]) == At{3, 5});
  CHECK(at(root["info"]["n"]) == At{4, 10});
  CHECK(key_at(root["info"]["ok"]) == At{4, 19});
  CHECK(at(root["info"]["ok"]) == At{4, 25});
  CHECK(at(root["info"]["none"]) == At{4, 39});
  CHECK(at(root["tags"]) == At{6, 11});
  CHECK(at(root["tags"].at(0)) == At{6, 13});
  CHECK(at(root["tags"].at(1)) == At{7, 13});
  CHECK(at(root["tags"].at(1)["x"]) == At{7, 19});
}

TEST_CASE("JSON columns count characters, after a BOM and across CRLF line ends", "[parse][json]") {
  auto document = parse_ok("a.json", "\xEF\xBB\xBF{\"caf\xC3\xA9\": \"\xE2\x82\xAC\", \"b\": 1,\r\n \"c\": [2]}");
  NodeRef root = document->root();
  CHECK(at(root) == At{1, 1});
  CHECK(at(root["caf\xC3\xA9"]) == At{1, 10});
  CHECK(key_at(root["b"]) == At{1, 15});
  CHECK(at(root["b"]) == At{1, 20});
  CHECK(key_at(root["c"]) == At{2, 2});
  CHECK(at(root["c"].at(0)) == At{2, 8});
}

TEST_CASE("JSON columns stay exact on long minified lines with multi-byte characters", "[parse][json]") {
  std::string text = "{";
  for (int i = 0; i < 50; ++i)
    text += "\"k" + std::to_string(i) + "\": \"\xC3\xA9\xE2\x82\xAC abc \xF0\x9F\x98\x80\", ";
  text += "\"last\": [1]}";
  // '{', then 10 members of 18 characters ("k0": "é€ abc 😀", ) and 40 of 19; in bytes each is 6 longer.
  auto document = parse_ok("a.json", text);
  CHECK(key_at(document->root()["last"]) == At{1, 1 + 10 * 18 + 40 * 19 + 1});
  CHECK(at(document->root()["last"].at(0)) == At{1, 1 + 10 * 18 + 40 * 19 + 10});
}

TEST_CASE("JSON numbers keep their literal and are told integer from number", "[parse][json]") {
  auto document = parse_ok("a.json", R"([0, -7, 12345678901234567890, 1.50, 1e5, 2E-3, -0.0])");
  NodeRef list = document->root();
  CHECK(list.at(0).kind() == NodeKind::integer);
  CHECK(list.at(1).as_integer() == -7);
  CHECK(list.at(2).kind() == NodeKind::integer);
  CHECK(list.at(2).text() == "12345678901234567890");
  CHECK(list.at(3).kind() == NodeKind::number);
  CHECK(list.at(3).text() == "1.50");
  CHECK(list.at(4).kind() == NodeKind::number);
  CHECK(list.at(4).as_number() == 1e5);
  CHECK(list.at(5).kind() == NodeKind::number);
  CHECK(list.at(6).text() == "-0.0");
}

TEST_CASE("JSON strings are decoded; scalars of every kind", "[parse][json]") {
  auto document = parse_ok(
      "a.json", R"({"s": "a\"b\\c\/\u00e9\ud83d\ude00\n", "nul": "x\u0000y", "t": true, "f": false, "z": null})");
  NodeRef root = document->root();
  CHECK(root["s"].text() == "a\"b\\c/\xC3\xA9\xF0\x9F\x98\x80\n");
  CHECK(root["nul"].text() == std::string_view("x\0y", 3));
  CHECK(root["t"].as_bool());
  CHECK(root["f"].is_bool());
  CHECK_FALSE(root["f"].as_bool(true));
  CHECK(root["z"].is_null());
  CHECK(root["z"].text() == "null");
}

TEST_CASE("JSON syntax errors say what is wrong and where", "[parse][json]") {
  SECTION("missing comma") {
    auto error = parse_fails("a.json", "{\n  \"a\": 1\n  \"b\": 2\n}");
    CHECK(error.code == "parse-error");
    CHECK(error.message == "expected ',' or '}' after an object member");
    CHECK(error.where.line == 3);
    CHECK(error.where.column == 3);
    CHECK(error.where.file == "a.json");
  }
  SECTION("trailing comma") {
    auto error = parse_fails("a.json", "{\"a\": [1, 2,]}");
    CHECK(error.message == "trailing comma before ']'");
    CHECK(error.where.column == 13);
  }
  SECTION("unquoted key") {
    CHECK(parse_fails("a.json", "{a: 1}").message == "expected a member name in double quotes");
  }
  SECTION("unterminated string points at its opening quote") {
    auto error = parse_fails("a.json", "{\"a\": \"b\",\n \"c\": \"never \\\" closed");
    CHECK(error.message == "unterminated string");
    CHECK(error.where.line == 2);
    CHECK(error.where.column == 7);
  }
  SECTION("raw control character in a string") {
    auto error = parse_fails("a.json", "{\"a\": \"tab\there\"}");
    CHECK(error.message == "control character inside a string");
    CHECK(error.where.column == 11);
  }
  SECTION("text after the document") {
    CHECK(parse_fails("a.json", "{} {}").message == "unexpected text after the end of the JSON document");
  }
  SECTION("invalid UTF-8, when parse_json is called directly") {
    auto parsed = parse_json("a.json", "[\"\xC3\x28\"]");
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().code == "invalid-utf8");
    CHECK(parsed.error().where.column == 3);
    // Text that ends inside a multi-byte sequence once made RapidJSON's own validator read past the end.
    auto truncated = parse_json("a.json", "{\"open\xF0");
    REQUIRE_FALSE(truncated);
    CHECK(truncated.error().code == "invalid-utf8");
  }
  SECTION("NUL byte, when parse_json is called directly") {
    auto parsed = parse_json("a.json", std::string("[1]\0[2]", 7));
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().code == "binary-file");
  }
}

TEST_CASE("JSON duplicate keys are refused at the second key", "[parse][json]") {
  auto error = parse_fails("a.json", "{\"a\": 1,\n \"b\": {},\n \"a\": 2}");
  CHECK(error.code == "duplicate-key");
  CHECK(error.where.line == 3);
  CHECK(error.where.column == 2);
}

// ---- YAML ----

TEST_CASE("YAML values and keys carry the line and column where they start", "[parse][yaml]") {
  auto document = parse_ok("a.yaml",
                           "# a comment\n"
                           "openapi: 3.1.0\n"
                           "info:\n"
                           "  title: 'Pets'\n"
                           "  tags: [a, {b: c}]\n"
                           "paths:\n"
                           "  /pets:\n"
                           "    - one\n"
                           "    -   two\n");
  NodeRef root = document->root();
  CHECK(key_at(root["openapi"]) == At{2, 1});
  CHECK(at(root["openapi"]) == At{2, 10});
  CHECK(at(root["info"]) == At{4, 3});
  CHECK(key_at(root["info"]["title"]) == At{4, 3});
  CHECK(at(root["info"]["title"]) == At{4, 10});
  CHECK(at(root["info"]["tags"]) == At{5, 9});
  CHECK(at(root["info"]["tags"].at(1)) == At{5, 13});
  CHECK(at(root["info"]["tags"].at(1)["b"]) == At{5, 17});
  CHECK(key_at(root["paths"]["/pets"]) == At{7, 3});
  CHECK(at(root["paths"]["/pets"]) == At{8, 5});
  CHECK(at(root["paths"]["/pets"].at(1)) == At{9, 9});
}

TEST_CASE("YAML columns count characters", "[parse][yaml]") {
  auto document = parse_ok("a.yaml",
                           "\xEF\xBB\xBF"
                           "caf\xC3\xA9: [\xE2\x82\xAC, x]\n");
  CHECK(at(document->root()["caf\xC3\xA9"].at(1)) == At{1, 11});
}

TEST_CASE("YAML plain scalars are typed by the YAML 1.2 core schema", "[parse][yaml]") {
  auto kind_of = [](const std::string& scalar) {
    auto document = parse_ok("a.yaml", "v: " + scalar + "\n");
    return document->root()["v"].kind();
  };
  for (const char* text : {"~", "null", "Null", "NULL"}) {
    INFO(text);
    CHECK(kind_of(text) == NodeKind::null);
  }
  CHECK(parse_ok("a.yaml", "v:\n")->root()["v"].is_null());
  for (const char* text : {"true", "True", "TRUE", "false", "False", "FALSE"}) {
    INFO(text);
    CHECK(kind_of(text) == NodeKind::boolean);
  }
  for (const char* text : {"0", "-12", "+7", "007", "0o17", "0x1F", "0xff"}) {
    INFO(text);
    CHECK(kind_of(text) == NodeKind::integer);
  }
  for (const char* text : {"1.5", "1.5e3", "-2E-3", ".5", "1.", "1e5", ".inf", "-.Inf", "+.INF", ".nan", ".NaN"}) {
    INFO(text);
    CHECK(kind_of(text) == NodeKind::number);
  }
  // YAML 1.1 words and near misses stay strings under 1.2.
  for (const char* text :
       {"yes",   "no",    "on", "off", "Yes", "y",     "n",  "nul", "tRue",  "0o8",  "0x",  "0b101", "1_000",
        "1.2.3", "3.0.0", "e5", ".",   "-1-", "+.nan", "1e", "--1", "12:30", "0x1G", "nan", "inf"}) {
    INFO(text);
    CHECK(kind_of(text) == NodeKind::string);
  }
}

TEST_CASE("YAML scalars keep their text; booleans and nulls read the JSON way", "[parse][yaml]") {
  auto document = parse_ok("a.yaml", "a: 0o17\nb: 0x1F\nc: +5\nd: -.inf\ne: True\nf: ~\ng: '0o17'\nh: \"true\"\n");
  NodeRef root = document->root();
  CHECK(root["a"].text() == "0o17");
  CHECK(root["a"].as_integer() == 15);
  CHECK(root["b"].as_integer() == 31);
  CHECK(root["c"].as_integer() == 5);
  CHECK(root["c"].as_number() == 5.0);
  CHECK(root["d"].as_number() == -std::numeric_limits<double>::infinity());
  CHECK(root["e"].text() == "true");
  CHECK(root["e"].as_bool());
  CHECK(root["f"].text() == "null");
  CHECK(root["g"].is_string());
  CHECK(root["g"].text() == "0o17");
  CHECK(root["h"].is_string());
}

TEST_CASE("YAML quoted and block scalars are strings", "[parse][yaml]") {
  auto document = parse_ok("a.yaml",
                           "literal: |\n"
                           "  line one\n"
                           "    indented\n"
                           "  last\n"
                           "folded: >-\n"
                           "  folded\n"
                           "  text\n"
                           "kept: |+\n"
                           "  keep\n"
                           "\n"
                           "number: |\n"
                           "  42\n"
                           "single: '12'\n"
                           "double: \"a\\tb\"\n"
                           "after: x\n");
  NodeRef root = document->root();
  CHECK(root["literal"].text() == "line one\n  indented\nlast\n");
  CHECK(at(root["literal"]) == At{1, 10});
  CHECK(root["folded"].text() == "folded text");
  CHECK(root["kept"].text() == "keep\n\n");
  CHECK(root["number"].is_string());
  CHECK(root["number"].text() == "42\n");
  CHECK(root["single"].is_string());
  CHECK(root["double"].text() == "a\tb");
  CHECK(key_at(root["after"]) == At{15, 1});
}

TEST_CASE("YAML explicit core tags are honoured and checked", "[parse][yaml]") {
  auto document = parse_ok("a.yaml", "a: !!str 123\nb: !!int \"12\"\nc: !!float 3\nd: ! true\ne: !custom 5\n");
  NodeRef root = document->root();
  CHECK(root["a"].is_string());
  CHECK(root["b"].is_integer());
  CHECK(root["c"].kind() == NodeKind::number);
  CHECK(root["d"].is_string());
  CHECK(root["e"].is_integer());
  auto error = parse_fails("a.yaml", "a: 1\nb: !!int abc\n");
  CHECK(error.code == "parse-error");
  CHECK(error.where.line == 2);
}

TEST_CASE("YAML keys: scalars of any type become text, complex keys are refused", "[parse][yaml]") {
  auto document =
      parse_ok("a.yaml", "responses:\n  200: {description: ok}\n  default: x\n  true: 1\n  ~: 2\n  1.5: 3\n");
  NodeRef responses = document->root()["responses"];
  CHECK(responses["200"]["description"].text() == "ok");
  CHECK(responses["true"].as_integer() == 1);
  CHECK(responses["~"].as_integer() == 2);
  CHECK(responses["1.5"].as_integer() == 3);
  CHECK(key_at(responses["200"]) == At{2, 3});

  auto error = parse_fails("a.yaml", "a: 1\n? [x, y]\n: 2\n");
  CHECK(error.code == "parse-error");
  CHECK(error.where.line == 2);
  CHECK(error.where.column == 3);
  CHECK(parse_fails("a.yaml", "{a: 1}: 2\n").code == "parse-error");
}

TEST_CASE("YAML anchors and aliases copy nodes", "[parse][yaml]") {
  auto document = parse_ok("a.yaml",
                           "base: &base\n"
                           "  type: object\n"
                           "  required: [id]\n"
                           "copy: *base\n"
                           "name: &n pet\n"
                           "again: *n\n"
                           "&k kname: 1\n"
                           "*n : 2\n"
                           "<<: *base\n");
  NodeRef root = document->root();
  CHECK(root["copy"]["type"].text() == "object");
  CHECK(root["copy"]["required"].at(0).text() == "id");
  CHECK(root["copy"].pointer() == "/copy");
  CHECK(root["copy"]["required"].at(0).pointer() == "/copy/required/0");
  CHECK(root["again"].text() == "pet");
  CHECK(root["pet"].as_integer() == 2);
  CHECK(root["kname"].as_integer() == 1);
  // Merge keys are not merged: "<<" is an ordinary member.
  CHECK(root["<<"]["type"].text() == "object");
  CHECK_FALSE(root["type"]);
}

TEST_CASE("YAML alias errors", "[parse][yaml]") {
  SECTION("recursive") {
    auto error = parse_fails("a.yaml", "a: &a\n  b: *a\n");
    CHECK(error.code == "parse-error");
    CHECK(error.where.line == 2);
    CHECK(error.where.column == 6);
  }
  SECTION("undefined") {
    auto error = parse_fails("a.yaml", "a: *nowhere\n");
    CHECK(error.code == "parse-error");
    CHECK(error.where.line == 1);
  }
  SECTION("a mapping alias as a key") { CHECK(parse_fails("a.yaml", "a: &a {x: 1}\n*a : 2\n").code == "parse-error"); }
  SECTION("expansion beyond max_nodes") {
    auto error = parse_fails("a.yaml", "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\nb: [*a, *a, *a, *a, *a, *a]\n",
                             ParseLimits{.max_depth = 1000, .max_nodes = 50});
    CHECK(error.code == "too-large");
    CHECK(error.where.line == 2);
  }
}

TEST_CASE("A billion laughs fails fast with too-large", "[parse][yaml][limits]") {
  auto started = std::chrono::steady_clock::now();
  auto error = load_fails("billion-laughs.yaml");
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  CHECK(error.code == "too-large");
  CHECK(error.where.line > 0);
  CHECK(seconds < 5.0);  // well under a second in a release build; sanitizers are slower
}

TEST_CASE("YAML syntax errors come out as parse-error with a position", "[parse][yaml]") {
  SECTION("bad indentation") {
    auto error = parse_fails("a.yaml", "info:\n  title: x\n   version: 1\n");
    CHECK(error.code == "parse-error");
    CHECK(error.where.line == 3);
  }
  SECTION("tab indentation") {
    auto error = parse_fails("a.yaml", "info:\n\ttitle: x\n");
    CHECK(error.code == "parse-error");
    CHECK(error.message == "a tab character cannot indent YAML");
    CHECK(error.where.line == 2);
    CHECK(error.where.column == 1);
  }
  SECTION("unterminated quote points at the quote") {
    auto error = parse_fails("a.yaml", "a: 1\nb: \"open\nc: 2\n");
    CHECK(error.message == "unterminated quoted string");
    CHECK(error.where.line == 2);
    CHECK(error.where.column == 4);
  }
  SECTION("a line without ':'") {
    auto error = parse_fails("a.yaml", "a: 1\nb\nc: 2\n");
    CHECK(error.where.line == 2);
  }
  SECTION("unclosed flow sequence") {
    auto error = parse_fails("a.yaml", "a: [1, 2\nb: 3\n");
    CHECK(error.code == "parse-error");
    CHECK(error.where.line >= 2);
  }
  SECTION("control character") {
    auto error = parse_fails("a.yaml", "a: b\x01\n");
    CHECK(error.code == "parse-error");
    CHECK(error.where.line == 1);
    CHECK(error.where.column == 5);
  }
  SECTION("more than one document") {
    auto error = parse_fails("a.yaml", "a: 1\n---\nb: 2\n");
    CHECK(error.message == "more than one YAML document in the file");
    CHECK(error.where.line == 2);
  }
  SECTION("only comments") { CHECK(parse_fails("a.yaml", "# nothing here\n").code == "empty-file"); }
}

TEST_CASE("YAML duplicate keys are refused at the second key", "[parse][yaml]") {
  auto error = parse_fails("a.yaml", "a: 1\nb:\n  c: 1\n  c: 2\n");
  CHECK(error.code == "duplicate-key");
  CHECK(error.where.line == 4);
  CHECK(error.where.column == 3);
}

TEST_CASE("Single documents of any shape parse; the OpenAPI layer judges them", "[parse]") {
  CHECK(parse_ok("a.yaml", "---\n")->root().is_null());
  CHECK(parse_ok("a.yaml", "just text\n")->root().text() == "just text");
  CHECK(parse_ok("a.json", "\"text\"")->root().is_string());
  CHECK(parse_ok("a.json", "[]")->root().size() == 0);
  CHECK(parse_ok("a.yaml", "{openapi: 3.1.0, paths: {}}")->root()["openapi"].text() == "3.1.0");
  CHECK(parse_ok("a.yml", "[a, b]")->root().size() == 2);
}

// ---- Shared checks and limits ----

TEST_CASE("detect_format looks at the first significant character", "[parse]") {
  CHECK(detect_format("{}") == SourceFormat::json);
  CHECK(detect_format(" \n\t[1]") == SourceFormat::json);
  CHECK(detect_format("\xEF\xBB\xBF{") == SourceFormat::json);
  CHECK(detect_format("openapi: 3.1.0") == SourceFormat::yaml);
  CHECK(detect_format("# {comment}\n{}") == SourceFormat::yaml);
  CHECK(detect_format("") == SourceFormat::yaml);
}

TEST_CASE("check_text refuses empty, binary and non-UTF-8 text", "[parse]") {
  CHECK(check_text("a", "openapi: 3.1.0\n"));
  CHECK(check_text("a", "title: caf\xC3\xA9 \xF0\x9F\x98\x80\n"));
  CHECK(check_text("a", "").error().code == "empty-file");
  CHECK(check_text("a", " \r\n\t\n").error().code == "empty-file");
  CHECK(check_text("a", "\xEF\xBB\xBF").error().code == "empty-file");
  CHECK_FALSE(check_text("a", "").error().hint.empty());

  auto binary = check_text("a", std::string("ab\ncd\0", 6)).error();
  CHECK(binary.code == "binary-file");
  CHECK(binary.where.line == 2);
  CHECK(binary.where.column == 3);

  auto latin1 = check_text("a", "a: 1\nb: caf\xE9\n").error();
  CHECK(latin1.code == "invalid-utf8");
  CHECK(latin1.where.line == 2);
  CHECK(latin1.where.column == 7);
  CHECK(latin1.message.find("0xE9") != std::string::npos);

  for (const char* bad : {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82", "\x80", "\xFF"}) {
    INFO(bad);
    auto error = check_text("a", std::string("x\xC3\xA9") + bad).error();
    CHECK(error.code == "invalid-utf8");
    CHECK(error.where.column == 3);
  }
  CHECK(check_text("a", "\xFF\xFE{\0\"\0").error().code == "invalid-utf8");
}

TEST_CASE("Bad input fixtures give the right code and a position", "[parse][fixtures]") {
  struct Case {
    const char* file;
    const char* code;
    std::uint32_t line;
  };
  for (auto [file, code, line] :
       {Case{"malformed.yaml", "parse-error", 4}, Case{"malformed.json", "parse-error", 5},
        Case{"empty.yaml", "empty-file", 1}, Case{"binary.bin", "binary-file", 3},
        Case{"invalid-utf8.yaml", "invalid-utf8", 3}, Case{"duplicate-keys.yaml", "duplicate-key", 11},
        Case{"duplicate-keys.json", "duplicate-key", 5}, Case{"billion-laughs.yaml", "too-large", 0}}) {
    INFO(file);
    auto error = load_fails(file);
    CHECK(error.code == code);
    CHECK(error.where.file == file);
    CHECK(error.where.line > 0);
    if (line > 0) CHECK(error.where.line == line);
  }
  auto missing_comma = load_fails("malformed.json");
  CHECK(missing_comma.where.column == 5);
  CHECK(load_fails("invalid-utf8.yaml").where.column == 13);
}

TEST_CASE("A scalar or a list document loads; rejecting it is the OpenAPI layer's job", "[parse][fixtures]") {
  auto scalar = load_document(project_root / "tests/fixtures/bad/scalar.yaml", "scalar.yaml");
  REQUIRE(scalar);
  CHECK((*scalar)->root().is_string());
  auto list = load_document(project_root / "tests/fixtures/bad/list.yaml", "list.yaml");
  REQUIRE(list);
  CHECK((*list)->root().is_sequence());
}

TEST_CASE("load_document reports unreadable paths as io-error", "[parse]") {
  auto missing = load_document(project_root / "tests/fixtures/bad/no-such-file.yaml", "no-such-file.yaml");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == "io-error");
  CHECK(missing.error().where.file == "no-such-file.yaml");
  CHECK_FALSE(missing.error().hint.empty());
  auto directory = load_document(project_root / "tests/fixtures/bad", "bad");
  REQUIRE_FALSE(directory);
  CHECK(directory.error().code == "io-error");
}

TEST_CASE("100,000 levels of nesting give too-deep, never a crash", "[parse][limits]") {
  constexpr std::size_t levels = 100'000;
  SECTION("JSON arrays") {
    auto error = parse_fails("deep.json", std::string(levels, '[') + std::string(levels, ']'));
    CHECK(error.code == "too-deep");
    CHECK(error.where.line == 1);
    CHECK(error.where.column == 1001);
  }
  SECTION("JSON objects") {
    std::string text;
    for (std::size_t i = 0; i < levels; ++i) text += "{\"a\":";
    text += "1" + std::string(levels, '}');
    CHECK(parse_fails("deep.json", text).code == "too-deep");
  }
  SECTION("JSON, unterminated") { CHECK(parse_fails("deep.json", std::string(levels, '[')).code == "too-deep"); }
  SECTION("YAML flow sequences") {
    auto error = parse_fails("deep.yaml", "a: " + std::string(levels, '[') + std::string(levels, ']') + "\n");
    CHECK(error.code == "too-deep");
    CHECK(error.where.line == 1);
  }
  SECTION("YAML block sequences") {
    std::string text;
    for (std::size_t i = 0; i < levels; ++i) text += "- ";
    text += "x\n";
    CHECK(parse_fails("deep.yaml", text).code == "too-deep");
  }
  SECTION("YAML block mappings") {
    std::string text;
    for (std::size_t i = 0; i < 2000; ++i) text += std::string(i, ' ') + "a:\n";
    CHECK(parse_fails("deep.yaml", text).code == "too-deep");
  }
  SECTION("a custom depth limit") {
    CHECK(parse_ok("a.json", "[[[1]]]", ParseLimits{.max_depth = 3})->root().at(0).at(0).at(0).as_integer() == 1);
    CHECK(parse_fails("a.json", "[[[[1]]]]", ParseLimits{.max_depth = 3}).code == "too-deep");
  }
}

TEST_CASE("JSON pointers through Document::find and NodeRef::pointer", "[parse][pointer]") {
  for (const char* text : {R"({"paths": {"/pets/{id}": {"get": {"a~b": [10, {"": 20}]}}}})",
                           "paths:\n  /pets/{id}:\n    get:\n      a~b: [10, {'': 20}]\n"}) {
    auto document = parse_ok(text[0] == '{' ? "a.json" : "a.yaml", text);
    NodeRef item = document->find("/paths/~1pets~1{id}/get/a~0b/1");
    REQUIRE(item.is_mapping());
    CHECK(item.pointer() == "/paths/~1pets~1{id}/get/a~0b/1");
    NodeRef empty_key = document->find("/paths/~1pets~1{id}/get/a~0b/1/");
    CHECK(empty_key.as_integer() == 20);
    CHECK(empty_key.pointer() == "/paths/~1pets~1{id}/get/a~0b/1/");
    CHECK(document->find("") == document->root());
    CHECK(document->root()["paths"]["/pets/{id}"].pointer() == "/paths/~1pets~1{id}");
    CHECK_FALSE(document->find("/paths/pets"));
    CHECK_FALSE(document->find("/paths/~1pets~1{id}/get/a~0b/2"));
    CHECK_FALSE(document->find("paths"));
  }
}

TEST_CASE("Every JSON and YAML file of the shared corpus parses", "[parse][corpus]") {
  const auto corpus = project_root / "../shared/corpus";
  std::error_code ec;
  if (!std::filesystem::is_directory(corpus, ec)) {
    WARN("skipped: " << corpus.string() << " is absent");
    return;
  }
  std::size_t files = 0;
  for (auto it = std::filesystem::recursive_directory_iterator(corpus, ec);
       it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    auto extension = it->path().extension();
    if (!it->is_regular_file() || (extension != ".json" && extension != ".yaml" && extension != ".yml")) continue;
    auto loaded = load_document(it->path(), it->path().string());
    if (!loaded) FAIL_CHECK(format_diagnostic(loaded.error()));
    ++files;
  }
  CHECK(files > 0);
}
