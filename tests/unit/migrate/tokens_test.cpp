// The Python and C++ tokenizers of code rewrites: kinds, places, the nasty literals, errors, and that any input
// gives ordered, non-overlapping tokens.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "migrate/cpp_tokens.hpp"
#include "migrate/python_tokens.hpp"

using namespace apictl::migrate;

namespace {

struct Seen {
  TokenKind kind;
  std::string text;
  bool operator==(const Seen&) const = default;
};

std::vector<Seen> seen(std::string_view source, const Tokens& tokens) {
  std::vector<Seen> out;
  for (const Token& token : tokens.tokens) out.push_back({token.kind, std::string(token.text(source))});
  return out;
}

std::vector<Seen> python(std::string_view source) {
  Tokens tokens = tokenize_python(source);
  INFO(source);
  CHECK_FALSE(tokens.error.has_value());
  return seen(source, tokens);
}

std::vector<Seen> cpp(std::string_view source) {
  Tokens tokens = tokenize_cpp(source);
  INFO(source);
  CHECK_FALSE(tokens.error.has_value());
  return seen(source, tokens);
}

// Strings of the token texts of one kind.
std::vector<std::string> of_kind(const std::vector<Seen>& tokens, TokenKind kind) {
  std::vector<std::string> out;
  for (const Seen& token : tokens)
    if (token.kind == kind) out.push_back(token.text);
  return out;
}

void check_well_formed(std::string_view source, const Tokens& tokens) {
  std::size_t end = 0;
  for (const Token& token : tokens.tokens) {
    REQUIRE(token.offset >= end);
    REQUIRE(token.end() <= source.size());
    REQUIRE(token.line >= 1);
    REQUIRE(token.column >= 1);
    REQUIRE((token.length > 0 || token.kind == TokenKind::newline));
    end = token.end();
  }
}

constexpr TokenKind name = TokenKind::name;
constexpr TokenKind op = TokenKind::op;
constexpr TokenKind string = TokenKind::string;
constexpr TokenKind number = TokenKind::number;
constexpr TokenKind comment = TokenKind::comment;
constexpr TokenKind newline = TokenKind::newline;

}  // namespace

TEST_CASE("Python tokens: names, numbers, operators, logical lines", "[migrate]") {
  auto simple = python("x = a.b(1_000.5e-3j, 0xFF, .5) ** 2\n");
  CHECK(of_kind(simple, name) == std::vector<std::string>{"x", "a", "b"});
  CHECK(of_kind(simple, number) == std::vector<std::string>{"1_000.5e-3j", "0xFF", ".5", "2"});
  CHECK(of_kind(simple, op) == std::vector<std::string>{"=", ".", "(", ",", ",", ")", "**"});
  CHECK(simple.size() == 15);
  // Inside brackets and after a backslash, a line break does not end the logical line.
  auto joined = python("f(a,\n  b)\nx = 1 + \\\n    2\n\n# only a comment\ny = 3");
  CHECK(of_kind(joined, newline).size() == 3);
  CHECK(of_kind(joined, comment) == std::vector<std::string>{"# only a comment"});
  CHECK(joined.back() == Seen{newline, ""});  // the last line has no line break
  CHECK(of_kind(python("a := b; c //= d -> e ... f != g @= h"), op) ==
        std::vector<std::string>{":=", ";", "//=", "->", "...", "!=", "@="});
}

TEST_CASE("Python tokens: lines and columns count characters", "[migrate]") {
  std::string source = "s = 'é'\r\n  tëst = 1\n";
  Tokens tokens = tokenize_python(source);
  REQUIRE(tokens.tokens.size() == 8);
  CHECK(tokens.tokens[2].line == 1);
  CHECK(tokens.tokens[2].column == 5);
  CHECK(tokens.tokens[3].text(source) == "\r\n");
  CHECK(tokens.tokens[4].text(source) == "tëst");
  CHECK(tokens.tokens[4].line == 2);
  CHECK(tokens.tokens[4].column == 3);
  CHECK(tokens.tokens[5].column == 8);  // `=` after the 4 characters (5 bytes) of tëst
}

