// `done ID [ITEM]`: confirming checklist items of an applied migration, in the ledger.
#include <algorithm>

#include "migrate/engine.hpp"
#include "migrate/project_lock.hpp"
#include "migrate/project_state.hpp"

namespace apictl::migrate {

Result<DoneReport> mark_done(const std::filesystem::path& start, const std::string& id, std::optional<int> item) {
  auto state = load_project_state(start);
  if (!state) return std::unexpected(state.error());
  auto lock = ProjectLock::take(state->project.root);
  if (!lock) return std::unexpected(lock.error());
  auto ledger = read_ledger(state->project.root);
  if (!ledger) return std::unexpected(ledger.error());
  LedgerEntry* entry = ledger->find(id);
  if (!entry) {
    auto known = find_migration(*state, id);
    if (!known) return std::unexpected(known.error());
    return fail("not-applied", "'" + id + "' is not applied; its checklist starts when it is", {},
                "apply it first: apictl migrate apply --to " + id);
  }
  DoneReport report;
  report.migration = id;
  if (item) {
    auto found = std::ranges::find(entry->checklist, *item, &ChecklistRecord::number);
    if (found == entry->checklist.end()) {
      std::string numbers;
      for (const ChecklistRecord& record : entry->checklist) {
        numbers += (numbers.empty() ? "" : ", ") + std::to_string(record.number);
      }
      return fail("usage", id + " has no checklist item " + std::to_string(*item), {},
                  numbers.empty() ? "it has no checklist" : "its items are " + numbers);
    }
  }
  std::string now = utc_timestamp();
  for (ChecklistRecord& record : entry->checklist) {
    if (record.done || (item && record.number != *item)) continue;
    record.done = true;
    record.done_at = now;
    report.marked.push_back(record);
  }
  for (const ChecklistRecord& record : entry->checklist) {
    if (!record.done) report.still_open.push_back(record);
  }
  if (!report.marked.empty()) {
    if (auto written = write_ledger(state->project.root, *ledger); !written) return std::unexpected(written.error());
  }
  return report;
}

}  // namespace apictl::migrate
