// apictl.toml [contract] baseline and [contract.diff]: the full schema, and every error with line:column.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "project/project_config.hpp"

namespace fs = std::filesystem;
using namespace apictl;

namespace {

Result<project::ProjectConfig> parse(const std::string& text) {
  return project::parse_project_config(text, "apictl.toml");
}

// Parses `text`, which must fail; checks the place and returns the error.
Diagnostic error_of(const std::string& text, std::uint32_t line, std::uint32_t column) {
  auto config = parse(text);
  INFO(text);
  REQUIRE_FALSE(config.has_value());
  INFO(format_diagnostic(config.error()));
  CHECK(config.error().where.file == "apictl.toml");
  CHECK(config.error().where.line == line);
  CHECK(config.error().where.column == column);
  return config.error();
}

}  // namespace

TEST_CASE("a full [contract.diff] table is read", "[diff][policy]") {
  auto config = parse(R"([contract]
path = "openapi.yaml"
baseline = "origin/main:openapi.yaml"

[contract.diff]
fail-on = "WARN"
deprecation-days = { beta = 30, stable = 180 }
version-policy = true
levels = { "response-property-enum-value-added" = "ERR", "api-tag-*" = "off", "api-tag-added" = "info" }
ignore = [
  { id = "api-path-removed-without-deprecation", path = "/internal/**", reason = "no clients outside" },
  { id = "response-property-*", method = "get", path = "/legacy/*" },
  "api-operation-id-removed",
  "request-parameter-removed@DELETE /pets/{id}",
]
)");
  REQUIRE(config.has_value());
  CHECK(config->baseline == "origin/main:openapi.yaml");
  const diff::DiffPolicy& policy = config->diff;
  CHECK(policy.fail_on == diff::Level::warn);
  CHECK(policy.deprecation_days_beta == 30);
  CHECK(policy.deprecation_days_stable == 180);
  CHECK(policy.version_policy);
  REQUIRE(policy.levels.size() == 3);
  // In file order, so that a later entry wins over an earlier glob.
  CHECK(policy.levels[0].id == "response-property-enum-value-added");
  CHECK(policy.levels[0].level == diff::Level::err);
  CHECK(policy.levels[1].id == "api-tag-*");
  CHECK_FALSE(policy.levels[1].level);
  CHECK(policy.levels[2].level == diff::Level::info);
  CHECK(policy.levels[0].where.line == 9);
  REQUIRE(policy.ignores.size() == 4);
  CHECK(policy.ignores[0].path == "/internal/**");
  CHECK(policy.ignores[0].reason == "no clients outside");
  CHECK(policy.ignores[1].method == "GET");
  CHECK(policy.ignores[2].id == "api-operation-id-removed");
  CHECK(policy.ignores[2].path.empty());
  CHECK(policy.ignores[3].method == "DELETE");
  CHECK(policy.ignores[3].path == "/pets/{id}");
}

TEST_CASE("without [contract.diff] the defaults apply", "[diff][policy]") {
  auto config = parse("[contract]\npath = \"openapi.yaml\"\n");
  REQUIRE(config.has_value());
  CHECK_FALSE(config->baseline);
  CHECK(config->diff.fail_on == diff::Level::err);
  CHECK_FALSE(config->diff.version_policy);
  CHECK(config->diff.deprecation_days_beta == 0);
  CHECK(config->diff.levels.empty());
  CHECK(config->diff.ignores.empty());
}

