// The built-in packs: embedded with their template, valid, and never generated into a project.
#include <catch2/catch.hpp>

#include <algorithm>

#include "migrate/builtin_packs.hpp"
#include "migrate/catalog.hpp"
#include "scaffold/answers.hpp"
#include "scaffold/generator.hpp"
#include "scaffold/template_source.hpp"

using namespace apictl;
using namespace apictl::migrate;

TEST_CASE("the built-in packs are embedded and read without error", "[migrate]") {
  std::vector<PackFile> packs = builtin_pack_files();
  std::vector<std::string> names;
  for (const PackFile& pack : packs) names.push_back(pack.template_name + "/" + pack.name);
  std::ranges::sort(names);
  CHECK(names == std::vector<std::string>{"fastapi/fastapi-lifespan.toml", "fastapi/pydantic-v2.toml"});
  auto migrations = load_builtin_migrations();
  REQUIRE(migrations.has_value());
  REQUIRE(migrations->size() == 2);
  for (const Migration& migration : *migrations) {
    CHECK(migration.builtin);
    REQUIRE(migration.upgrades.has_value());
    REQUIRE(migration.verify.has_value());
    CHECK(migration.verify->command == "python3 -m pytest -q");
    CHECK(migration.verify->prefer_project_test);
    CHECK(migration.steps.front()->kind() == "rewrite");
  }
}

TEST_CASE("a project made from the fastapi template gets no migrations/ folder", "[migrate]") {
  auto source = scaffold::load_builtin_template("fastapi");
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
