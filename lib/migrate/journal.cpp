// The journal file: JSON, replaced atomically at every change of what it records.
#include "migrate/journal.hpp"

#include <fstream>
#include <sstream>

#include "migrate/durable_file.hpp"
#include "migrate/project_files.hpp"

namespace apictl::migrate {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view journal_schema = "apictl.migrate-journal/v1";

}  // namespace

std::string_view operation_name(Journal::Operation operation) {
  return operation == Journal::Operation::apply ? "apply" : "rollback";
}

fs::path journal_path(const fs::path& root) { return root / ledger_folder / "journal.json"; }

Result<std::optional<Journal>> read_journal(const fs::path& root) {
  fs::path path = journal_path(root);
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::optional<Journal>{};
  std::ostringstream text;
  text << in.rdbuf();
  std::string what = (fs::path(ledger_folder) / "journal.json").generic_string();
  nlohmann::json json = nlohmann::json::parse(text.str(), nullptr, false);
  auto damaged = [&](const std::string& why) {
    return fail("ledger-damaged", what + " is damaged: " + why, {what, 0, 0, {}},
                "apictl writes it atomically, so it was edited by hand; restore it, or see docs/migrations.md "
                "(Recovery) for undoing an interrupted migration by hand");
  };
  if (json.is_discarded() || !json.is_object()) return damaged("it is not a JSON object");
  if (json.value("schema", "") != journal_schema)
    return damaged("'schema' is not \"" + std::string(journal_schema) + "\"");
  Journal journal;
  try {
    std::string operation = json.at("operation").get<std::string>();
    if (operation != "apply" && operation != "rollback") return damaged("unknown operation '" + operation + "'");
    journal.operation = operation == "apply" ? Journal::Operation::apply : Journal::Operation::rollback;
    journal.migration = json.at("migration").get<std::string>();
    journal.transaction = json.at("transaction").get<std::string>();
    journal.entry_transaction = json.value("entry_transaction", "");
    journal.started_at = json.value("started_at", "");
    journal.verifying = json.value("verifying", false);
    auto actions = actions_from_json(json.at("actions"), what);
    if (!actions) return std::unexpected(actions.error());
    journal.actions = std::move(*actions);
  } catch (const std::exception& error) {
    return damaged(error.what());
  }
  return std::optional<Journal>(std::move(journal));
}

Result<void> write_journal(const fs::path& root, const Journal& journal) {
  nlohmann::ordered_json document{{"schema", journal_schema},
                                  {"operation", operation_name(journal.operation)},
                                  {"migration", journal.migration},
                                  {"transaction", journal.transaction},
                                  {"entry_transaction", journal.entry_transaction},
                                  {"started_at", journal.started_at},
                                  {"verifying", journal.verifying},
                                  {"actions", actions_to_json(journal.actions)}};
  return write_durably(journal_path(root), document.dump(2) + "\n", 0644);
}

Result<void> remove_journal(const fs::path& root) { return remove_durably(journal_path(root)); }

}  // namespace apictl::migrate
