// The ledger file: JSON (stable key order, two-space indent, one file per project).
#include "migrate/ledger.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "migrate/durable_file.hpp"
#include "migrate/project_files.hpp"

namespace apictl::migrate {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view ledger_schema = "apictl.migrate-ledger/v1";

}  // namespace

const LedgerEntry* Ledger::find(std::string_view id) const {
  auto found = std::ranges::find(applied, id, &LedgerEntry::id);
  return found == applied.end() ? nullptr : &*found;
}

LedgerEntry* Ledger::find(std::string_view id) {
  auto found = std::ranges::find(applied, id, &LedgerEntry::id);
  return found == applied.end() ? nullptr : &*found;
}

fs::path ledger_path(const fs::path& root) { return root / ledger_file; }

Result<Ledger> read_ledger(const fs::path& root) {
  Ledger ledger;
  fs::path path = ledger_path(root);
  std::ifstream in(path, std::ios::binary);
  if (!in) return ledger;
  std::ostringstream text;
  text << in.rdbuf();
  std::string what = std::string(ledger_file);
  nlohmann::json json = nlohmann::json::parse(text.str(), nullptr, false);
  auto damaged = [&](const std::string& why) {
    return fail("ledger-damaged", what + " is damaged: " + why, {what, 0, 0, {}},
                "restore it from version control; apictl writes it atomically, so it was edited by hand");
  };
  if (json.is_discarded() || !json.is_object()) return damaged("it is not a JSON object");
  if (json.value("schema", "") != ledger_schema) {
    return damaged("'schema' is not \"" + std::string(ledger_schema) + "\"");
  }
  try {
    for (const nlohmann::json& item : json.at("applied")) {
      LedgerEntry entry;
      entry.id = item.at("id").get<std::string>();
      entry.title = item.value("title", "");
      entry.source = item.value("source", "");
      entry.migration_sha256 = item.value("migration_sha256", "");
      entry.applied_at = item.value("applied_at", "");
      entry.apictl_version = item.value("apictl_version", "");
      entry.transaction = item.at("transaction").get<std::string>();
      entry.verify = item.value("verify", "");
      auto actions = actions_from_json(item.at("actions"), what);
      if (!actions) return std::unexpected(actions.error());
      entry.actions = std::move(*actions);
      for (const nlohmann::json& check : item.value("checklist", nlohmann::json::array())) {
        ChecklistRecord record;
        record.number = check.at("item").get<int>();
        record.text = check.at("text").get<std::string>();
        record.file = check.value("file", "");
        record.line = check.value("line", 0);
        record.column = check.value("column", 0);
        record.done = check.value("done", false);
        record.done_at = check.value("done_at", "");
        entry.checklist.push_back(std::move(record));
      }
      ledger.applied.push_back(std::move(entry));
    }
  } catch (const std::exception& error) {
    return damaged(error.what());
  }
  return ledger;
}

Result<void> write_ledger(const fs::path& root, const Ledger& ledger) {
  fs::path path = ledger_path(root);
  if (ledger.applied.empty()) return remove_durably(path);
  nlohmann::ordered_json applied = nlohmann::ordered_json::array();
  for (const LedgerEntry& entry : ledger.applied) {
    nlohmann::ordered_json checklist = nlohmann::ordered_json::array();
    for (const ChecklistRecord& record : entry.checklist) {
      nlohmann::ordered_json item{{"item", record.number}, {"text", record.text}};
      if (!record.file.empty()) {
        item["file"] = record.file;
        item["line"] = record.line;
        item["column"] = record.column;
      }
      item["done"] = record.done;
      if (record.done) item["done_at"] = record.done_at;
      checklist.push_back(std::move(item));
    }
    applied.push_back({{"id", entry.id},
                       {"title", entry.title},
                       {"source", entry.source},
                       {"migration_sha256", entry.migration_sha256},
                       {"applied_at", entry.applied_at},
                       {"apictl_version", entry.apictl_version},
                       {"transaction", entry.transaction},
                       {"verify", entry.verify},
                       {"actions", actions_to_json(entry.actions)},
                       {"checklist", checklist}});
  }
  nlohmann::ordered_json document{{"schema", ledger_schema}, {"applied", applied}};
  return write_durably(path, document.dump(2) + "\n", 0644);
}

std::vector<std::string> ledger_objects(const Ledger& ledger) {
  std::vector<std::string> objects;
  for (const LedgerEntry& entry : ledger.applied) referenced_objects(entry.actions, objects);
  return objects;
}

}  // namespace apictl::migrate