TEST_CASE("every [contract.diff] error names its line and column", "[diff][policy]") {
  auto key = error_of("[contract.diff]\nfail_on = \"WARN\"\n", 2, 1);
  CHECK(key.hint.find("did you mean 'fail-on'?") != std::string::npos);
  auto contract_key = error_of("[contract]\nbaseline = \"a.yaml\"\nbasline = 1\n", 3, 1);
  CHECK(contract_key.hint.find("did you mean 'baseline'?") != std::string::npos);
  error_of("[contract]\nbaseline = 3\n", 2, 12);
  error_of("[contract]\nbaseline = \"-\"\n", 2, 12);
  error_of("[contract]\ndiff = 1\n", 2, 8);
  auto level = error_of("[contract.diff]\nfail-on = \"BREAKING\"\n", 2, 11);
  CHECK(level.hint == "use ERR, WARN or INFO");
  error_of("[contract.diff]\ndeprecation-days = 30\n", 2, 20);
  auto stability = error_of("[contract.diff]\ndeprecation-days = { beta = 1, alpha = 2 }\n", 2, 32);
  CHECK(stability.hint.find("draft and alpha") != std::string::npos);
  error_of("[contract.diff]\ndeprecation-days = { stable = -1 }\n", 2, 31);
  error_of("[contract.diff]\ndeprecation-days = { stable = \"180\" }\n", 2, 31);
  error_of("[contract.diff]\nversion-policy = \"yes\"\n", 2, 18);
  error_of("[contract.diff]\nlevels = [\"api-tag-removed\"]\n", 2, 10);
  auto bad_level = error_of("[contract.diff]\nlevels = { \"api-tag-removed\" = \"fatal\" }\n", 2, 32);
  CHECK(bad_level.hint == "use ERR, WARN, INFO or off");
  auto unknown_id = error_of("[contract.diff]\n\nlevels = { \"api-tag-remove\" = \"off\" }\n", 3, 12);
  CHECK(unknown_id.code == "unknown-check");
  CHECK(unknown_id.hint == "did you mean 'api-tag-removed'?");
  error_of("[contract.diff]\nignore = \"api-tag-removed\"\n", 2, 10);
  error_of("[contract.diff]\nignore = [ 3 ]\n", 2, 12);
  auto ignore_key = error_of("[contract.diff]\nignore = [ { id = \"api-tag-removed\", paths = \"/a\" } ]\n", 2, 38);
  CHECK(ignore_key.hint.find("did you mean 'path'?") != std::string::npos);
  error_of("[contract.diff]\nignore = [ { path = \"/a\" } ]\n", 2, 12);
  auto ignore_id = error_of("[contract.diff]\nignore = [\n  { id = \"api-tag-remove\", path = \"/a\" },\n]\n", 3, 10);
  CHECK(ignore_id.hint == "did you mean 'api-tag-removed'?");
  auto ignore_method = error_of("[contract.diff]\nignore = [ { id = \"*\", method = \"GETT\" } ]\n", 2, 33);
  CHECK(ignore_method.hint == "did you mean 'GET'?");
  error_of("[contract.diff]\nignore = [ { id = \"*\", path = \"\" } ]\n", 2, 31);
  auto glob = error_of("[contract.diff]\nignore = [ \"responze-*@/a\" ]\n", 2, 12);
  CHECK(glob.message.find("matches no check id") != std::string::npos);
  error_of("[contract.diff]\nignore = [ \"api-tag-removed@\" ]\n", 2, 12);
  error_of("[contract.diff]\nignore = [ { id = 3 } ]\n", 2, 19);
}

TEST_CASE("the baseline is relative to apictl.toml's folder, also as REV:path", "[diff][policy]") {
  auto config = project::parse_project_config("[contract]\nbaseline = \"HEAD:api/openapi.yaml\"\n",
                                              fs::path("services") / "pets" / "apictl.toml");
  REQUIRE(config.has_value());
  CHECK(project::baseline_argument(*config) == "HEAD:services/pets/api/openapi.yaml");
  config->baseline = "HEAD@{10:30}:openapi.yaml";
  CHECK(project::baseline_argument(*config) == "HEAD@{10:30}:services/pets/openapi.yaml");
  config->baseline = "old/openapi.yaml";
  CHECK(project::baseline_argument(*config) == "services/pets/old/openapi.yaml");
  config->root = ".";
  config->baseline = "origin/main:openapi.yaml";
  CHECK(project::baseline_argument(*config) == "origin/main:openapi.yaml");
  config->baseline.reset();
  CHECK_FALSE(project::baseline_argument(*config));
}
