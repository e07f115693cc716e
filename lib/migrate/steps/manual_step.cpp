// `manual`: a checklist item for a person; it stays open in `apictl migrate status` until confirmed with
// `apictl migrate done ID ITEM`.
#include "migrate/project_files.hpp"
#include "migrate/steps/step.hpp"

namespace apictl::migrate {

namespace {

class ManualStep : public Step {
 public:
  ChecklistItem item;

  std::string_view kind() const override { return "manual"; }
  std::string describe() const override {
    return "check by hand: " + item.text + (item.file.empty() ? "" : " (" + item.file + ")");
  }
  Result<std::string> apply(StepContext& context) const override {
    context.checklist.push_back(item);
    return std::string("one item to check by hand");
  }
};

}  // namespace

Result<std::shared_ptr<Step>> read_manual_step(const FieldReader& table) {
  auto step = std::make_shared<ManualStep>();
  auto text = table.required_string("text", "text = \"Review the settings for the new defaults\"");
  if (!text) return std::unexpected(text.error());
  step->item.text = *text;
  auto file = table.optional_string("file");
  if (!file) return std::unexpected(file.error());
  if (*file) {
    auto path = checked_project_path(**file, table.find("file")->at);
    if (!path) return std::unexpected(path.error());
    step->item.file = *path;
  }
  return step;
}

}  // namespace apictl::migrate
