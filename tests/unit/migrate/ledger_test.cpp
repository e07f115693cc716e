// The ledger file: a round trip keeps everything; damage is an error naming the file; an empty ledger is
// no file at all.
#include <catch2/catch.hpp>

#include "migrate/journal.hpp"
#include "migrate/ledger.hpp"
#include "support/scratch_folder.hpp"
#include "tree_snapshot.hpp"

namespace fs = std::filesystem;
using namespace apictl::migrate;

TEST_CASE("the ledger round-trips every field", "[migrate]") {
  apictl::test::ScratchFolder folder("migrate-ledger");
  Ledger ledger;
  LedgerEntry entry;
  entry.id = "20261126-1200-upgrade";
  entry.title = "Upgrade";
  entry.source = "migrations/20261126-1200-upgrade.toml";
  entry.migration_sha256 = std::string(64, 'a');
  entry.applied_at = "2026-11-26T12:00:00Z";
  entry.apictl_version = "0.1.0";
  entry.transaction = "t-1";
  entry.verify = "true";
  FilesAction files;
  files.files.push_back({"app/a.py", std::string(64, 'b'), std::nullopt, 0644, 0});
  files.files.push_back({"app/b.py", std::nullopt, std::string(64, 'c'), 0, 0755});
  files.folders_created = {"app/new"};
  files.folders_removed = {"old"};
  entry.actions.emplace_back(files);
  FilesAction made;
  made.files.push_back({"out.txt", std::nullopt, std::string(64, 'd'), 0, 0644});
  entry.actions.emplace_back(RunAction{"make", "make clean", made});
  entry.checklist.push_back({1, "check it", "app/b.py", 12, 5, true, "2026-11-26T13:00:00Z"});
  entry.checklist.push_back({2, "tell the team", "", 0, 0, false, ""});
  ledger.applied.push_back(entry);
  REQUIRE(write_ledger(folder.path(), ledger).has_value());
  auto read = read_ledger(folder.path());
  REQUIRE(read.has_value());
  REQUIRE(read->applied.size() == 1);
  const LedgerEntry& back = read->applied[0];
  CHECK(back.id == entry.id);
  CHECK(back.transaction == "t-1");
  REQUIRE(back.actions.size() == 2);
  const auto& batch = std::get<FilesAction>(back.actions[0]);
  REQUIRE(batch.files.size() == 2);
  CHECK(batch.files[0].before == std::string(64, 'b'));
  CHECK_FALSE(batch.files[0].after.has_value());
  CHECK(batch.files[1].after_mode == 0755);
  CHECK(batch.folders_created == std::vector<std::string>{"app/new"});
  CHECK(std::get<RunAction>(back.actions[1]).undo == "make clean");
  REQUIRE(std::get<RunAction>(back.actions[1]).changes.files.size() == 1);
  CHECK(std::get<RunAction>(back.actions[1]).changes.files[0].after == std::string(64, 'd'));
  REQUIRE(back.checklist.size() == 2);
  CHECK(back.checklist[0].done);
  CHECK(back.checklist[0].line == 12);
  CHECK_FALSE(back.checklist[1].done);
  // Writing what was read gives the same bytes.
  std::string first = apictl::test::read_file(ledger_path(folder.path()));
  REQUIRE(write_ledger(folder.path(), *read).has_value());
  CHECK(apictl::test::read_file(ledger_path(folder.path())) == first);

  ledger.applied.clear();
  REQUIRE(write_ledger(folder.path(), ledger).has_value());
  CHECK_FALSE(fs::exists(ledger_path(folder.path())));
}

TEST_CASE("reversed actions undo in the other order, each turned around", "[migrate]") {
  FilesAction files;
  files.files.push_back({"a", std::string("h1"), std::string("h2"), 0644, 0755});
  files.folders_created = {"x", "x/y"};
  files.folders_removed = {"old/deep", "old"};
  FilesAction made;
  made.files.push_back({"out.txt", std::nullopt, std::string("h3"), 0, 0644});
  std::vector<RecordedAction> actions{files, RunAction{"make", "make clean", made}};
  std::vector<RecordedAction> reversed = reversed_actions(actions);
  REQUIRE(reversed.size() == 3);
  // The undo command first, then what the command changed, then the batch before it.
  CHECK(std::get<RunAction>(reversed[0]).command == "make clean");
  CHECK(std::get<RunAction>(reversed[0]).undo == "make");
  CHECK(std::get<FilesAction>(reversed[1]).files[0].before == std::string("h3"));
  CHECK_FALSE(std::get<FilesAction>(reversed[1]).files[0].after.has_value());
  const auto& back = std::get<FilesAction>(reversed[2]);
  CHECK(back.files[0].before == std::string("h2"));
  CHECK(back.files[0].after_mode == 0644);
  CHECK(back.folders_created == std::vector<std::string>{"old", "old/deep"});
  CHECK(back.folders_removed == std::vector<std::string>{"x/y", "x"});
}

TEST_CASE("a damaged ledger or journal is an error naming the file", "[migrate]") {
  apictl::test::ScratchFolder folder("migrate-ledger-damaged");
  folder.write("migrations/ledger.json", "{\"schema\": \"apictl.migrate-ledger/v1\", \"applied\": [{\"id\": 1}]}");
  auto ledger = read_ledger(folder.path());
  REQUIRE_FALSE(ledger.has_value());
  CHECK(ledger.error().code == "ledger-damaged");
  CHECK(ledger.error().where.file == "migrations/ledger.json");
  folder.write("migrations/.ledger/journal.json", "not json");
  auto journal = read_journal(folder.path());
  REQUIRE_FALSE(journal.has_value());
  CHECK(journal.error().message.find("journal.json is damaged") != std::string::npos);
}
