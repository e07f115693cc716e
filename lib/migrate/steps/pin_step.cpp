// `pin`: set a dependency's version wherever the project declares it, editing only the version's bytes;
// optionally add the dependency beside another one when it is not declared yet.
#include <algorithm>

#include "migrate/dependency_pins.hpp"
#include "migrate/steps/step.hpp"
#include "migrate/version_range.hpp"

namespace apictl::migrate {

namespace {

class PinStep : public Step {
 public:
  std::string package;
  PinRequest request;
  std::vector<std::string> files;
  std::string add_beside;

  std::string_view kind() const override { return "pin"; }

  std::string describe() const override {
    std::string text = "pin " + package + " to " + (request.version.empty() ? request.tag : request.version);
    if (!add_beside.empty()) text += " (added beside " + add_beside + " where it is missing)";
    return text;
  }

  Result<std::string> apply(StepContext& context) const override {
    std::vector<std::string> changed;
    std::vector<std::string> searched;
    struct Candidate {
      std::string path;
      FileContent content;
      std::vector<DeclaredPin> pins;
    };
    std::vector<Candidate> candidates;
    for (const std::string& path : matching_files(context.tree, files)) {
      auto kind = pin_file_kind(path);
      if (!kind) continue;
      auto content = context.tree.read(path);
      if (!content) return std::unexpected(content.error());
      if (!*content) continue;
      auto pins = find_pins(*kind, (*content)->bytes, path);
      if (!pins) return std::unexpected(pins.error());
      searched.push_back(path);
      candidates.push_back({path, std::move(**content), std::move(*pins)});
    }
    for (Candidate& candidate : candidates) {
      std::vector<DeclaredPin> mine = pins_of(candidate.pins, package);
      std::string text = candidate.content.bytes;
      // Last first, so earlier offsets stay valid.
      std::ranges::sort(mine, std::greater<>{}, &DeclaredPin::begin);
      for (const DeclaredPin& pin : mine) {
        auto constraint = constraint_text(pin, request);
        if (!constraint) {
          Diagnostic error = constraint.error();
          if (error.where.file.empty()) error.where = where;
          return std::unexpected(std::move(error));
        }
        if (*constraint == pin.constraint) continue;
        text = replace_pin(text, pin, *constraint);
        changed.push_back(pin.file + ":" + std::to_string(pin.line) + " " +
                          (pin.constraint.empty() ? "(no version)" : pin.constraint) + " -> " + *constraint);
      }
      if (mine.empty() && !add_beside.empty()) {
        std::vector<DeclaredPin> anchors = pins_of(candidate.pins, add_beside);
        if (!anchors.empty()) {
          const DeclaredPin& anchor = anchors.front();
          DeclaredPin shape = anchor;
          shape.constraint.clear();
          auto constraint = constraint_text(shape, request);
          if (!constraint) return std::unexpected(constraint.error());
          auto added = add_pin_beside(text, anchor, package, *constraint);
          if (!added) return std::unexpected(added.error());
          text = std::move(*added);
          changed.push_back(anchor.file + ": added " + package + *constraint + " after " + anchor.package);
        }
      }
      if (text != candidate.content.bytes) {
        context.tree.write(candidate.path, FileContent{std::move(text), candidate.content.mode});
      }
    }
    if (changed.empty()) {
      bool declared =
          std::ranges::any_of(candidates, [&](const Candidate& c) { return !pins_of(c.pins, package).empty(); });
      if (declared) return std::string("already pinned so");
      std::string list;
      for (const std::string& path : searched) list += (list.empty() ? "" : ", ") + path;
      return fail("pin-error",
                  "'" + package + "' is declared in none of the dependency files (" +
                      (list.empty() ? "no requirements*.txt, pyproject.toml or CMakeLists.txt found" : list) + ")",
                  where,
                  add_beside.empty() ? "declare it first, add `add_beside = \"OTHER\"` to add it beside another "
                                       "dependency, or list its file in `files`"
                                     : "'" + add_beside + "' is not declared either; declare one of them first");
    }
    std::string summary;
    std::ranges::sort(changed);
    for (const std::string& line : changed) summary += (summary.empty() ? "" : "; ") + line;
    return summary;
  }
};

}  // namespace

Result<std::shared_ptr<Step>> read_pin_step(const FieldReader& table) {
  auto step = std::make_shared<PinStep>();
  auto package = table.required_string("package", "package = \"pydantic\"");
  if (!package) return std::unexpected(package.error());
  step->package = *package;
  auto version = table.optional_string("version");
  if (!version) return std::unexpected(version.error());
  auto tag = table.optional_string("tag");
  if (!tag) return std::unexpected(tag.error());
  step->request.version = version->value_or("");
  step->request.tag = tag->value_or("");
  if (step->request.version.empty() && step->request.tag.empty()) {
    return table.error("a pin step needs 'version'", "e.g. version = \">=2,<3\" (or a plain \"2.5.0\")");
  }
  if (!step->request.version.empty()) {
    if (auto range = parse_version_range(step->request.version); !range) {
      Diagnostic error = range.error();
      error.where = table.find("version")->at;
      return std::unexpected(std::move(error));
    }
  }
  auto files = table.string_list("files");
  if (!files) return std::unexpected(files.error());
  for (PlacedText& glob : *files) step->files.push_back(std::move(glob.text));
  if (step->files.empty()) step->files.assign(std::begin(default_pin_files), std::end(default_pin_files));
  auto beside = table.optional_string("add_beside");
  if (!beside) return std::unexpected(beside.error());
  step->add_beside = beside->value_or("");
  return step;
}

}  // namespace apictl::migrate
