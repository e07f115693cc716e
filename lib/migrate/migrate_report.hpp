// The `apictl migrate` reports for people (text) and machines (JSON, schemas apictl.migrate-*/v1, documented
// in docs/migrations.md).
#pragma once

#include <iosfwd>
#include <vector>

#include <nlohmann/json.hpp>

#include "migrate/engine.hpp"
#include "report/terminal.hpp"

namespace apictl::migrate {

void write_list_text(std::ostream& out, const std::vector<ListedMigration>& migrations, const TerminalStyle& style);
nlohmann::ordered_json list_json(const std::vector<ListedMigration>& migrations);

void write_status_text(std::ostream& out, const StatusReport& report, const TerminalStyle& style);
nlohmann::ordered_json status_json(const StatusReport& report);

// Steps as "# " lines and the changes as a git-style patch, so the whole output can go to `git apply`.
void write_plan_text(std::ostream& out, const PlanReport& report);
nlohmann::ordered_json plan_json(const PlanReport& report);

void write_apply_text(std::ostream& out, const ApplyReport& report, const TerminalStyle& style);
nlohmann::ordered_json apply_json(const ApplyReport& report);

void write_rollback_text(std::ostream& out, const RollbackReport& report, const TerminalStyle& style);
nlohmann::ordered_json rollback_json(const RollbackReport& report);

void write_recovery_text(std::ostream& out, const RecoveryReport& recovered);

// A failed migration for stderr: the error, what was undone, the conflicting files or drift hunks, and the
// tail of a failing command's output.
void write_failure_text(std::ostream& err, const MigrationFailure& failure, const TerminalStyle& style);

}  // namespace apictl::migrate
