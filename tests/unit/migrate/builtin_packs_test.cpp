// The built-in packs: embedded with their template, valid, and never generated into a project.
#include <catch2/catch.hpp>

#include <algorithm>

#include "migrate/builtin_packs.hpp"
#include "migrate/catalog.hpp"
#include "scaffold/answers.hpp"
#include "scaffold/generator.hpp"
#include "scaffold/template_history.hpp"
#include "scaffold/template_source.hpp"

using namespace apictl;
using namespace apictl::migrate;

TEST_CASE("the built-in packs are embedded and read without error", "[migrate]") {
  std::vector<PackFile> packs = builtin_pack_files();
  std::vector<std::string> names;
  for (const PackFile& pack : packs) names.push_back(pack.template_name + "/" + pack.name);
  std::ranges::sort(names);
  CHECK(names == std::vector<std::string>{"cpp-httplib/template-cpp-httplib-1.1.0.toml",
                                          "fastapi/fastapi-lifespan.toml", "fastapi/pydantic-v2.toml",
                                          "fastapi/template-fastapi-1.1.0.toml"});
  auto migrations = load_builtin_migrations();
  REQUIRE(migrations.has_value());
  REQUIRE(migrations->size() == 4);
  for (const Migration& migration : *migrations) {
    INFO(migration.id);
    CHECK(migration.builtin);
    REQUIRE(migration.upgrades.has_value());
    if (migration.upgrades->subject == Upgrade::Subject::template_) {
      // A template release: its template holds that release, and the step brings projects to it.
      auto source = scaffold::load_builtin_template(migration.upgrades->name);
      REQUIRE(source.has_value());
      CHECK(source->manifest.version == migration.upgrades->to);
      REQUIRE(migration.steps.size() == 1);
      CHECK(migration.steps.front()->kind() == "template");
      CHECK(migration.steps.front()->describe().find("release " + migration.upgrades->to) != std::string::npos);
      auto versions = scaffold::template_versions(*source);
      REQUIRE(versions.has_value());
      CHECK(versions->size() >= 2);
      for (const std::string& version : *versions) {
        auto earlier = scaffold::template_at_version(*source, version);
        CHECK(earlier.has_value());
      }
      continue;
    }
    REQUIRE(migration.verify.has_value());
    CHECK(migration.verify->command == "python3 -m pytest -q");
    CHECK(migration.verify->prefer_project_test);
    CHECK(migration.steps.front()->kind() == "rewrite");
  }
}

TEST_CASE("a project made from a built-in template gets no migrations/ folder", "[migrate]") {
  for (const std::string& name : scaffold::builtin_template_names()) {
    INFO(name);
    auto source = scaffold::load_builtin_template(name);
    REQUIRE(source.has_value());
    CHECK(std::ranges::any_of(source->files, [](const auto& file) { return file.path.starts_with("migrations/"); }));
    scaffold::AnswerOptions options;
    options.directory_name = "shop";
    options.use_defaults = true;
    auto answers = scaffold::resolve_answers(source->manifest, options);
    REQUIRE(answers.has_value());
    auto plan = scaffold::plan_project(*source, {source->manifest.name, source->manifest.version}, *answers);
    REQUIRE(plan.has_value());
    CHECK_FALSE(plan->files.empty());
    CHECK(std::ranges::none_of(plan->files,
                               [](const auto& file) { return file.path.generic_string().starts_with("migrations/"); }));
  }
}
