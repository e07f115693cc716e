// The migrate engine on scratch projects: plan writes nothing, apply is all or nothing and recorded, applying
// twice changes nothing, rollback restores every byte, drift stops it, verify failures roll back,
// interrupted work is explained and recovered.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <sstream>

#include "migrate/change_diff.hpp"
#include "migrate/engine.hpp"
#include "migrate/journaled_writes.hpp"
#include "migrate/ledger.hpp"
#include "migrate/migrate_report.hpp"
#include "migrate/object_store.hpp"
#include "support/run_cli.hpp"
#include "support/scratch_folder.hpp"
#include "tree_snapshot.hpp"

namespace fs = std::filesystem;
using namespace apictl;
using namespace apictl::migrate;
using apictl::test::read_file;
using apictl::test::TreeSnapshot;

namespace {

const std::string schemas_py =
    "\"\"\"Models; call .dict() on them.\"\"\"\n"
    "from pydantic import BaseModel\n"
    "\n"
    "\n"
    "class Item(BaseModel):\n"
    "    name: str\n"
    "\n"
    "\n"
    "def payload(item: Item) -> dict:\n"
    "    # item.dict() is the v1 spelling\n"
    "    return item.dict()\n";

// A small project: apictl.toml, requirements.txt, a package, and migrations added per test.
class Project {
 public:
  Project() : folder_("migrate-engine") {
    write("apictl.toml", "[project]\nname = \"shop\"\n\n[dev]\ntest = \"true\"\n");
    // No built-in pack applies to these versions: the tests' own migrations are the only pending ones.
    write("requirements.txt", "fastapi>=0.100,<1\nmarshmallow>=3.10,<4  # models\nuvicorn\n");
    write("app/__init__.py", "");
    write("app/schemas.py", schemas_py);
    write("tools/check.sh", "#!/bin/sh\nexit 0\n");
    ::chmod((root() / "tools/check.sh").c_str(), 0755);
  }

  const fs::path& root() const { return folder_.path(); }
  void write(const std::string& path, const std::string& text) const { folder_.write(path, text); }
  std::string read(const std::string& path) const { return read_file(root() / path); }
  TreeSnapshot snapshot() const { return TreeSnapshot::of(root()); }

  void migration(const std::string& id, const std::string& body) const {
    write("migrations/" + id + ".toml", "id = \"" + id + "\"\ntitle = \"Migration " + id + "\"\n" + body);
  }

  ApplyReport apply(ApplyOptions options = {}) const {
    std::ostringstream log;
    auto report = apply_migrations(root(), options, log);
    INFO(log.str());
    REQUIRE(report.has_value());
    return *report;
  }

  RollbackReport rollback(std::optional<std::string> id = std::nullopt) const {
    std::ostringstream log;
    auto report = rollback_migrations(root(), id, log);
    REQUIRE(report.has_value());
    return *report;
  }

  StatusReport status() const {
    auto report = migration_status(root());
    REQUIRE(report.has_value());
    return *report;
  }

 private:
  test::ScratchFolder folder_;
};

// Pin, move and a checklist item: the engine's own steps.
const std::string upgrade_steps = R"toml(
[[steps]]
kind = "pin"
package = "marshmallow"
version = ">=4,<5"

[[steps]]
kind = "move"
from = "app/schemas.py"
to = "app/models/items.py"

[[steps]]
kind = "move"
from = "tools"
to = "scripts"

[[steps]]
kind = "manual"
text = "Update the imports in the deployment repository"
)toml";

// What an interrupted apply leaves: the journal written, one file changed, not in the ledger.
void interrupt_apply(const Project& project, const std::string& id) {
  ChangeSet changes;
  changes.files.push_back({"requirements.txt", FileContent{project.read("requirements.txt"), 0644},
                           FileContent{"fastapi>=0.100,<1\nmarshmallow>=4,<5  # models\nuvicorn\n", 0644}});
  auto action = record_changes(project.root(), changes);
  REQUIRE(action.has_value());
  Journal journal;
  journal.operation = Journal::Operation::apply;
  journal.migration = id;
  journal.transaction = "interrupted-transaction";
  REQUIRE_FALSE(perform_files(project.root(), journal, *action).has_value());
}

}  // namespace

