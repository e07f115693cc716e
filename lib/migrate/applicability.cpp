// `upgrades` and preconditions, evaluated against the work tree.
#include "migrate/applicability.hpp"

#include <algorithm>

#include "migrate/shell_command.hpp"
#include "migrate/steps/step.hpp"
#include "util/glob.hpp"

namespace apictl::migrate {

namespace {

std::string declaration_text(const DeclaredPin& pin) {
  return pin.package + (pin.constraint.empty() ? " (no version)" : " " + pin.constraint) + " (" + pin.file + ":" +
         std::to_string(pin.line) + ")";
}

}  // namespace

Result<std::vector<DeclaredPin>> declared_pins(WorkTree& tree, std::string_view package) {
  std::vector<DeclaredPin> found;
  std::vector<std::string> globs(std::begin(default_pin_files), std::end(default_pin_files));
  for (const std::string& path : matching_files(tree, globs)) {
    auto kind = pin_file_kind(path);
    if (!kind) continue;
    auto content = tree.read(path);
    if (!content) return std::unexpected(content.error());
    if (!*content) continue;
    auto pins = find_pins(*kind, (*content)->bytes, path);
    if (!pins) return std::unexpected(pins.error());
    for (DeclaredPin& pin : pins_of(*pins, package)) found.push_back(std::move(pin));
  }
  return found;
}

std::optional<VersionRange> declared_range(const DeclaredPin& pin) {
  std::string text = pin.constraint;
  switch (pin.form) {
    case PinForm::requirement:
      break;
    case PinForm::poetry:
      // Poetry reads a bare version as exactly that version.
      if (parse_version(text)) text = "==" + text;
      break;
    case PinForm::cmake_package: {
      // find_package(X 1.2) asks for 1.2 or newer; X 1.2...<2 for a range.
      std::size_t dots = text.find("...");
      if (dots == std::string::npos) {
        text = text.empty() ? "" : ">=" + text;
      } else {
        std::string upper = text.substr(dots + 3);
        text = ">=" + text.substr(0, dots) + "," + (upper.starts_with('<') ? upper : "<=" + upper);
      }
      break;
    }
    case PinForm::cmake_git_tag:
      if (!parse_version(text)) return std::nullopt;
      text = "==" + std::string(text[0] == 'v' || text[0] == 'V' ? text.substr(1) : text);
      break;
  }
  auto range = parse_version_range(text);
  if (!range) return std::nullopt;
  return *range;
}

Result<Applicability> check_applies(const Migration& migration, const MigrationProject& project, WorkTree& tree) {
  if (!migration.upgrades) return Applicability{true, "applies to every project"};
  const Upgrade& upgrade = *migration.upgrades;
  if (upgrade.subject == Upgrade::Subject::template_) {
    std::string name = project.config ? project.config->template_name : "";
    std::string version = project.config ? project.config->template_version : "";
    if (name != upgrade.name) {
      return Applicability{false, name.empty() ? "the project records no template (apictl.toml [project] template)"
                                               : "the project's template is " + name + ", not " + upgrade.name};
    }
    auto parsed = parse_version(version);
    if (!parsed) return Applicability{false, "the project's template_version '" + version + "' is not a version"};
    if (!range_contains(upgrade.from, *parsed)) {
      return Applicability{false, "template " + name + " " + version + " is outside " + upgrade.from.text};
    }
    return Applicability{true, "template " + name + " " + version + " is in " + upgrade.from.text};
  }
  auto pins = declared_pins(tree, upgrade.name);
  if (!pins) return std::unexpected(pins.error());
  if (pins->empty()) return Applicability{false, upgrade.name + " is not a declared dependency"};
  for (const DeclaredPin& pin : *pins) {
    auto range = declared_range(pin);
    if (range && ranges_overlap(*range, upgrade.from)) {
      return Applicability{true, declaration_text(pin) + " allows versions in " + upgrade.from.text};
    }
  }
  return Applicability{false, declaration_text(pins->front()) + " allows no version in " + upgrade.from.text};
}

Result<std::optional<std::string>> unmet_precondition(const Migration& migration, const MigrationProject& project,
                                                      WorkTree& tree) {
  for (const Precondition& condition : migration.preconditions) {
    switch (condition.kind) {
      case Precondition::Kind::files_exist: {
        std::vector<std::string> files = tree.files();
        for (const std::string& glob : condition.paths) {
          bool found = std::ranges::any_of(
              files, [&](const std::string& path) { return glob_match(glob, path) || path.starts_with(glob + "/"); });
          if (!found) return std::optional<std::string>("no file matches '" + glob + "'");
        }
        break;
      }
      case Precondition::Kind::pinned: {
        auto pins = declared_pins(tree, condition.package);
        if (!pins) return std::unexpected(pins.error());
        if (pins->empty()) {
          return std::optional<std::string>(condition.package + " is not a declared dependency");
        }
        for (const DeclaredPin& pin : *pins) {
          auto range = declared_range(pin);
          if (!range || !range_within(*range, *condition.range)) {
            return std::optional<std::string>(declaration_text(pin) + " is not within " + condition.range->text);
          }
        }
        break;
      }
      case Precondition::Kind::command: {
        auto outcome = run_shell(project.root, condition.command);
        if (!outcome) return std::unexpected(outcome.error());
        if (outcome->exit_status != 0) {
          std::string tail = last_lines(outcome->output, 5);
          return std::optional<std::string>("`" + condition.command + "` exited with " +
                                            std::to_string(outcome->exit_status) + (tail.empty() ? "" : ":\n" + tail));
        }
        break;
      }
    }
  }
  return std::optional<std::string>{};
}

std::string Precondition::describe() const {
  switch (kind) {
    case Kind::files_exist: {
      std::string list;
      for (const std::string& path : paths) list += (list.empty() ? "" : ", ") + path;
      return "files exist: " + list;
    }
    case Kind::pinned:
      return package + " is pinned within " + (range ? range->text : "");
    case Kind::command:
      return "`" + command + "` succeeds";
  }
  return "";
}

}  // namespace apictl::migrate
