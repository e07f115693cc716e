#include "scaffold/project_template.hpp"

#include <algorithm>

#include "scaffold/answers.hpp"
#include "scaffold/template_source.hpp"

namespace apictl::scaffold {

namespace fs = std::filesystem;

Result<Template> project_template(const project::ProjectConfig& config) {
  const std::string& recorded = config.template_name;
  if (recorded.empty()) {
    return fail("no-template", "apictl.toml records no template the project was made from",
                {config.file.string(), 0, 0, {}},
                "projects made by `apictl new` record [project] template; add template = \"fastapi\" (or the folder) "
                "if the project follows one");
  }
  bool is_path = recorded.find('/') != std::string::npos || recorded.starts_with('.');
  if (!is_path) {
    auto builtin = load_builtin_template(recorded);
    if (!builtin) {
      Diagnostic error = builtin.error();
      error.message = "apictl.toml names the template '" + recorded + "': " + error.message;
      error.where = {config.file.string(), 0, 0, {}};
      return std::unexpected(error);
    }
    return builtin;
  }
  // A folder as given to `apictl new --template`: relative to where that ran, so try here, then the project.
  std::error_code error;
  fs::path folder(recorded);
  std::vector<fs::path> candidates =
      folder.is_absolute() ? std::vector<fs::path>{folder} : std::vector<fs::path>{folder, config.root / folder};
  for (const fs::path& candidate : candidates) {
    if (fs::is_directory(candidate, error)) return load_template_folder(candidate);
  }
  return fail("unknown-template",
              "apictl.toml names the template folder '" + recorded + "', which is not here or in the project folder",
              {config.file.string(), 0, 0, {}},
              "run from the folder apictl new ran in, or record the folder's absolute path in [project] template");
}

Answers recorded_answers(const project::ProjectConfig& config) {
  Answers answers;
  for (const auto& [name, value] : config.answers) answers.set(name, value);
  std::error_code error;
  answers.set(std::string(directory_variable),
              fs::weakly_canonical(fs::absolute(config.root), error).filename().string());
  return answers;
}

Result<Answers> release_answers(const TemplateManifest& manifest, const project::ProjectConfig& config) {
  AnswerOptions options;
  options.use_defaults = true;
  std::error_code error;
  options.directory_name = fs::weakly_canonical(fs::absolute(config.root), error).filename().string();
  for (const auto& [name, value] : config.answers) {
    if (std::ranges::find(manifest.variables, name, &Variable::name) == manifest.variables.end()) continue;
    options.given.emplace_back(name, value_text(value));
  }
  return resolve_answers(manifest, options);
}

}  // namespace apictl::scaffold
