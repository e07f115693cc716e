// `move`: rename a file, or a folder with every file in it; the destination must not exist.
#include "migrate/project_files.hpp"
#include "migrate/steps/step.hpp"

namespace apictl::migrate {

namespace {

class MoveStep : public Step {
 public:
  std::string from;
  std::string to;

  std::string_view kind() const override { return "move"; }
  std::string describe() const override { return "move " + from + " to " + to; }

  Result<std::string> apply(StepContext& context) const override {
    WorkTree& tree = context.tree;
    std::vector<std::pair<std::string, std::string>> moves;  // from, to
    // A folder (with files in it) moves with every file; anything else must be a file.
    std::vector<std::string> inside = tree.files_under(from);
    if (!inside.empty()) {
      for (const std::string& path : inside) moves.emplace_back(path, to + path.substr(from.size()));
    } else {
      auto file = tree.read(from);
      if (!file) return std::unexpected(file.error());
      if (*file) moves.emplace_back(from, to);
    }
    if (moves.empty()) {
      return fail("move-error", "there is no file or folder '" + from + "' to move", where,
                  "check the path (relative to the project root), or drop the step if it was moved already");
    }
    if (to == from || to.starts_with(from + "/")) {
      return fail("move-error", "cannot move '" + from + "' into itself ('" + to + "')", where);
    }
    if (tree.exists(to) || !tree.files_under(to).empty()) {
      return fail("move-error", "'" + to + "' exists already", where,
                  "move it away first, or choose another destination: a move never overwrites");
    }
    for (const auto& [source, destination] : moves) {
      auto content = tree.read(source);
      if (!content) return std::unexpected(content.error());
      tree.remove(source);
      tree.write(destination, std::move(**content));
    }
    return std::to_string(moves.size()) + " file" + (moves.size() == 1 ? "" : "s") + " moved";
  }
};

}  // namespace

Result<std::shared_ptr<Step>> read_move_step(const FieldReader& table) {
  auto step = std::make_shared<MoveStep>();
  auto from = table.required_string("from", "from = \"app/schemas.py\"");
  if (!from) return std::unexpected(from.error());
  auto to = table.required_string("to", "to = \"app/models.py\"");
  if (!to) return std::unexpected(to.error());
  auto from_path = checked_project_path(*from, table.find("from")->at);
  if (!from_path) return std::unexpected(from_path.error());
  auto to_path = checked_project_path(*to, table.find("to")->at);
  if (!to_path) return std::unexpected(to_path.error());
  step->from = *from_path;
  step->to = *to_path;
  return step;
}

}  // namespace apictl::migrate
