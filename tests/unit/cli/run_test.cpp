// The whole CLI in-process: exit codes, help text, and where diagnostics go.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/run_cli.hpp"
#include "support/scratch_folder.hpp"

TEST_CASE("--version prints the version and exits 0") {
  auto result = apictl::test::run_cli({"--version"});
  CHECK(result.code == 0);
  CHECK(result.out == std::string("apictl ") + APICTL_VERSION + "\n");
}

TEST_CASE("--help at every level teaches with examples and exit codes") {
  for (auto args : std::vector<std::vector<std::string>>{{"--help"},
                                                         {"contract", "--help"},
                                                         {"contract", "lint", "--help"},
                                                         {"contract", "rules", "--help"},
                                                         {"contract", "test", "--help"}}) {
    INFO(args.size());
    auto result = apictl::test::run_cli(args);
    CHECK(result.code == 0);
    CHECK(result.out.find("Exit codes: 0") != std::string::npos);
    CHECK(result.err.empty());
  }
  CHECK(apictl::test::run_cli({"contract", "--help"}).out.find("Examples:") != std::string::npos);
  auto lint_help = apictl::test::run_cli({"contract", "lint", "--help"});
  CHECK(lint_help.out.find("Examples:") != std::string::npos);
  CHECK(lint_help.out.find("--fail-severity") != std::string::npos);
  CHECK(lint_help.out.find("x-apictl-ignore") != std::string::npos);
  auto test_help = apictl::test::run_cli({"contract", "test", "--help"});
  CHECK(test_help.out.find("Examples:") != std::string::npos);
  CHECK(test_help.out.find("--base-url") != std::string::npos);
  CHECK(test_help.out.find("--seed") != std::string::npos);
  CHECK(apictl::test::run_cli({"contract", "--help"}).out.find("\n  test ") != std::string::npos);
}

TEST_CASE("only working commands are listed") {
  auto result = apictl::test::run_cli({"--help"});
  CHECK(result.out.find("contract") != std::string::npos);
  CHECK(result.out.find("\n  new ") != std::string::npos);
  CHECK(result.out.find("\n  dev ") != std::string::npos);
  CHECK(result.out.find("\n  migrate ") != std::string::npos);
  CHECK(result.out.find("\n  slo ") != std::string::npos);
  auto slo_help = apictl::test::run_cli({"slo", "--help"});
  for (auto subcommand : {"measure", "check", "report"}) {
    INFO(subcommand);
    CHECK(slo_help.out.find(std::string("\n  ") + subcommand + " ") != std::string::npos);
  }
}

TEST_CASE("usage errors exit 2 with the message on stderr only") {
  auto unknown_flag = apictl::test::run_cli({"contract", "lint", "--no-such-flag"});
  CHECK(unknown_flag.code == 2);
  CHECK(unknown_flag.out.empty());
  CHECK(unknown_flag.err.find("--no-such-flag") != std::string::npos);

  auto bad_format = apictl::test::run_cli({"contract", "lint", "--format", "yaml", "examples/petstore/openapi.yaml"});
  CHECK(bad_format.code == 2);
  CHECK(bad_format.err.find("yaml") != std::string::npos);

  auto no_command = apictl::test::run_cli({});
  CHECK(no_command.code == 2);

  auto bad_rule = apictl::test::run_cli(
      {"contract", "lint", "--rule", "operation-descripton=off", "examples/petstore/openapi.yaml"});
  CHECK(bad_rule.code == 2);
  CHECK(bad_rule.err.find("did you mean") != std::string::npos);

  auto bad_directory = apictl::test::run_cli({"-C", "no/such/dir", "contract", "rules"});
  CHECK(bad_directory.code == 2);
  CHECK(bad_directory.err.find("no/such/dir") != std::string::npos);
}

TEST_CASE("a missing contract file exits 2 naming the file") {
  auto result = apictl::test::run_cli({"contract", "lint", "does-not-exist.yaml"});
  CHECK(result.code == 2);
  CHECK(result.out.empty());
  CHECK(result.err.find("does-not-exist.yaml") != std::string::npos);
}

TEST_CASE("the sample contract lints clean, and json output parses") {
  auto text = apictl::test::run_cli({"contract", "lint", "examples/petstore/openapi.yaml"});
  INFO(text.out << text.err);
  CHECK(text.code == 0);
  auto json = apictl::test::run_cli({"contract", "lint", "--format", "json", "examples/petstore/openapi.yaml"});
  CHECK(json.code == 0);
  auto parsed = nlohmann::json::parse(json.out);
  CHECK(parsed["schema"] == "apictl.lint/v1");
  CHECK(parsed["contracts"][0]["openapi"] == "3.1.0");
  CHECK(parsed["contracts"][0]["files"].size() == 4);  // openapi.yaml and the three schema files
}

TEST_CASE("--fail-severity decides the exit code") {
  apictl::test::ScratchFolder folder("fail-severity");
  const auto file = folder.write("api.yaml", "openapi: 3.1.0\ninfo:\n  title: t\n  version: '1'\npaths: {}\n");
  auto errors_only = apictl::test::run_cli({"contract", "lint", "--preset", "all", "--format", "json", file.string()});
  auto parsed = nlohmann::json::parse(errors_only.out);
  REQUIRE(parsed["summary"]["warnings"].get<int>() > 0);
  CHECK(errors_only.code == (parsed["summary"]["errors"].get<int>() > 0 ? 1 : 0));
  auto warnings =
      apictl::test::run_cli({"contract", "lint", "--preset", "all", "--fail-severity", "warn", file.string()});
  CHECK(warnings.code == 1);
}

TEST_CASE("-C runs as if started in the directory and finds apictl.toml") {
  apictl::test::ScratchFolder folder("minus-c");
  folder.write("apictl.toml", "[contract]\npath = \"api.yaml\"\n");
  folder.write("api.yaml", "openapi: 3.1.0\ninfo:\n  title: t\n  version: '1'\npaths: {}\n");
  std::filesystem::create_directories(folder.path() / "sub");
  auto result =
      apictl::test::run_cli({"-C", (folder.path() / "sub").string(), "contract", "lint", "--preset", "structural"});
  INFO(result.out << result.err);
  CHECK(result.code == 0);
  CHECK(result.out.find("no problems") != std::string::npos);
}

TEST_CASE("docs/lint-rules.md is what `contract rules --format markdown` generates") {
  auto generated = apictl::test::run_cli({"contract", "rules", "--format", "markdown"});
  REQUIRE(generated.code == 0);
  std::ifstream input(std::string(APICTL_SOURCE_DIR) + "/docs/lint-rules.md");
  std::stringstream committed;
  committed << input.rdbuf();
  INFO("regenerate with: build/apictl contract rules --format markdown > docs/lint-rules.md");
  CHECK(committed.str() == generated.out);
}
