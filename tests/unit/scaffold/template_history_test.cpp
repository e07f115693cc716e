// A template's earlier releases as overlays: stepping back one or more releases, the errors of a damaged
// history, `NAME@VERSION` references, and the generator leaving _releases/ out of projects.
#include <catch2/catch.hpp>

#include "scaffold/generator.hpp"
#include "scaffold/template_history.hpp"
#include "scaffold/template_source.hpp"
#include "support/run_cli.hpp"
#include "support/scratch_folder.hpp"

using namespace apictl;
using namespace apictl::scaffold;

namespace {

const TemplateFile* find_file(const Template& source, const std::string& path) {
  for (const TemplateFile& file : source.files) {
    if (file.path == path) return &file;
  }
  return nullptr;
}

// Release 1.2.0 with two earlier ones: 1.1.0 added tests.py and changed app.py; 1.2.0 added extra.py,
// removed old.txt and changed app.py again.
Template three_releases() {
  Template source;
  source.manifest.name = "demo";
  source.manifest.version = "1.2.0";
  source.source = "built-in";
  source.files = {
      {"_releases/1.0.0.toml", "next = \"1.1.0\"\nadded = [\"tests.py\"]\n", false},
      {"_releases/1.0.0/app.py", "app 1.0\n", false},
      {"_releases/1.1.0.toml", "next = \"1.2.0\"\nadded = [\"extra.py\"]\n", false},
      {"_releases/1.1.0/app.py", "app 1.1\n", false},
      {"_releases/1.1.0/old.txt", "old\n", true},
      {"app.py", "app 1.2\n", false},
      {"extra.py", "extra\n", false},
      {"readme.md", "same in all\n", false},
      {"tests.py", "tests\n", false},
  };
  return source;
}

}  // namespace

TEST_CASE("a template steps back through its release overlays", "[scaffold]") {
  Template source = three_releases();
  auto versions = template_versions(source);
  REQUIRE(versions.has_value());
  CHECK(*versions == std::vector<std::string>{"1.2.0", "1.1.0", "1.0.0"});

  auto previous = template_at_version(source, "1.1.0");
  REQUIRE(previous.has_value());
  CHECK(previous->manifest.version == "1.1.0");
  CHECK(find_file(*previous, "app.py")->content == "app 1.1\n");
  CHECK(find_file(*previous, "extra.py") == nullptr);
  REQUIRE(find_file(*previous, "old.txt") != nullptr);
  CHECK(find_file(*previous, "old.txt")->executable);
  CHECK(find_file(*previous, "tests.py") != nullptr);

  auto first = template_at_version(source, "1.0.0");
  REQUIRE(first.has_value());
  CHECK(first->manifest.version == "1.0.0");
  CHECK(find_file(*first, "app.py")->content == "app 1.0\n");
  CHECK(find_file(*first, "tests.py") == nullptr);
  CHECK(find_file(*first, "old.txt") != nullptr);
  CHECK(find_file(*first, "readme.md")->content == "same in all\n");

  auto same = template_at_version(source, "1.2.0");
  REQUIRE(same.has_value());
  CHECK(find_file(*same, "app.py")->content == "app 1.2\n");
}

TEST_CASE("an unknown release or a damaged history is an error that says what to fix", "[scaffold]") {
  Template source = three_releases();
  auto unknown = template_at_version(source, "0.9.0");
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().message == "template 'demo' has no release 0.9.0");
  CHECK(unknown.error().hint == "its releases: 1.2.0, 1.1.0, 1.0.0");

  SECTION("an overlay folder without its release file") {
    source.files.push_back({"_releases/0.9.0/app.py", "app 0.9\n", false});
    auto error = template_versions(source);
    REQUIRE_FALSE(error.has_value());
    CHECK(error.error().message == "release folder _releases/0.9.0/ has no _releases/0.9.0.toml");
  }
  SECTION("a release file with an unknown key, at its line and column") {
    source.files[0].content = "next = \"1.1.0\"\nremoved = []\n";
    auto error = template_versions(source);
    REQUIRE_FALSE(error.has_value());
    CHECK(error.error().message == "unknown key 'removed' in a release file");
    CHECK(error.error().where.line == 2);
    CHECK(error.error().where.column == 1);
  }
  SECTION("an `added` file the next release does not hold") {
    source.files[0].content = "next = \"1.1.0\"\nadded = [\"missing.py\"]\n";
    auto error = template_at_version(source, "1.0.0");
    REQUIRE_FALSE(error.has_value());
    CHECK(error.error().message == "release 1.1.0 is said to add 'missing.py', which it does not hold");
  }
  SECTION("a release file without `next`") {
    source.files[2].content = "added = []\n";
    auto error = template_versions(source);
    REQUIRE_FALSE(error.has_value());
    CHECK(error.error().message == "the release file names no `next` release");
  }
}

TEST_CASE("NAME@VERSION names a release; the generator leaves the history out of projects", "[scaffold]") {
  CHECK(parse_template_reference("fastapi@1.0.0").name_or_path == "fastapi");
  CHECK(parse_template_reference("fastapi@1.0.0").version == "1.0.0");
  CHECK(parse_template_reference("./me@work/template").name_or_path == "./me@work/template");
  CHECK(parse_template_reference("./me@work/template").version.empty());

  Template source = three_releases();
  auto plan = plan_project(source, {"demo", "1.2.0"}, Answers{});
  REQUIRE(plan.has_value());
  for (const PlannedFile& file : plan->files) CHECK_FALSE(file.path.generic_string().starts_with("_releases"));
  CHECK(plan->files.size() == 5);  // app.py, extra.py, readme.md, tests.py and the recorded apictl.toml
}

TEST_CASE("apictl templates lists the releases; apictl new refuses an unknown one", "[scaffold]") {
  auto listed = test::run_cli({"templates"});
  CHECK(listed.code == 0);
  CHECK(listed.out.find("fastapi 1.1.0 (earlier: 1.0.0)\n") != std::string::npos);
  auto json = test::run_cli({"templates", "--format", "json"});
  CHECK(json.out.find("\"releases\": [\n        \"1.1.0\",\n        \"1.0.0\"\n      ]") != std::string::npos);

  test::ScratchFolder folder("template-release");
  auto refused = test::run_cli({"new", (folder.path() / "old").string(), "--template", "fastapi@0.9.0", "--defaults"});
  CHECK(refused.code == 2);
  CHECK(refused.err.find("template 'fastapi' has no release 0.9.0; its releases: 1.1.0, 1.0.0") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(folder.path() / "old"));
}
