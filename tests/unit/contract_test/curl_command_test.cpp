// Reproductions: shell quoting that a real shell reads back to the same bytes, ${VAR} references kept live, and
// the curl command line for each kind of request.
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "contract_test/curl_command.hpp"

using namespace apictl;
using contract_test::shell_quote;
using contract_test::shell_quote_keeping_env;

namespace {

// What /bin/sh makes of `word`: the argument printf receives.
std::string shell_reads(const std::string& word) {
  std::string command = "printf '%s' " + word;
  std::FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string out;
  std::array<char, 256> buffer{};
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), n);
  pclose(pipe);
  return out;
}

}  // namespace

TEST_CASE("shell_quote leaves safe words bare and quotes the rest", "[contract-test]") {
  CHECK(shell_quote("GET") == "GET");
  CHECK(shell_quote("http://127.0.0.1:8000/items") == "http://127.0.0.1:8000/items");
  CHECK(shell_quote("") == "''");
  CHECK(shell_quote("a b") == "'a b'");
  CHECK(shell_quote("it's") == "'it'\\''s'");
  CHECK(shell_quote("$HOME") == "'$HOME'");
  CHECK(shell_quote("a\nb") == "$'a\\nb'");
  CHECK(shell_quote("=x") == "'=x'");
}

TEST_CASE("a POSIX shell reads every quoted word back byte for byte", "[contract-test]") {
  // bash reads $'...'; plain sh (dash) does not, so the control-character cases go through bash.
  for (std::string text : {"plain", "two words", "it's", "'", "''", "\"double\"", "$HOME", "`id`", "a;b&c|d", "*?[x]",
                           "{\"name\":\"O'Brien\",\"tags\":[\"a b\"]}", "back\\slash", "~user", "#hash", "x=1&y=2",
                           "!bang", "caf\xc3\xa9"}) {
    INFO(text);
    CHECK(shell_reads(shell_quote(text)) == text);
  }
  std::string control = "line one\nline\ttwo\r\x01 it's";
  std::string script = std::filesystem::temp_directory_path() / "apictl_curl_quote_test.bash";
  std::ofstream(script) << "printf '%s' " << shell_quote(control) << "\n";
  std::FILE* pipe = popen(("bash " + script).c_str(), "r");
  REQUIRE(pipe);
  std::string out;
  std::array<char, 256> buffer{};
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), n);
  pclose(pipe);
  std::filesystem::remove(script);
  CHECK(out == control);
}

TEST_CASE("${VAR} references stay live; everything else stays literal", "[contract-test]") {
  CHECK(shell_quote_keeping_env("Authorization: Bearer ${API_TOKEN}") == "\"Authorization: Bearer ${API_TOKEN}\"");
  CHECK(shell_quote_keeping_env("X-Price: $5 ${T} `x` \"q\"") == "\"X-Price: \\$5 ${T} \\`x\\` \\\"q\\\"\"");
  CHECK(shell_quote_keeping_env("X-Plain: $HOME") == "'X-Plain: $HOME'");  // no ${NAME}: nothing expands
  setenv("APICTL_CURL_TEST_TOKEN", "s3cret", 1);
  CHECK(shell_reads(shell_quote_keeping_env("Bearer ${APICTL_CURL_TEST_TOKEN} $HOME")) == "Bearer s3cret $HOME");
}

TEST_CASE("curl commands for GET, POST with a body, HEAD and bracketed queries", "[contract-test]") {
  contract_test::BaseUrl base{"http", "127.0.0.1", 8000, "/v1"};
  http::Request get{"GET", "/items?limit=100", {}, {}};
  CHECK(contract_test::curl_command(base, get) == "curl -sS -i 'http://127.0.0.1:8000/v1/items?limit=100'");

  http::Request post{"POST", "/items", {{"Content-Type", "application/json"}}, "{\"name\":\"O'Brien\"}"};
  CHECK(contract_test::curl_command(base, post) ==
        "curl -sS -i -X POST http://127.0.0.1:8000/v1/items -H 'Content-Type: application/json' "
        "--data-raw '{\"name\":\"O'\\''Brien\"}'");

  http::Request head{"HEAD", "/items", {}, {}};
  CHECK(contract_test::curl_command(base, head) == "curl -sS -i --head http://127.0.0.1:8000/v1/items");

  http::Request deep{"GET", "/items?filter[tag]=a", {}, {}};
  CHECK(contract_test::curl_command(base, deep).starts_with("curl -sS -i --globoff "));

  contract_test::BaseUrl plain{"http", "example.com", 80, ""};
  CHECK(contract_test::curl_command(plain, get) == "curl -sS -i 'http://example.com/items?limit=100'");
}
