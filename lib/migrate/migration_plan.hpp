// Running a migration's steps in memory: what each step did, the file changes, the checklist it leaves.
// `plan` shows this; `apply` computes the same, one segment between `run` steps at a time, before writing.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "diagnostic.hpp"
#include "migrate/migration.hpp"
#include "migrate/migration_project.hpp"
#include "migrate/work_tree.hpp"

namespace apictl::migrate {

struct StepOutcome {
  std::string kind;
  std::string description;  // Step::describe()
  std::string result;       // what it did, or why it was skipped
  bool skipped = false;
};

struct MigrationPlan {
  const Migration* migration = nullptr;
  std::vector<StepOutcome> steps;
  ChangeSet changes;
  std::vector<ChecklistItem> checklist;
  std::string verify;  // the command that will verify it; "" for none
};

// Runs `steps` on `tree` in order (a `run` step does nothing here), appending to `outcomes` and
// `checklist`. A failing step's error names the migration and the step.
Result<void> run_steps_in_memory(const Migration& migration, std::span<const StepPointer> steps, WorkTree& tree,
                                 std::vector<StepOutcome>& outcomes, std::vector<ChecklistItem>& checklist);

// The whole migration on `tree`: preconditions (an unmet one is error "precondition-failed"), every step,
// and the changes since the tree's last checkpoint, after which the tree is checkpointed again.
Result<MigrationPlan> plan_migration(const Migration& migration, const MigrationProject& project, WorkTree& tree);

}  // namespace apictl::migrate
