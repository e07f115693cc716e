// `rewrite`: code rewrites through lib/migrate/code_rewrite.hpp (a built-in rewriter or the step's own
// patterns), over the files its globs select, optionally only those importing a module.
#include <algorithm>
#include <mutex>

#include "migrate/steps/step.hpp"
#include "util/glob.hpp"
#include "util/parallel.hpp"
#include "util/spelling.hpp"

namespace apictl::migrate {

namespace {

class RewriteStep : public Step {
 public:
  Language language = Language::python;
  std::vector<std::string> files;
  std::vector<std::string> exclude;
  std::string importing;
  std::string rewriter_name;
  Rewriter rewriter = nullptr;
  std::vector<CodePattern> patterns;

  std::string_view kind() const override { return "rewrite"; }

  std::string describe() const override {
    std::string text = "rewrite " + std::string(language_name(language)) + " files";
    for (std::size_t i = 0; i < files.size(); ++i) text += (i ? ", " : " ") + files[i];
    if (!importing.empty()) text += " importing " + importing;
    if (rewriter) return text + " with the built-in rewriter '" + rewriter_name + "'";
    return text + " with " + std::to_string(patterns.size()) + " pattern" + (patterns.size() == 1 ? "" : "s");
  }

  Result<std::string> apply(StepContext& context) const override {
    std::vector<std::string> paths;
    for (std::string& path : matching_files(context.tree, files)) {
      if (std::ranges::any_of(exclude, [&](const std::string& glob) { return glob_match(glob, path); })) continue;
      paths.push_back(std::move(path));
    }
    std::vector<FileContent> sources;
    sources.reserve(paths.size());
    for (const std::string& path : paths) {
      auto content = context.tree.read(path);
      if (!content) return std::unexpected(content.error());
      sources.push_back(content->value_or(FileContent{}));
    }
    // Each file is rewritten on its own; large trees use every core.
    std::vector<std::optional<RewriteOutcome>> outcomes(paths.size());
    std::optional<Diagnostic> first_error;
    std::mutex error_lock;
    parallel_for(paths.size(), available_threads(), [&](std::size_t i) {
      const std::string& source = sources[i].bytes;
      if (source.find('\0') != std::string::npos) return;  // not source code
      if (!importing.empty() && !imports_module(language, source, importing)) return;
      if (rewriter) {
        outcomes[i] = rewriter(source);
        return;
      }
      auto outcome = apply_patterns(language, source, patterns);
      if (!outcome) {
        std::lock_guard<std::mutex> hold(error_lock);
        if (!first_error) first_error = outcome.error();
        return;
      }
      outcomes[i] = std::move(*outcome);
    });
    if (first_error) {
      Diagnostic error = *first_error;
      if (error.where.file.empty()) error.where = where;
      return std::unexpected(std::move(error));
    }
    int edits = 0;
    int changed_files = 0;
    int items = 0;
    for (std::size_t i = 0; i < paths.size(); ++i) {
      if (!outcomes[i]) continue;
      RewriteOutcome& outcome = *outcomes[i];
      if (outcome.text != sources[i].bytes) {
        context.tree.write(paths[i], FileContent{std::move(outcome.text), sources[i].mode});
        ++changed_files;
      }
      edits += outcome.edits;
      for (const ManualItem& item : outcome.manual) {
        context.checklist.push_back(ChecklistItem{item.text, paths[i], item.line, item.column});
        ++items;
      }
    }
    std::string summary = std::to_string(edits) + " edit" + (edits == 1 ? "" : "s") + " in " +
                          std::to_string(changed_files) + " file" + (changed_files == 1 ? "" : "s");
    if (items > 0) summary += ", " + std::to_string(items) + " place" + (items == 1 ? "" : "s") + " to check by hand";
    return summary;
  }
};

}  // namespace

Result<std::shared_ptr<Step>> read_rewrite_step(const FieldReader& table) {
  auto step = std::make_shared<RewriteStep>();
  auto language = parse_language(table, "language");
  if (!language) return std::unexpected(language.error());
  step->language = *language;
  auto files = table.string_list("files");
  if (!files) return std::unexpected(files.error());
  if (files->empty()) return table.error("a rewrite step needs 'files'", "e.g. files = [\"app/**/*.py\"]");
  for (PlacedText& glob : *files) step->files.push_back(std::move(glob.text));
  auto exclude = table.string_list("exclude");
  if (!exclude) return std::unexpected(exclude.error());
  for (PlacedText& glob : *exclude) step->exclude.push_back(std::move(glob.text));
  auto importing = table.optional_string("importing");
  if (!importing) return std::unexpected(importing.error());
  step->importing = importing->value_or("");

  auto rewriter = table.optional_string("rewriter");
  if (!rewriter) return std::unexpected(rewriter.error());
  auto replace =
      table.table_list("replace", "[[steps.replace]] pattern = \"$x.dict()\" replacement = \"$x.model_dump()\"");
  if (!replace) return std::unexpected(replace.error());
  if (rewriter->has_value() == !replace->empty()) {
    return table.error("a rewrite step needs either 'rewriter' or [[steps.replace]] entries, not both",
                       "e.g. rewriter = \"pydantic-v2\", or [[steps.replace]] pattern = \"$x.dict()\" "
                       "replacement = \"$x.model_dump()\"");
  }
  if (*rewriter) {
    step->rewriter_name = **rewriter;
    step->rewriter = find_builtin_rewriter(step->rewriter_name);
    if (!step->rewriter) {
      std::vector<std::string_view> names = builtin_rewriter_names();
      std::string list;
      for (std::string_view name : names) list += (list.empty() ? "" : ", ") + std::string(name);
      std::string_view near = closest_name(names, step->rewriter_name);
      return table.error_at(
          *table.find("rewriter"), "unknown rewriter '" + step->rewriter_name + "'",
          (near.empty() ? "" : "did you mean '" + std::string(near) + "'? ") + "built-in rewriters: " + list);
    }
  }
  for (const TomlField* entry : *replace) {
    FieldReader pair(*entry, "[[steps.replace]]");
    if (auto ok = pair.only_keys({"pattern", "replacement"}); !ok) return std::unexpected(ok.error());
    auto pattern = pair.required_string("pattern", "pattern = \"$x.dict()\"");
    if (!pattern) return std::unexpected(pattern.error());
    const TomlField* replacement = pair.find("replacement");
    if (!replacement || replacement->type != TomlField::Type::string) {
      return pair.error("[[steps.replace]] needs 'replacement' (a string; \"\" deletes the match)",
                        "e.g. replacement = \"$x.model_dump()\"");
    }
    CodePattern code{*pattern, replacement->text};
    // A pattern that does not tokenize is reported at its own line.
    if (auto checked = apply_patterns(step->language, "", std::span<const CodePattern>(&code, 1)); !checked) {
      Diagnostic error = checked.error();
      error.where = pair.find("pattern")->at;
      if (error.code.empty()) error.code = std::string(migration_error_code);
      return std::unexpected(std::move(error));
    }
    step->patterns.push_back(std::move(code));
  }
  return step;
}

}  // namespace apictl::migrate
