// Text and JSON renderings of the migrate reports.
#include "migrate/migrate_report.hpp"

#include <algorithm>
#include <ostream>

#include "migrate/change_diff.hpp"
#include "migrate/shell_command.hpp"
#include "migrate/unified_diff.hpp"

namespace apictl::migrate {

namespace {

using Json = nlohmann::ordered_json;

Json hash_json(const std::optional<std::string>& hash) { return hash ? Json(*hash) : Json(nullptr); }

std::string place(const std::string& file, int line) {
  if (file.empty()) return "";
  return line > 0 ? file + ":" + std::to_string(line) : file;
}

Json checklist_json(const std::vector<ChecklistRecord>& items) {
  Json list = Json::array();
  for (const ChecklistRecord& item : items) {
    Json entry{
        {"item", item.number}, {"text", item.text}, {"file", item.file}, {"line", item.line}, {"done", item.done}};
    if (item.done) entry["done_at"] = item.done_at;
    list.push_back(std::move(entry));
  }
  return list;
}

Json steps_json(const std::vector<StepOutcome>& steps) {
  Json list = Json::array();
  for (const StepOutcome& step : steps) {
    list.push_back(
        {{"kind", step.kind}, {"description", step.description}, {"result", step.result}, {"skipped", step.skipped}});
  }
  return list;
}

Json files_json(const std::vector<FileRecord>& files) {
  Json list = Json::array();
  for (const FileRecord& file : files) {
    list.push_back({{"path", file.path}, {"before", hash_json(file.before)}, {"after", hash_json(file.after)}});
  }
  return list;
}

Json undo_json(const UndoReport& undo) { return {{"files_restored", undo.files_restored}, {"notes", undo.notes}}; }

Json recovery_json(const std::optional<RecoveryReport>& recovered) {
  if (!recovered) return nullptr;
  return {{"operation", operation_name(recovered->operation)},
          {"migration", recovered->migration},
          {"committed", recovered->committed},
          {"undo", undo_json(recovered->undo)}};
}

Json drift_json(const std::vector<DriftedFile>& drift) {
  Json list = Json::array();
  for (const DriftedFile& file : drift) {
    Json entry{{"path", file.path},
               {"migration", file.migration},
               {"expected", hash_json(file.expected)},
               {"actual", hash_json(file.actual)}};
    if (!file.hunks.empty()) entry["diff"] = file.hunks;
    list.push_back(std::move(entry));
  }
  return list;
}

Json failure_json(const std::optional<MigrationFailure>& failure) {
  if (!failure) return nullptr;
  Json conflicts = Json::array();
  for (const FileConflict& conflict : failure->conflicts) {
    conflicts.push_back({{"path", conflict.path},
                         {"expected", hash_json(conflict.expected)},
                         {"or", hash_json(conflict.other)},
                         {"actual", hash_json(conflict.actual)}});
  }
  Json json{{"migration", failure->migration},
            {"operation", operation_name(failure->operation)},
            {"code", failure->error.code},
            {"message", failure->error.message},
            {"hint", failure->error.hint},
            {"output", failure->output},
            {"rolled_back", failure->rolled_back},
            {"undo", undo_json(failure->undo)},
            {"conflicts", conflicts},
            {"drift", drift_json(failure->drift)}};
  return json;
}

std::string plural(std::size_t count, std::string_view word) {
  return std::to_string(count) + " " + std::string(word) + (count == 1 ? "" : "s");
}

void write_open_items(std::ostream& out, const std::string& id, const std::vector<ChecklistRecord>& items) {
  std::size_t open = static_cast<std::size_t>(std::ranges::count(items, false, &ChecklistRecord::done));
  if (open == 0) return;
  out << "  to check by hand (then: apictl migrate done " << id << " [ITEM]):\n";
  for (const ChecklistRecord& item : items) {
    if (item.done) continue;
    std::string where = place(item.file, item.line);
    out << "    " << item.number << ". " << (where.empty() ? "" : where + ": ") << item.text << '\n';
  }
}

}  // namespace

void write_list_text(std::ostream& out, const std::vector<ListedMigration>& migrations, const TerminalStyle& style) {
  if (migrations.empty()) {
    out << "No migrations: none in migrations/ and no built-in pack. Write one with `apictl migrate new NAME`.\n";
    return;
  }
  std::size_t width = 0;
  for (const ListedMigration& item : migrations) width = std::max(width, item.id.size());
  for (const ListedMigration& item : migrations) {
    std::string state(state_name(item.state));
    Color color = item.state == MigrationState::applied   ? Color::green
                  : item.state == MigrationState::pending ? Color::yellow
                                                          : Color::gray;
    out << paint(style, color, state + std::string(15 - state.size(), ' ')) << item.id
        << std::string(width - item.id.size() + 2, ' ') << item.title << '\n';
    std::string detail = item.source;
    if (!item.upgrades.empty()) detail += "; upgrades " + item.upgrades;
    out << std::string(15, ' ') << paint(style, Color::gray, detail) << '\n';
    if (!item.reason.empty() && item.state != MigrationState::applied) {
      out << std::string(15, ' ') << paint(style, Color::gray, item.reason) << '\n';
    }
  }
}

Json list_json(const std::vector<ListedMigration>& migrations) {
  Json list = Json::array();
  for (const ListedMigration& item : migrations) {
    list.push_back({{"id", item.id},
                    {"title", item.title},
                    {"description", item.description},
                    {"source", item.source},
                    {"upgrades", item.upgrades},
                    {"state", state_name(item.state)},
                    {"reason", item.reason},
                    {"applied_at", item.applied_at}});
  }
  return {{"schema", "apictl.migrate-list/v1"}, {"migrations", list}};
}

void write_status_text(std::ostream& out, const StatusReport& report, const TerminalStyle& style) {
  if (report.interrupted) {
    out << paint(style, Color::red, "Interrupted: ") << report.interrupted->explanation << "\n\n";
  }
  if (report.applied.empty()) {
    out << "Applied: none\n";
  } else {
    out << "Applied (" << report.applied.size() << "):\n";
    for (const AppliedMigration& applied : report.applied) {
      const LedgerEntry& entry = applied.entry;
      std::size_t open = static_cast<std::size_t>(std::ranges::count(entry.checklist, false, &ChecklistRecord::done));
      out << "  " << paint(style, Color::green, entry.id) << "  " << entry.title << "  (" << entry.applied_at
          << (entry.verify.empty() ? ", not verified" : ", verified") << ")";
      if (open > 0) out << paint(style, Color::yellow, "  " + plural(open, "item") + " to check");
      out << '\n';
      if (applied.file_missing) out << "    its migration file is gone (the ledger can still roll it back)\n";
      if (applied.file_changed) out << "    its migration file changed since it was applied\n";
    }
  }
  if (report.interrupted && !report.interrupted->committed) {
    out << "Pending: known once the interrupted " << operation_name(report.interrupted->operation) << " is recovered\n";
  } else if (report.pending.empty()) {
    out << "Pending: none\n";
  } else {
    out << "Pending (" << report.pending.size() << "), in order:\n";
    for (const ListedMigration& pending : report.pending) {
      out << "  " << paint(style, Color::yellow, pending.id) << "  " << pending.title << '\n';
      out << "    " << paint(style, Color::gray, pending.reason) << '\n';
    }
  }
  if (!report.open_items.empty()) {
    out << "To check by hand (apictl migrate done ID ITEM when done):\n";
    for (const OpenItem& open : report.open_items) {
      std::string where = place(open.item.file, open.item.line);
      out << "  " << open.migration << " " << open.item.number << ". " << (where.empty() ? "" : where + ": ")
          << open.item.text << '\n';
    }
  }
  if (!report.drift.empty()) {
    out << paint(style, Color::red, "Drift") << ": files changed since the migration that last changed them:\n";
    for (const DriftedFile& file : report.drift) {
      out << "  " << file.path << "  (" << file.migration << (file.actual ? "" : "; the file is gone") << ")\n";
    }
    out << "  A rollback of that migration refuses until they are as it left them.\n";
  }
}

Json status_json(const StatusReport& report) {
  Json interrupted = nullptr;
  if (report.interrupted) {
    const InterruptedState& state = *report.interrupted;
    interrupted = {{"operation", operation_name(state.operation)},
                   {"migration", state.migration},
                   {"started_at", state.started_at},
                   {"committed", state.committed},
                   {"running", state.running},
                   {"verifying", state.verifying},
                   {"files_before", state.files_before},
                   {"files_after", state.files_after},
                   {"files_other", state.files_other},
                   {"commands_run", state.commands_run},
                   {"explanation", state.explanation}};
  }
  Json applied = Json::array();
  for (const AppliedMigration& item : report.applied) {
    std::vector<FileRecord> files;
    for (const RecordedAction& action : item.entry.actions) {
      const auto* run = std::get_if<RunAction>(&action);
      const FilesAction& batch = run ? run->changes : std::get<FilesAction>(action);
      files.insert(files.end(), batch.files.begin(), batch.files.end());
    }
    applied.push_back({{"id", item.entry.id},
                       {"title", item.entry.title},
                       {"source", item.entry.source},
                       {"applied_at", item.entry.applied_at},
                       {"apictl_version", item.entry.apictl_version},
                       {"verify", item.entry.verify},
                       {"files", files_json(files)},
                       {"checklist", checklist_json(item.entry.checklist)},
                       {"file_missing", item.file_missing},
                       {"file_changed", item.file_changed}});
  }
  Json pending = Json::array();
  for (const ListedMigration& item : report.pending) {
    pending.push_back({{"id", item.id}, {"title", item.title}, {"source", item.source}, {"reason", item.reason}});
  }
  Json open = Json::array();
  for (const OpenItem& item : report.open_items) {
    open.push_back({{"migration", item.migration},
                    {"item", item.item.number},
                    {"text", item.item.text},
                    {"file", item.item.file},
                    {"line", item.item.line}});
  }
  return {{"schema", "apictl.migrate-status/v1"},
          {"root", report.root.string()},
          {"interrupted", interrupted},
          {"applied", applied},
          {"pending", pending},
          {"open_items", open},
          {"drift", drift_json(report.drift)}};
}

void write_plan_text(std::ostream& out, const PlanReport& report) {
  if (report.migrations.empty()) {
    out << "# Nothing to apply: every migration that applies to this project is applied.\n";
    return;
  }
  for (const MigrationPlan& plan : report.migrations) {
    const Migration& migration = *plan.migration;
    out << "# " << migration.id << ": " << migration.title << " (" << migration.source << ")\n";
    for (const Precondition& condition : migration.preconditions) out << "#   holds: " << condition.describe() << '\n';
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
      const StepOutcome& step = plan.steps[i];
      out << "#   " << i + 1 << ". " << step.description << ": " << step.result << '\n';
    }
    for (std::size_t i = 0; i < plan.checklist.size(); ++i) {
      const ChecklistItem& item = plan.checklist[i];
      std::string where = place(item.file, item.line);
      out << "#   to check by hand " << i + 1 << ": " << (where.empty() ? "" : where + ": ") << item.text << '\n';
    }
    out << "#   verify: " << (plan.verify.empty() ? "(no command)" : plan.verify) << '\n';
    if (plan.changes.empty()) out << "#   no file changes\n";
    out << change_set_diff(plan.changes);
  }
}