TEST_CASE("plan shows the steps and the exact diff, and writes nothing", "[migrate]") {
  Project project;
  project.migration("20261126-1200-upgrade", upgrade_steps);
  TreeSnapshot before = project.snapshot();
  auto plan = plan_migrations(project.root());
  REQUIRE(plan.has_value());
  CHECK(project.snapshot() == before);
  REQUIRE(plan->migrations.size() == 1);
  const MigrationPlan& only = plan->migrations[0];
  REQUIRE(only.steps.size() == 4);
  CHECK(only.steps[0].result == "requirements.txt:2 >=3.10,<4 -> >=4,<5");
  CHECK(only.steps[1].result == "1 file moved");
  CHECK(only.checklist.size() == 1);
  CHECK(only.verify == "true");
  std::string patch = change_set_diff(only.changes);
  CHECK(patch.find("diff --git a/app/schemas.py b/app/models/items.py\nsimilarity index 100%\n"
                   "rename from app/schemas.py\nrename to app/models/items.py\n") != std::string::npos);
  CHECK(patch.find("rename from tools/check.sh\nrename to scripts/check.sh\n") != std::string::npos);
  CHECK(patch.find("--- a/requirements.txt\n+++ b/requirements.txt\n@@ -1,3 +1,3 @@\n fastapi>=0.100,<1\n"
                   "-marshmallow>=3.10,<4  # models\n+marshmallow>=4,<5  # models\n uvicorn\n") != std::string::npos);
}