TEST_CASE("Python tokens: strings with every prefix and quoting", "[migrate]") {
  for (std::string prefix :
       {"", "r", "R", "b", "B", "u", "U", "f", "F", "rb", "bR", "Rb", "BR", "fr", "rF", "Fr", "RF"}) {
    for (std::string quoted : {"'a'", "\"a\"", "'''a'''", "\"\"\"a\"\"\""}) {
      std::string literal = prefix + quoted;
      CHECK(python("x = " + literal + "\n") ==
            std::vector<Seen>{{name, "x"}, {op, "="}, {string, literal}, {newline, "\n"}});
    }
  }
  // Not prefixes: the name and the string stay apart.
  CHECK(python("ur'x'") == std::vector<Seen>{{name, "ur"}, {string, "'x'"}, {newline, ""}});
  CHECK(python("bf'x'") == std::vector<Seen>{{name, "bf"}, {string, "'x'"}, {newline, ""}});
  CHECK(python("print'x'") == std::vector<Seen>{{name, "print"}, {string, "'x'"}, {newline, ""}});
}

TEST_CASE("Python tokens: the nasty literals", "[migrate]") {
  // Triple quotes holding quotes, and lines.
  std::string triple = "\"\"\"He said \"hi\" and ''then'' \"\"left\n\"\"\"";
  CHECK(of_kind(python("x = " + triple + "\n"), string) == std::vector<std::string>{triple});
  // Raw strings: a backslash still keeps the quote inside; `r"\\"` ends after two backslashes.
  CHECK(of_kind(python(R"py(a = r"\d+\"x" + r"\\" + r'\'')py"), string) ==
        std::vector<std::string>{R"py(r"\d+\"x")py", R"py(r"\\")py", R"py(r'\'')py"});
  // Comments with quotes are comments; quotes in them open nothing.
  auto commented = python("x = 1  # it's \"quoted\n'''y'''\n");
  CHECK(of_kind(commented, comment) == std::vector<std::string>{"# it's \"quoted"});
  CHECK(of_kind(commented, string) == std::vector<std::string>{"'''y'''"});
  // f-strings are one token, nested ones and format specs included.
  std::string nested = R"(f"{f'{x!r:>{width}}'} {{literal}} {d['k']:%Y}")";
  CHECK(of_kind(python("s = " + nested + "\n"), string) == std::vector<std::string>{nested});
  // Python 3.12: the same quotes inside a replacement field, and comments in a multi-line field.
  std::string reused = R"(f"{d["key"]} {", ".join(["a", "b"])}")";
  CHECK(of_kind(python("s = " + reused + "\n"), string) == std::vector<std::string>{reused});
  std::string multi_line = "f'''{\n  x  # a comment with a 'quote\n}'''";
  CHECK(of_kind(python("s = " + multi_line + "\n"), string) == std::vector<std::string>{multi_line});
  // A named character holds braces that are not a field; an escaped quote does not end the string.
  std::string named = R"(f"\N{BULLET} {x} \"q\"")";
  CHECK(of_kind(python("s = " + named + "\n"), string) == std::vector<std::string>{named});
  // A line continuation inside a single-quoted string.
  std::string continued = "'a\\\nb'";
  CHECK(of_kind(python("s = " + continued + "\n"), string) == std::vector<std::string>{continued});
}

TEST_CASE("Python tokens: invalid input gives tokens to the end and the first error", "[migrate]") {
  SECTION("unterminated single-quoted string stops at its line") {
    std::string source = "a = 1\nb = 'open\nc = 2\n";
    Tokens tokens = tokenize_python(source);
    REQUIRE(tokens.error.has_value());
    CHECK(tokens.error->line == 2);
    CHECK(tokens.error->column == 5);
    auto texts = seen(source, tokens);
    CHECK(of_kind(texts, string) == std::vector<std::string>{"'open"});
    CHECK(texts.back() == Seen{newline, "\n"});
    CHECK(std::count(texts.begin(), texts.end(), Seen{name, "c"}) == 1);
  }
  SECTION("unterminated triple-quoted string runs to the end") {
    std::string source = "x = '''never\nclosed\n";
    Tokens tokens = tokenize_python(source);
    REQUIRE(tokens.error.has_value());
    CHECK(tokens.error->message == "this triple-quoted string is never closed");
    CHECK(of_kind(seen(source, tokens), string) == std::vector<std::string>{"'''never\nclosed\n"});
  }
  SECTION("stray characters and brackets") {
    Tokens stray = tokenize_python("a = $b\n");
    REQUIRE(stray.error.has_value());
    CHECK(stray.error->column == 5);
    CHECK(stray.tokens[2].kind == TokenKind::unknown);
    Tokens open = tokenize_python("f(a,\n  b\n");
    REQUIRE(open.error.has_value());
    CHECK(open.error->line == 1);
    CHECK(open.error->column == 2);
    Tokens closer = tokenize_python("a)\n");
    REQUIRE(closer.error.has_value());
    CHECK(closer.error->message == "unmatched ')'");
  }
  SECTION("empty and blank input") {
    CHECK(tokenize_python("").tokens.empty());
    CHECK(tokenize_python("\n\n   \n# c\n").tokens.size() == 1);
  }
}

TEST_CASE("C++ tokens: literals, comments, directives", "[migrate]") {
  CHECK(cpp("auto s = u8R\"x(a)\"b)x\"sv;") ==
        std::vector<Seen>{{name, "auto"}, {name, "s"}, {op, "="}, {string, "u8R\"x(a)\"b)x\"sv"}, {op, ";"}});
  // A raw string holding `)"`, and every encoding prefix.
  CHECK(of_kind(cpp(R"cpp(f(R"(no \escapes)", R"d()" )d", L'x', U"\"", u'\'',
                            "a"
                            "b",
                            '"');)cpp"),
                string) == std::vector<std::string>{R"cpp(R"(no \escapes)")cpp", R"cpp(R"d()" )d")cpp", "L'x'",
                                                    R"cpp(U"\"")cpp", R"cpp(u'\'')cpp", R"("a")", R"("b")", R"('"')"});
  CHECK(of_kind(cpp("int n = 1'000'000 + 0x1p-3 + 1.5e+10f + 42_km;"), number) ==
        std::vector<std::string>{"1'000'000", "0x1p-3", "1.5e+10f", "42_km"});
  auto commented = cpp("a = b; // it's \"here\"\n/* \"*/ c <=> d->e::f;");
  CHECK(of_kind(commented, comment) == std::vector<std::string>{"// it's \"here\"", "/* \"*/"});
  CHECK(of_kind(commented, op) == std::vector<std::string>{"=", ";", "<=>", "->", "::", ";"});
  auto directives = cpp("#include <vector>\n  #  define S \"/*\" // why\n#error can't go on\nint x;");
  CHECK(of_kind(directives, TokenKind::preprocessor) ==
        std::vector<std::string>{"#include <vector>", "#  define S \"/*\"", "#error can't go on"});
  CHECK(of_kind(directives, comment) == std::vector<std::string>{"// why"});
  // A directive continued over lines is one token; `#` elsewhere is punctuation.
  CHECK(of_kind(cpp("#define F(x) \\\n  (x)\nF(#)"), TokenKind::preprocessor) ==
        std::vector<std::string>{"#define F(x) \\\n  (x)"});
}