Json plan_json(const PlanReport& report) {
  Json migrations = Json::array();
  for (const MigrationPlan& plan : report.migrations) {
    Json files = Json::array();
    for (const FileChange& change : plan.changes.files) {
      std::string kind = !change.before ? "created" : !change.after ? "deleted" : "modified";
      files.push_back(
          {{"path", change.path},
           {"change", kind},
           {"diff", unified_diff(change.before ? change.before->bytes : "", change.after ? change.after->bytes : "",
                                 change.before ? "a/" + change.path : "/dev/null",
                                 change.after ? "b/" + change.path : "/dev/null")}});
    }
    Json checklist = Json::array();
    for (const ChecklistItem& item : plan.checklist) {
      checklist.push_back({{"text", item.text}, {"file", item.file}, {"line", item.line}, {"column", item.column}});
    }
    migrations.push_back({{"id", plan.migration->id},
                          {"title", plan.migration->title},
                          {"source", plan.migration->source},
                          {"steps", steps_json(plan.steps)},
                          {"files", files},
                          {"checklist", checklist},
                          {"verify", plan.verify},
                          {"patch", change_set_diff(plan.changes)}});
  }
  return {{"schema", "apictl.migrate-plan/v1"}, {"migrations", migrations}};
}

void write_recovery_text(std::ostream& out, const RecoveryReport& recovered) {
  std::string what = std::string(operation_name(recovered.operation)) + " of " + recovered.migration;
  if (recovered.committed) {
    out << "Recovered: the " << what << " had finished; its leftover journal was removed.\n";
  } else {
    out << "Recovered: the interrupted " << what << " was undone (" << plural(recovered.undo.files_restored, "file")
        << " restored).\n";
  }
  for (const std::string& note : recovered.undo.notes) out << "  note: " << note << '\n';
}