TEST_CASE("apply changes the files and records them; applying again changes nothing", "[migrate]") {
  Project project;
  project.migration("20261126-1200-upgrade", upgrade_steps);
  ApplyReport report = project.apply();
  REQUIRE_FALSE(report.failure.has_value());
  REQUIRE(report.applied.size() == 1);
  CHECK(report.applied[0].files.size() == 5);
  CHECK(report.applied[0].verify == "true");
  CHECK_FALSE(report.applied[0].verify_skipped);
  CHECK(project.read("requirements.txt") == "fastapi>=0.100,<1\nmarshmallow>=4,<5  # models\nuvicorn\n");
  CHECK(project.read("app/models/items.py") == schemas_py);
  CHECK_FALSE(fs::exists(project.root() / "app/schemas.py"));
  CHECK_FALSE(fs::exists(project.root() / "tools"));
  struct stat info {};
  REQUIRE(::stat((project.root() / "scripts/check.sh").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0755);
  CHECK_FALSE(fs::exists(project.root() / "migrations/.ledger/journal.json"));

  auto ledger = read_ledger(project.root());
  REQUIRE(ledger.has_value());
  REQUIRE(ledger->applied.size() == 1);
  const LedgerEntry& entry = ledger->applied[0];
  CHECK(entry.id == "20261126-1200-upgrade");
  CHECK(entry.apictl_version == APICTL_VERSION);
  CHECK(entry.applied_at.size() == 20);
  CHECK(entry.verify == "true");
  REQUIRE(entry.checklist.size() == 1);
  CHECK_FALSE(entry.checklist[0].done);
  // Every content the rollback needs is in the object store.
  std::vector<std::string> objects = ledger_objects(*ledger);
  CHECK_FALSE(objects.empty());
  for (const std::string& object : objects) CHECK(load_object(project.root(), object).has_value());

  StatusReport status = project.status();
  CHECK(status.applied.size() == 1);
  CHECK(status.pending.empty());
  CHECK(status.open_items.size() == 1);
  CHECK(status.drift.empty());

  TreeSnapshot applied = project.snapshot();
  ApplyReport again = project.apply();
  CHECK(again.applied.empty());
  CHECK_FALSE(again.failure.has_value());
  CHECK(project.snapshot() == applied);
}

TEST_CASE("rollback restores every file byte for byte, and the ledger goes with it", "[migrate]") {
  Project project;
  project.write("requirements.txt", "fastapi>=0.100,<1\r\nmarshmallow>=3.10,<4\r\n");  // CRLF stays CRLF
  project.migration("20261126-1200-upgrade", upgrade_steps);
  TreeSnapshot before = project.snapshot();
  REQUIRE(project.apply().applied.size() == 1);
  CHECK(project.read("requirements.txt") == "fastapi>=0.100,<1\r\nmarshmallow>=4,<5\r\n");
  RollbackReport report = project.rollback();
  REQUIRE_FALSE(report.failure.has_value());
  REQUIRE(report.rolled_back.size() == 1);
  CHECK(report.rolled_back[0].undo.files_restored == 5);
  CHECK(project.snapshot() == before);
  CHECK(project.rollback().rolled_back.empty());
}

TEST_CASE("drift shows in status and stops a rollback, with the changed hunks", "[migrate]") {
  Project project;
  project.migration("20261126-1200-upgrade", upgrade_steps);
  REQUIRE(project.apply().applied.size() == 1);
  project.write("requirements.txt", "fastapi>=0.100,<1\nmarshmallow>=4,<5  # models\nuvicorn\nhttpx\n");
  StatusReport status = project.status();
  REQUIRE(status.drift.size() == 1);
  CHECK(status.drift[0].path == "requirements.txt");
  CHECK(status.drift[0].migration == "20261126-1200-upgrade");
  TreeSnapshot drifted = project.snapshot();
  RollbackReport report = project.rollback();
  REQUIRE(report.failure.has_value());
  CHECK(report.failure->error.code == "drift");
  CHECK(report.failure->operation == migrate::Journal::Operation::rollback);
  CHECK(report.rolled_back.empty());
  REQUIRE(report.failure->drift.size() == 1);
  CHECK(report.failure->drift[0].hunks.find("+httpx\n") != std::string::npos);
  CHECK(project.snapshot() == drifted);
}

TEST_CASE("a failing verify rolls the migration back and shows why", "[migrate]") {
  Project project;
  project.migration("20261126-1200-upgrade", "verify = \"echo tests failed: 3; exit 3\"\n" + upgrade_steps);
  TreeSnapshot before = project.snapshot();
  ApplyReport report = project.apply();
  REQUIRE(report.failure.has_value());
  CHECK(report.failure->error.code == "verify-failed");
  CHECK(report.failure->rolled_back);
  CHECK(report.failure->output.find("tests failed: 3") != std::string::npos);
  CHECK(report.applied.empty());
  CHECK(project.snapshot() == before);
  CHECK(exit_code_for(report.failure->error) == 1);
  // --no-verify applies it.
  ApplyOptions unchecked;
  unchecked.verify = false;
  ApplyReport skipped = project.apply(unchecked);
  REQUIRE(skipped.applied.size() == 1);
  CHECK(skipped.applied[0].verify_skipped);
}

TEST_CASE("run steps run when applied and their undo on rollback; a failing one undoes the rest", "[migrate]") {
  Project project;
  project.migration("20261126-1200-fixtures", R"toml(
[[steps]]
kind = "pin"
package = "uvicorn"
version = ">=0.20"

[[steps]]
kind = "run"
run = "cat requirements.txt > snapshot.txt"
undo = "rm snapshot.txt"

[[steps]]
kind = "pin"
package = "fastapi"
version = ">=0.110,<1"
)toml");
  TreeSnapshot before = project.snapshot();
  ApplyReport report = project.apply();
  REQUIRE(report.applied.size() == 1);
  // The command saw the first pin: steps before a run step are written before it runs.
  CHECK(project.read("snapshot.txt") == "fastapi>=0.100,<1\nmarshmallow>=3.10,<4  # models\nuvicorn>=0.20\n");
  CHECK(project.read("requirements.txt") == "fastapi>=0.110,<1\nmarshmallow>=3.10,<4  # models\nuvicorn>=0.20\n");
  REQUIRE(project.rollback().rolled_back.size() == 1);
  CHECK(project.snapshot() == before);

  project.migration("20261126-1200-fixtures", R"toml(
[[steps]]
kind = "pin"
package = "uvicorn"
version = ">=0.20"

[[steps]]
kind = "run"
run = "echo partial > partial.txt; echo cannot; exit 4"
undo = "rm -f partial.txt"
)toml");
  before = project.snapshot();
  ApplyReport failed = project.apply();
  REQUIRE(failed.failure.has_value());
  CHECK(failed.failure->error.code == "run-failed");
  CHECK(failed.failure->output == "cannot\n");
  CHECK(failed.failure->rolled_back);
  CHECK(project.snapshot() == before);
}

TEST_CASE("checklist items stay open until done", "[migrate]") {
  Project project;
  project.migration("20261126-1200-upgrade", upgrade_steps);
  REQUIRE(project.apply().applied.size() == 1);
  auto unknown = mark_done(project.root(), "20261126-1200-upgrade", 7);
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().hint == "its items are 1");
  auto done = mark_done(project.root(), "20261126-1200-upgrade", 1);
  REQUIRE(done.has_value());
  CHECK(done->marked.size() == 1);
  CHECK(done->still_open.empty());
  CHECK(project.status().open_items.empty());
  auto not_applied = mark_done(project.root(), "20261126-9999-nothing", std::nullopt);
  REQUIRE_FALSE(not_applied.has_value());
  CHECK(not_applied.error().code == "unknown-migration");
}

