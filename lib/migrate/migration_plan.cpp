// Steps in memory, with their conditions and errors placed at the step.
#include "migrate/migration_plan.hpp"

#include "migrate/applicability.hpp"

namespace apictl::migrate {

namespace {

Result<bool> condition_holds(const StepCondition& condition, WorkTree& tree) {
  for (const std::string& path : matching_files(tree, condition.files)) {
    auto content = tree.read(path);
    if (!content) return std::unexpected(content.error());
    if (*content && imports_module(condition.language, (*content)->bytes, condition.module)) return true;
  }
  return false;
}

}  // namespace

Result<void> run_steps_in_memory(const Migration& migration, std::span<const StepPointer> steps, WorkTree& tree,
                                 std::vector<StepOutcome>& outcomes, std::vector<ChecklistItem>& checklist) {
  for (const StepPointer& step : steps) {
    StepOutcome outcome{std::string(step->kind()), step->describe(), {}, false};
    if (step->when) {
      auto holds = condition_holds(*step->when, tree);
      if (!holds) return std::unexpected(holds.error());
      if (!*holds) {
        outcome.skipped = true;
        outcome.result = "skipped: no file imports " + step->when->module;
        outcomes.push_back(std::move(outcome));
        continue;
      }
    }
    StepContext context{tree, checklist};
    auto result = step->apply(context);
    if (!result) {
      Diagnostic error = result.error();
      if (error.where.file.empty()) error.where = step->where;
      std::size_t number = outcomes.size() + 1;
      error.message =
          migration.id + ", step " + std::to_string(number) + " (" + std::string(step->kind()) + "): " + error.message;
      return std::unexpected(std::move(error));
    }
    outcome.result = std::move(*result);
    outcomes.push_back(std::move(outcome));
  }
  return {};
}

Result<MigrationPlan> plan_migration(const Migration& migration, const MigrationProject& project, WorkTree& tree) {
  MigrationPlan plan;
  plan.migration = &migration;
  plan.verify = verify_command(migration, project);
  auto unmet = unmet_precondition(migration, project, tree);
  if (!unmet) return std::unexpected(unmet.error());
  if (*unmet) {
    return fail("precondition-failed", migration.id + ": a precondition does not hold: " + **unmet,
                {migration.file, 0, 0, {}}, "make it hold, or change the migration's [[preconditions]]");
  }
  if (auto ran = run_steps_in_memory(migration, migration.steps, tree, plan.steps, plan.checklist); !ran) {
    return std::unexpected(ran.error());
  }
  auto changes = tree.changes();
  if (!changes) return std::unexpected(changes.error());
  plan.changes = std::move(*changes);
  tree.checkpoint();
  return plan;
}

}  // namespace apictl::migrate