void write_apply_text(std::ostream& out, const ApplyReport& report, const TerminalStyle& style) {
  if (report.recovered) write_recovery_text(out, *report.recovered);
  for (const AppliedOutcome& applied : report.applied) {
    out << paint(style, Color::green, "Applied ") << applied.id << ": " << applied.title << '\n';
    out << "  " << plural(applied.files.size(), "file") << " changed; ";
    if (applied.verify.empty()) {
      out << "not verified (no verify command, and no [dev] test in apictl.toml)\n";
    } else if (applied.verify_skipped) {
      out << "not verified (--no-verify; the check would be `" << applied.verify << "`)\n";
    } else {
      out << "verified with `" << applied.verify << "`\n";
    }
    write_open_items(out, applied.id, applied.checklist);
  }
  if (report.applied.empty() && !report.failure) {
    out << "Nothing to apply: every migration that applies to this project is applied.\n";
  }
}

Json apply_json(const ApplyReport& report) {
  Json applied = Json::array();
  for (const AppliedOutcome& item : report.applied) {
    applied.push_back({{"id", item.id},
                       {"title", item.title},
                       {"steps", steps_json(item.steps)},
                       {"files", files_json(item.files)},
                       {"checklist", checklist_json(item.checklist)},
                       {"verify", item.verify},
                       {"verify_skipped", item.verify_skipped}});
  }
  return {{"schema", "apictl.migrate-apply/v1"},
          {"recovered", recovery_json(report.recovered)},
          {"applied", applied},
          {"failure", failure_json(report.failure)}};
}