TEST_CASE("an interrupted apply is explained, and apply undoes it and applies again", "[migrate]") {
  Project project;
  project.migration("20261126-1200-upgrade", upgrade_steps);
  interrupt_apply(project, "20261126-1200-upgrade");
  StatusReport status = project.status();
  REQUIRE(status.interrupted.has_value());
  CHECK(status.interrupted->files_after == 1);
  CHECK_FALSE(status.interrupted->committed);
  CHECK(status.interrupted->explanation.find("The apply of 20261126-1200-upgrade was interrupted: 1 of 1 file(s) "
                                             "changed") != std::string::npos);
  auto plan = plan_migrations(project.root());
  REQUIRE_FALSE(plan.has_value());
  CHECK(plan.error().code == "interrupted");

  ApplyReport report = project.apply();
  REQUIRE(report.recovered.has_value());
  CHECK(report.recovered->undo.files_restored == 1);
  REQUIRE(report.applied.size() == 1);
  CHECK_FALSE(project.status().interrupted.has_value());
  CHECK(project.read("requirements.txt") == "fastapi>=0.100,<1\nmarshmallow>=4,<5  # models\nuvicorn\n");
}

TEST_CASE("rollback after an interrupted apply undoes it and stops there", "[migrate]") {
  Project project;
  project.migration("20261126-1200-upgrade", upgrade_steps);
  TreeSnapshot before = project.snapshot();
  interrupt_apply(project, "20261126-1200-upgrade");
  RollbackReport report = project.rollback();
  REQUIRE(report.recovered.has_value());
  CHECK(report.rolled_back.empty());
  CHECK(project.snapshot() == before);
}

TEST_CASE("recovery refuses a file changed after the interruption, and loses nothing", "[migrate]") {
  Project project;
  project.migration("20261126-1200-upgrade", upgrade_steps);
  interrupt_apply(project, "20261126-1200-upgrade");
  project.write("requirements.txt", "edited by hand\n");
  StatusReport status = project.status();
  REQUIRE(status.interrupted.has_value());
  CHECK(status.interrupted->files_other == std::vector<std::string>{"requirements.txt"});
  ApplyReport report = project.apply();
  REQUIRE(report.failure.has_value());
  CHECK(report.failure->error.code == "recovery-conflict");
  CHECK(report.failure->conflicts.size() == 1);
  CHECK(project.read("requirements.txt") == "edited by hand\n");
  CHECK(fs::exists(project.root() / "migrations/.ledger/journal.json"));
}

TEST_CASE("rollback ID undoes the later migrations too, newest first", "[migrate]") {
  Project project;
  project.migration("20261126-1200-first", "[[steps]]\nkind = \"pin\"\npackage = \"uvicorn\"\nversion = \">=0.20\"\n");
  project.migration("20261126-1300-second", "[[steps]]\nkind = \"pin\"\npackage = \"uvicorn\"\nversion = \">=0.30\"\n");
  TreeSnapshot before = project.snapshot();
  REQUIRE(project.apply().applied.size() == 2);
  CHECK(project.read("requirements.txt").find("uvicorn>=0.30\n") != std::string::npos);
  RollbackReport report = project.rollback("20261126-1200-first");
  REQUIRE(report.rolled_back.size() == 2);
  CHECK(report.rolled_back[0].id == "20261126-1300-second");
  CHECK(project.snapshot() == before);
}

