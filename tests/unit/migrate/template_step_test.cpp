// The template step on a project made from a folder template at 1.0.0 and edited since: each kind of file
// (untouched, edited apart from the release's change, edited on the same lines, added, removed) ends as
// docs/migrations.md says; rollback restores every byte; a project without a template record is an error.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "migrate/engine.hpp"
#include "scaffold/new_project.hpp"
#include "support/scratch_folder.hpp"
#include "tree_snapshot.hpp"

namespace fs = std::filesystem;
using namespace apictl;
using namespace apictl::migrate;
using apictl::test::read_file;
using apictl::test::TreeSnapshot;

namespace {

const std::string app_tail = "\n\n\ndef helper():\n    return 1\n\n\ndef other():\n    return 2\n";

// Release 1.1.0, with 1.0.0 as an overlay: 1.1.0 adds a `port` variable and config.txt, changes app.py,
// clash.txt and plain.txt, and removes legacy.txt.
void write_template(const test::ScratchFolder& folder) {
  auto manifest = [](const std::string& version) {
    return "[template]\nname = \"svc\"\nversion = \"" + version +
           "\"\ndescription = \"template step tests\"\n\n"
           "[[variables]]\nname = \"name\"\ndefault = \"{{ directory | kebab }}\"\n";
  };
  folder.write("tpl/template.toml",
               manifest("1.1.0") + "\n[[variables]]\nname = \"port\"\ntype = \"int\"\ndefault = 8000\n");
  folder.write("tpl/apictl.toml", "[project]\nname = \"{{ name }}\"\n\n[dev]\ntest = \"true\"\n");
  folder.write("tpl/app.py",
               "import logging\n\nNAME = \"{{ name }}\"\n\n\ndef main():\n    logging.info(NAME)" + app_tail);
  folder.write("tpl/clash.txt", "alpha\nbeta (1.1)\ngamma\n");
  folder.write("tpl/plain.txt", "plain 1.1\n");
  folder.write("tpl/notes.md", "the same in both releases\n");
  folder.write("tpl/config.txt", "port = {{ port }}\n");
  folder.write("tpl/_releases/1.0.0.toml", "next = \"1.1.0\"\nadded = [\"config.txt\"]\n");
  folder.write("tpl/_releases/1.0.0/template.toml", manifest("1.0.0"));
  folder.write("tpl/_releases/1.0.0/app.py", "NAME = \"{{ name }}\"\n\n\ndef main():\n    print(NAME)" + app_tail);
  folder.write("tpl/_releases/1.0.0/clash.txt", "alpha\nbeta\ngamma\n");
  folder.write("tpl/_releases/1.0.0/plain.txt", "plain 1.0\n");
  folder.write("tpl/_releases/1.0.0/legacy.txt", "legacy\n");
}

fs::path generate(const test::ScratchFolder& folder) {
  scaffold::NewProjectOptions options;
  options.target = folder.path() / "shop";
  options.template_ref = (folder.path() / "tpl").string() + "@1.0.0";
  options.use_defaults = true;
  options.run_hooks = false;
  auto made = scaffold::create_project(options);
  if (!made) FAIL(format_diagnostic(made.error()));
  REQUIRE(made->template_version == "1.0.0");
  return options.target;
}

const std::string template_migration =
    "id = \"20261127-0000-svc-1-1-0\"\ntitle = \"svc template 1.1.0\"\n\n[[steps]]\nkind = \"template\"\nto = "
    "\"1.1.0\"\n";

}  // namespace

