// apictl.toml: strict reading with positions, and discovery by walking up.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "project/project_config.hpp"
#include "support/scratch_folder.hpp"

namespace fs = std::filesystem;
using namespace apictl;

namespace {

fs::path write_config(const std::string& name, const std::string& text) {
  static const test::ScratchFolder folder("config");
  return folder.write(name + "/apictl.toml", text);
}

}  // namespace

TEST_CASE("a full [contract.lint] table is read") {
  auto file = write_config("full", R"([project]
name = "petstore"

[contract]
path = "openapi.yaml"

[contract.lint]
preset = "strict"
rules = { "operation-description" = "off", "no-unresolved-refs" = "warn" }
ignore = [ { rule = "no-unresolved-refs", pointer = "/paths/**" } ]
)");
  auto config = project::load_project_config(file);
  REQUIRE(config.has_value());
  CHECK(config->name == "petstore");
  CHECK(config->contract == fs::path("openapi.yaml"));
  CHECK(config->lint.preset == lint::Preset::strict);
  REQUIRE(config->lint.overrides.size() == 2);
  auto refs = std::find_if(config->lint.overrides.begin(), config->lint.overrides.end(),
                           [](const auto& item) { return item.rule == "no-unresolved-refs"; });
  REQUIRE(refs != config->lint.overrides.end());
  CHECK(refs->severity == Severity::warn);
  auto description = std::find_if(config->lint.overrides.begin(), config->lint.overrides.end(),
                                  [](const auto& item) { return item.rule == "operation-description"; });
  REQUIRE(description != config->lint.overrides.end());
  CHECK_FALSE(description->severity.has_value());
  REQUIRE(config->lint.ignores.size() == 1);
  CHECK(config->lint.ignores[0].pointer == "/paths/**");
}

TEST_CASE("unknown keys, bad values and unknown rules are errors with line and column") {
  auto unknown_key =
      project::load_project_config(write_config("unknown", "[contract]\npath = \"a.yaml\"\nbaseline2 = 1\n"));
  REQUIRE_FALSE(unknown_key.has_value());
  CHECK(unknown_key.error().where.line == 3);
  CHECK(unknown_key.error().where.column == 1);
  CHECK(unknown_key.error().message.find("baseline2") != std::string::npos);

  auto bad_preset = project::load_project_config(write_config("preset", "[contract.lint]\npreset = \"strictest\"\n"));
  REQUIRE_FALSE(bad_preset.has_value());
  CHECK(bad_preset.error().where.line == 2);
  CHECK(bad_preset.error().hint.find("recommended") != std::string::npos);

  auto bad_rule = project::load_project_config(
      write_config("rule", "[contract.lint]\nrules = { \"no-unresolved-ref\" = \"off\" }\n"));
  REQUIRE_FALSE(bad_rule.has_value());
  CHECK(bad_rule.error().code == "unknown-rule");
  CHECK(bad_rule.error().hint.find("no-unresolved-refs") != std::string::npos);
  CHECK(bad_rule.error().where.line == 2);

  auto syntax = project::load_project_config(write_config("syntax", "[contract\npath = 1\n"));
  REQUIRE_FALSE(syntax.has_value());
  CHECK(syntax.error().where.line == 1);
}

TEST_CASE("the project file is found in a parent folder") {
  auto file = write_config("walk", "[contract]\npath = \"api.yaml\"\n");
  fs::create_directories(file.parent_path() / "a" / "b");
  auto found = project::find_project_config(file.parent_path() / "a" / "b");
  REQUIRE(found.has_value());
  REQUIRE(found->has_value());
  CHECK(fs::equivalent((*found)->file, file));
}

TEST_CASE("[dev] and [answers] are read; unknown [dev] keys are errors with line and column") {
  auto file = write_config("dev", R"([project]
template = "fastapi"
template_version = "1.0.0"

[dev]
command = "python3 -m uvicorn app.main:app --port {port}"
test = "python3 -m pytest -q"
health = "/healthz"
watch = ["app/**/*.py"]

[answers]
project_name = "pets"
port = 8000
git = false
)");
  auto config = project::load_project_config(file);
  REQUIRE(config.has_value());
  CHECK(config->template_name == "fastapi");
  CHECK(config->dev.test == "python3 -m pytest -q");
  CHECK(config->dev.watch == std::vector<std::string>{"app/**/*.py"});
  REQUIRE(config->answers.size() == 3);
  CHECK(config->answers[0].first == "project_name");  // file order, not toml++'s sorted order
  CHECK(std::get<std::int64_t>(config->answers[1].second) == 8000);
  CHECK(std::get<bool>(config->answers[2].second) == false);

  auto unknown = project::load_project_config(write_config("dev-unknown", "[dev]\ncommand = \"x\"\nreload = true\n"));
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().where.line == 3);
  CHECK(unknown.error().message.find("reload") != std::string::npos);

  auto bad_answer = project::load_project_config(write_config("answers-bad", "[answers]\nratio = 0.5\n"));
  REQUIRE_FALSE(bad_answer.has_value());
  CHECK(bad_answer.error().where.line == 2);
}