TEST_CASE("--only takes one pending migration, when what it comes after is applied", "[migrate]") {
  Project project;
  project.migration("20261126-1200-first", "[[steps]]\nkind = \"pin\"\npackage = \"uvicorn\"\nversion = \">=0.20\"\n");
  project.migration("20261126-1300-second",
                    "[[steps]]\nkind = \"pin\"\npackage = \"fastapi\"\nversion = \">=0.110,<1\"\n");
  project.migration("20261126-1400-third",
                    "after = [\"20261126-1200-first\"]\n[[steps]]\nkind = \"manual\"\ntext = \"check\"\n");

  auto plan = plan_migrations(project.root(), {std::nullopt, "20261126-1300-second"});
  REQUIRE(plan.has_value());
  REQUIRE(plan->migrations.size() == 1);
  CHECK(plan->migrations[0].migration->id == "20261126-1300-second");

  auto out_of_order = plan_migrations(project.root(), {std::nullopt, "20261126-1400-third"});
  REQUIRE_FALSE(out_of_order.has_value());
  CHECK(out_of_order.error().message == "'20261126-1400-third' comes after '20261126-1200-first', which is pending");

  ApplyOptions options;
  options.selection.only = "20261126-1300-second";
  ApplyReport report = project.apply(options);
  REQUIRE(report.applied.size() == 1);
  CHECK(project.read("requirements.txt") == "fastapi>=0.110,<1\nmarshmallow>=3.10,<4  # models\nuvicorn\n");

  TreeSnapshot applied = project.snapshot();
  CHECK(project.apply(options).applied.empty());
  CHECK(project.snapshot() == applied);
}

TEST_CASE("upgrades, preconditions and after decide what applies and when", "[migrate]") {
  Project project;
  project.migration("20261126-1200-v3", R"toml(after = ["20261126-1300-v2"]
upgrades = { package = "marshmallow", from = ">=4,<5", to = "5" }
[[steps]]
kind = "manual"
text = "n/a"
)toml");
  project.migration("20261126-1300-v2", R"toml(upgrades = { package = "marshmallow", from = ">=3,<4", to = "4" }
[[preconditions]]
kind = "files-exist"
paths = ["app/schemas.py", "app/routes.py"]
[[steps]]
kind = "manual"
text = "check"
)toml");
  auto listed = list_migrations(project.root());
  REQUIRE(listed.has_value());
  std::vector<std::string> ids;
  for (const ListedMigration& item : *listed) {
    if (!item.source.starts_with("built-in")) ids.push_back(item.id);
  }
  CHECK(ids == std::vector<std::string>{"20261126-1300-v2", "20261126-1200-v3"});
  auto v3 = std::ranges::find(*listed, "20261126-1200-v3", &ListedMigration::id);
  CHECK(v3->state == MigrationState::not_applicable);
  CHECK(v3->reason == "marshmallow >=3.10,<4 (requirements.txt:2) allows no version in >=4,<5");

  TreeSnapshot before = project.snapshot();
  ApplyReport report = project.apply();
  REQUIRE(report.failure.has_value());
  CHECK(report.failure->error.code == "precondition-failed");
  CHECK(report.failure->error.message.find("no file matches 'app/routes.py'") != std::string::npos);
  CHECK(project.snapshot() == before);
}

TEST_CASE("rewrite steps apply their patterns outside strings and comments", "[migrate]") {
  Project project;
  project.migration("20261126-1200-dump", R"toml(
[[steps]]
kind = "rewrite"
language = "python"
files = ["app/**/*.py"]
importing = "pydantic"
[[steps.replace]]
pattern = "$x.dict()"
replacement = "$x.model_dump()"
)toml");
  ApplyReport report = project.apply();
  REQUIRE(report.applied.size() == 1);
  std::string rewritten = project.read("app/schemas.py");
  CHECK(rewritten.find("    return item.model_dump()\n") != std::string::npos);
  CHECK(rewritten.find("\"\"\"Models; call .dict() on them.\"\"\"") != std::string::npos);
  CHECK(rewritten.find("# item.dict() is the v1 spelling") != std::string::npos);
  REQUIRE(report.applied[0].steps.size() == 1);
  CHECK(report.applied[0].steps[0].result == "1 edit in 1 file");
}

TEST_CASE("a conditional pin adds a dependency beside another only when the code imports it", "[migrate]") {
  Project project;
  project.migration("20261126-1200-settings", R"toml(
[[steps]]
kind = "pin"
package = "marshmallow-dataclass"
version = ">=8.6"
add_beside = "marshmallow"
when = { imports = "marshmallow_dataclass" }
)toml");
  auto plan = plan_migrations(project.root());
  REQUIRE(plan.has_value());
  REQUIRE(plan->migrations.size() == 1);
  CHECK(plan->migrations[0].steps[0].skipped);
  CHECK(plan->migrations[0].changes.empty());
  project.write("app/settings.py", "from marshmallow_dataclass import dataclass\n");
  REQUIRE(project.apply().applied.size() == 1);
  CHECK(project.read("requirements.txt") ==
        "fastapi>=0.100,<1\nmarshmallow>=3.10,<4  # models\nmarshmallow-dataclass>=8.6\nuvicorn\n");
}

