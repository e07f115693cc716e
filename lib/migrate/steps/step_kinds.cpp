// The registry of step kinds: name, keys, reader. Adding a kind is adding a file and a row.
#include <algorithm>

#include "migrate/steps/step.hpp"
#include "util/glob.hpp"

namespace apictl::migrate {

Result<std::shared_ptr<Step>> read_rewrite_step(const FieldReader& table);
Result<std::shared_ptr<Step>> read_pin_step(const FieldReader& table);
Result<std::shared_ptr<Step>> read_move_step(const FieldReader& table);
Result<std::shared_ptr<Step>> read_run_step(const FieldReader& table);
Result<std::shared_ptr<Step>> read_manual_step(const FieldReader& table);
Result<std::shared_ptr<Step>> read_template_step(const FieldReader& table);

namespace {

constexpr std::string_view rewrite_keys[] = {"language", "files", "exclude", "importing", "rewriter", "replace"};
constexpr std::string_view pin_keys[] = {"package", "version", "tag", "files", "add_beside"};
constexpr std::string_view move_keys[] = {"from", "to"};
constexpr std::string_view run_keys[] = {"run", "undo"};
constexpr std::string_view manual_keys[] = {"text", "file"};
constexpr std::string_view template_keys[] = {"to"};

constexpr StepKind kinds[] = {
    {"rewrite", "language-aware code rewrites (a built-in rewriter or pattern/replacement pairs)", rewrite_keys,
     read_rewrite_step},
    {"pin", "change a dependency's version in requirements, pyproject.toml or CMake files", pin_keys, read_pin_step},
    {"move", "move or rename a file or folder", move_keys, read_move_step},
    {"run", "run a shell command in the project root (with an optional undo command)", run_keys, read_run_step},
    {"manual", "a checklist item that stays open until `apictl migrate done`", manual_keys, read_manual_step},
    {"template", "bring the project's template-generated files to a later template release (three-way merge)",
     template_keys, read_template_step},
};

}  // namespace

std::span<const StepKind> step_kinds() { return kinds; }

const StepKind* find_step_kind(std::string_view name) {
  auto found = std::ranges::find(kinds, name, &StepKind::name);
  return found == std::end(kinds) ? nullptr : &*found;
}

std::vector<std::string> matching_files(WorkTree& tree, std::span<const std::string> globs) {
  std::vector<std::string> found;
  for (std::string& path : tree.files()) {
    if (std::ranges::any_of(globs, [&](const std::string& glob) { return glob_match(glob, path); })) {
      found.push_back(std::move(path));
    }
  }
  return found;
}

Result<Language> parse_language(const FieldReader& table, std::string_view key) {
  auto text = table.required_string(key, "language = \"python\"");
  if (!text) return std::unexpected(text.error());
  if (*text == "python") return Language::python;
  if (*text == "cpp" || *text == "c++") return Language::cpp;
  return table.error_at(*table.find(key), "unknown language '" + *text + "'", "use \"python\" or \"cpp\"");
}

std::string_view language_name(Language language) { return language == Language::python ? "python" : "cpp"; }

}  // namespace apictl::migrate
