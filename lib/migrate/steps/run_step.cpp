// `run`: a shell command run in the project root when the migration is applied, and an optional command
// that reverses it on rollback. Its changes are not known in advance, so `plan` only names it.
#include "migrate/steps/step.hpp"

namespace apictl::migrate {

namespace {

class RunStep : public Step {
 public:
  ShellStep command;

  std::string_view kind() const override { return "run"; }
  std::string describe() const override {
    return "run `" + command.command + "`" +
           (command.undo.empty() ? " (no undo)" : ", undone by `" + command.undo + "`");
  }
  Result<std::string> apply(StepContext&) const override {
    return std::string("runs when applied; its own changes are not part of the diff");
  }
  const ShellStep* shell() const override { return &command; }
};

}  // namespace

Result<std::shared_ptr<Step>> read_run_step(const FieldReader& table) {
  auto step = std::make_shared<RunStep>();
  auto run = table.required_string("run", "run = \"python3 -m pip install -r requirements.txt\"");
  if (!run) return std::unexpected(run.error());
  auto undo = table.optional_string("undo");
  if (!undo) return std::unexpected(undo.error());
  step->command = ShellStep{*run, undo->value_or("")};
  return step;
}

}  // namespace apictl::migrate