TEST_CASE("new writes a skeleton migration that the other commands read", "[migrate]") {
  Project project;
  auto created = create_migration(project.root(), "rename-item-fields");
  REQUIRE(created.has_value());
  CHECK(created->id.ends_with("-rename-item-fields"));
  CHECK(created->id.size() == std::string("20261126-1530-rename-item-fields").size());
  CHECK(fs::exists(created->path));
  auto listed = list_migrations(project.root());
  REQUIRE(listed.has_value());
  CHECK(std::ranges::find(*listed, created->id, &ListedMigration::id) != listed->end());
  auto bad = create_migration(project.root(), "Rename Fields");
  REQUIRE_FALSE(bad.has_value());
  CHECK(exit_code_for(bad.error()) == 2);
  auto again = create_migration(project.root(), "rename-item-fields");
  if (!again) CHECK(again.error().message.find("exists already") != std::string::npos);
}

TEST_CASE("the built-in packs are read, and apply by the project's pins", "[migrate]") {
  Project project;
  project.write("requirements.txt", "fastapi>=0.92,<1\npydantic>=1.10,<3\nuvicorn>=0.17,<1\n");  // the template's
  auto listed = list_migrations(project.root());
  REQUIRE(listed.has_value());
  auto pydantic = std::ranges::find(*listed, "pydantic-v2", &ListedMigration::id);
  REQUIRE(pydantic != listed->end());
  CHECK(pydantic->state == MigrationState::pending);
  CHECK(pydantic->source == "built-in (fastapi template)");
  auto lifespan = std::ranges::find(*listed, "fastapi-lifespan", &ListedMigration::id);
  REQUIRE(lifespan != listed->end());
  CHECK(lifespan->state == MigrationState::pending);
  project.write("requirements.txt", "fastapi>=0.110\npydantic==2.7.1\n");
  listed = list_migrations(project.root());
  REQUIRE(listed.has_value());
  for (const ListedMigration& item : *listed) CHECK(item.state == MigrationState::not_applicable);
}

TEST_CASE("migrate commands through the CLI: exit codes and file:line:col errors", "[migrate]") {
  Project project;
  project.migration("20261126-1200-bad", "[[steps]]\nkind = \"pin\"\npackage = \"x\"\nversoin = \"1\"\n");
  std::string root = project.root().string();
  auto listed = test::run_cli({"-C", root, "migrate", "list"});
  CHECK(listed.code == 2);
  CHECK(listed.err.find("migrations/20261126-1200-bad.toml:6:1: error: unknown key 'versoin' in a pin step; did "
                        "you mean 'version'?") != std::string::npos);
  project.migration("20261126-1200-bad", "verify = \"exit 1\"\n[[steps]]\nkind = \"manual\"\ntext = \"t\"\n");
  auto status = test::run_cli({"-C", root, "migrate", "status", "--format", "json"});
  CHECK(status.code == 0);
  auto json = nlohmann::json::parse(status.out);
  CHECK(json["schema"] == "apictl.migrate-status/v1");
  auto apply = test::run_cli({"-C", root, "migrate", "apply", "--to", "20261126-1200-bad"});
  CHECK(apply.code == 1);
  CHECK(apply.err.find("error: 20261126-1200-bad: the verify command `exit 1` failed with exit status 1") !=
        std::string::npos);
  auto unknown = test::run_cli({"-C", root, "migrate", "plan", "--to", "20261126-1200-bda"});
  CHECK(unknown.code == 2);
  CHECK(unknown.err.find("did you mean '20261126-1200-bad'?") != std::string::npos);
}

TEST_CASE("migrate --help teaches each command with examples and the exit codes", "[migrate]") {
  for (std::string command : {"list", "status", "plan", "apply", "rollback", "new", "done"}) {
    INFO(command);
    auto help = test::run_cli({"migrate", command, "--help"});
    CHECK(help.code == 0);
    CHECK(help.out.find("Examples:\n  apictl migrate " + command) != std::string::npos);
    CHECK(help.out.find("Exit codes: 0") != std::string::npos);
  }
  auto group = test::run_cli({"migrate", "--help"});
  CHECK(group.out.find("apictl migrate rollback") != std::string::npos);
  CHECK(test::run_cli({"migrate", "apply", "--format", "yaml"}).code == 2);
}