TEST_CASE("C++ tokens: invalid input gives tokens to the end and the first error", "[migrate]") {
  Tokens raw = tokenize_cpp("x = R\"end(never closed)\";\ny;");
  REQUIRE(raw.error.has_value());
  CHECK(raw.error->message == "this raw string is never closed with )end\"");
  CHECK(raw.tokens.back().kind == TokenKind::string);
  Tokens comment_open = tokenize_cpp("a; /* open");
  REQUIRE(comment_open.error.has_value());
  CHECK(comment_open.error->column == 4);
  Tokens literal = tokenize_cpp("s = \"no end\nt;");
  REQUIRE(literal.error.has_value());
  CHECK(literal.error->line == 1);
  CHECK(literal.tokens.back().kind == TokenKind::op);
}

TEST_CASE("tokenizers never fail on arbitrary bytes", "[migrate]") {
  std::mt19937 random(20240613);
  const std::string alphabet = "abf rRuU8\"'\\{}()[]#/*\n\r\t:!=.0x$\xC3\xA9\xFF";
  for (int round = 0; round < 2000; ++round) {
    std::string source;
    std::size_t length = random() % 64;
    for (std::size_t i = 0; i < length; ++i) source += alphabet[random() % alphabet.size()];
    INFO(source);
    check_well_formed(source, tokenize_python(source));
    check_well_formed(source, tokenize_cpp(source));
  }
}
