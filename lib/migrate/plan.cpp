// `plan`: the pending migrations run in memory, one after the other, writing nothing.
#include <algorithm>

#include "migrate/engine.hpp"
#include "migrate/project_state.hpp"

namespace apictl::migrate {

Result<std::vector<const Migration*>> pending_migrations(const ProjectState& state, const Selection& selection) {
  auto listed = classify_migrations(state);
  if (!listed) return std::unexpected(listed.error());
  const std::optional<std::string>& to = selection.only ? selection.only : selection.to;
  if (to) {
    auto target = find_migration(state, *to);
    if (!target) return std::unexpected(target.error());
    auto item = std::ranges::find(*listed, *to, &ListedMigration::id);
    if (item->state == MigrationState::not_applicable) {
      return fail("not-applicable", "'" + *to + "' does not apply to this project: " + item->reason, {},
                  "see `apictl migrate list`");
    }
    if (selection.only) {
      if (item->state == MigrationState::applied) return std::vector<const Migration*>{};  // nothing left to do
      for (const PlacedText& before : (*target)->after) {
        auto earlier = std::ranges::find(*listed, before.text, &ListedMigration::id);
        if (earlier != listed->end() && earlier->state == MigrationState::pending) {
          return fail("migration-order", "'" + *to + "' comes after '" + before.text + "', which is pending", {},
                      "apply '" + before.text + "' first, or both with --to " + *to);
        }
      }
      return std::vector<const Migration*>{*target};
    }
  }
  std::vector<const Migration*> pending;
  bool reached = false;
  for (std::size_t i = 0; i < listed->size() && !reached; ++i) {
    reached = to && (*listed)[i].id == *to;
    if ((*listed)[i].state == MigrationState::pending) pending.push_back(&state.catalog[i]);
  }
  return pending;
}

Result<PlanReport> plan_migrations(const std::filesystem::path& start, const Selection& selection) {
  auto state = load_project_state(start);
  if (!state) return std::unexpected(state.error());
  if (state->journal) {
    InterruptedState interrupted = describe_interruption(*state);
    if (!interrupted.committed) {
      return fail("interrupted", interrupted.explanation, {},
                  "recover first with `apictl migrate apply` or `apictl migrate rollback`; plan writes nothing");
    }
  }
  auto pending = pending_migrations(*state, selection);
  if (!pending) return std::unexpected(pending.error());
  PlanReport report;
  WorkTree tree(state->project.root, state->project.ignore);
  for (const Migration* migration : *pending) {
    auto plan = plan_migration(*migration, state->project, tree);
    if (!plan) return std::unexpected(plan.error());
    report.migrations.push_back(std::move(*plan));
  }
  // The plans point into the catalog: it moves with them (a vector's elements stay where they are).
  report.catalog = std::move(state->catalog);
  return report;
}

}  // namespace apictl::migrate