void write_rollback_text(std::ostream& out, const RollbackReport& report, const TerminalStyle& style) {
  if (report.recovered) write_recovery_text(out, *report.recovered);
  for (const RolledBack& done : report.rolled_back) {
    out << paint(style, Color::green, "Rolled back ") << done.id << ": " << done.title << " ("
        << plural(done.undo.files_restored, "file") << " restored)\n";
    for (const std::string& note : done.undo.notes) out << "  note: " << note << '\n';
  }
  if (report.rolled_back.empty() && !report.recovered && !report.failure) {
    out << "Nothing to roll back: no migration is applied.\n";
  }
}

Json rollback_json(const RollbackReport& report) {
  Json done = Json::array();
  for (const RolledBack& item : report.rolled_back) {
    done.push_back({{"id", item.id}, {"title", item.title}, {"undo", undo_json(item.undo)}});
  }
  return {{"schema", "apictl.migrate-rollback/v1"},
          {"recovered", recovery_json(report.recovered)},
          {"rolled_back", done},
          {"failure", failure_json(report.failure)}};
}

void write_failure_text(std::ostream& err, const MigrationFailure& failure, const TerminalStyle& style) {
  err << format_diagnostic(failure.error) << '\n';
  if (failure.rolled_back && failure.operation == Journal::Operation::apply) {
    err << paint(style, Color::yellow, "rolled back: ") << failure.migration << " was undone ("
        << plural(failure.undo.files_restored, "file") << " restored); the project is as it was before it.\n";
  } else if (failure.rolled_back) {
    err << paint(style, Color::yellow, "undone: ") << "the rollback of " << failure.migration << " ("
        << plural(failure.undo.files_restored, "file") << " put back); " << failure.migration << " stays applied.\n";
  }
  if (failure.rolled_back) {
    for (const std::string& note : failure.undo.notes) err << "  note: " << note << '\n';
  }
  for (const DriftedFile& file : failure.drift) err << file.hunks;
  if (!failure.output.empty()) {
    err << "--- output (last 40 lines) ---\n" << last_lines(failure.output, 40) << "\n";
  }
}

}  // namespace apictl::migrate