TEST_CASE("a template step carries a 1.0.0 project to 1.1.0 keeping its edits", "[migrate]") {
  test::ScratchFolder folder("template-step");
  write_template(folder);
  fs::path project = generate(folder);
  CHECK(read_file(project / "app.py") == "NAME = \"shop\"\n\n\ndef main():\n    print(NAME)" + app_tail);
  CHECK(fs::exists(project / "legacy.txt"));
  CHECK_FALSE(fs::exists(project / "config.txt"));
  CHECK_FALSE(fs::exists(project / "_releases"));

  // The user's edits: apart from the release's change, on the same line as it, and in apictl.toml.
  auto edit = [&](const std::string& path, const std::string& text) {
    std::ofstream(project / path, std::ios::binary | std::ios::trunc) << text;
  };
  std::string edited_tail = app_tail.substr(0, app_tail.size() - 2) + "3\n";
  edit("app.py", "NAME = \"shop\"\n\n\ndef main():\n    print(NAME)" + edited_tail);
  edit("clash.txt", "alpha\nbeta (mine)\ngamma\n");
  std::string config = read_file(project / "apictl.toml");
  edit("apictl.toml", config + "\n[contract]\npath = \"openapi.yaml\"\n");
  fs::create_directories(project / "migrations");
  edit("migrations/20261127-0000-svc-1-1-0.toml", template_migration);
  TreeSnapshot before = TreeSnapshot::of(project);

  std::ostringstream log;
  auto plan = plan_migrations(project);
  REQUIRE(plan.has_value());
  REQUIRE(plan->migrations.size() == 1);
  CHECK(plan->migrations[0].steps[0].result ==
        "template svc 1.0.0 -> 1.1.0: 3 updated, 2 merged with your edits, 1 conflict");
  CHECK(TreeSnapshot::of(project) == before);

  auto applied = apply_migrations(project, {}, log);
  REQUIRE(applied.has_value());
  INFO(log.str());
  REQUIRE_FALSE(applied->failure.has_value());
  REQUIRE(applied->applied.size() == 1);

  // Edited apart from the release's change: both.
  CHECK(read_file(project / "app.py") ==
        "import logging\n\nNAME = \"shop\"\n\n\ndef main():\n    logging.info(NAME)" + edited_tail);
  // Untouched: the release's copy; removed by the release and never edited: removed; new: created with the
  // new variable's default.
  CHECK(read_file(project / "plain.txt") == "plain 1.1\n");
  CHECK_FALSE(fs::exists(project / "legacy.txt"));
  CHECK(read_file(project / "config.txt") == "port = 8000\n");
  CHECK(read_file(project / "notes.md") == "the same in both releases\n");
  // apictl.toml: the new release recorded with the new variable's answer, the user's table kept.
  std::string recorded = read_file(project / "apictl.toml");
  CHECK(recorded.find("template_version = \"1.1.0\"") != std::string::npos);
  CHECK(recorded.find("[contract]\npath = \"openapi.yaml\"\n") != std::string::npos);
  CHECK(recorded.find("port = 8000") != std::string::npos);
  // Edited on the same line: both sides and the base, marked, and a checklist item at the marker.
  CHECK(read_file(project / "clash.txt") ==
        "alpha\n<<<<<<< yours\nbeta (mine)\n||||||| template svc 1.0.0\nbeta\n=======\nbeta (1.1)\n"
        ">>>>>>> template svc 1.1.0\ngamma\n");
  const std::vector<ChecklistRecord>& checklist = applied->applied[0].checklist;
  REQUIRE(checklist.size() == 1);
  CHECK(checklist[0].file == "clash.txt");
  CHECK(checklist[0].line == 2);

  TreeSnapshot migrated = TreeSnapshot::of(project);
  auto again = apply_migrations(project, {}, log);
  REQUIRE(again.has_value());
  CHECK(again->applied.empty());
  CHECK(TreeSnapshot::of(project) == migrated);

  auto rolled_back = rollback_migrations(project, std::nullopt, log);
  REQUIRE(rolled_back.has_value());
  REQUIRE_FALSE(rolled_back->failure.has_value());
  TreeSnapshot after_rollback = TreeSnapshot::of(project);
  // The ledger's folder stays (empty ledger); every project file is as before, byte for byte.
  for (const auto& [path, content] : before.files) {
    INFO(path);
    REQUIRE(after_rollback.files.contains(path));
    CHECK(after_rollback.files.at(path) == content);
  }
}

TEST_CASE("a template step on a project at the release already, or without a template record", "[migrate]") {
  test::ScratchFolder folder("template-step-edge");
  write_template(folder);
  fs::path project = generate(folder);
  fs::create_directories(project / "migrations");
  std::ofstream(project / "migrations/20261127-0000-svc-1-1-0.toml")
      << "id = \"20261127-0000-svc-1-1-0\"\ntitle = \"to 1.0.0\"\n\n[[steps]]\nkind = \"template\"\nto = \"1.0.0\"\n";
  auto plan = plan_migrations(project);
  REQUIRE(plan.has_value());
  CHECK(plan->migrations[0].steps[0].result == "the project is at template release 1.0.0 already");
  CHECK(plan->migrations[0].changes.empty());

  std::ofstream(project / "apictl.toml", std::ios::trunc) << "[project]\nname = \"shop\"\n";
  std::ofstream(project / "migrations/20261127-0000-svc-1-1-0.toml", std::ios::trunc) << template_migration;
  auto missing = plan_migrations(project);
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().message ==
        "20261127-0000-svc-1-1-0, step 1 (template): apictl.toml records no template and template_version");
}
