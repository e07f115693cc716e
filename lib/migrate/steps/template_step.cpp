// `template`: brings the files a project's template generated to a later release of that template, by a
// three-way merge per file: the template's output at the release apictl.toml records (the base), the
// project's file (yours) and the output at `to`. Your edits stay; where both sides changed the same lines the
// file gets diff3 conflict markers and the checklist an item per conflict, so nothing of either is dropped.
#include <algorithm>
#include <map>

#include "migrate/steps/step.hpp"
#include "migrate/three_way_merge.hpp"
#include "project/project_config.hpp"
#include "scaffold/generator.hpp"
#include "scaffold/project_record.hpp"
#include "scaffold/project_template.hpp"
#include "scaffold/template_history.hpp"

namespace apictl::migrate {

namespace {

using Rendered = std::map<std::string, scaffold::PlannedFile>;

// The project as `source` would generate it with `answers`, recording `record`, by path.
Result<Rendered> render(const scaffold::Template& source, const scaffold::TemplateRecord& record,
                        const scaffold::Answers& answers) {
  auto plan = scaffold::plan_project(source, record, answers);
  if (!plan) return std::unexpected(plan.error());
  Rendered files;
  for (scaffold::PlannedFile& file : plan->files) files.emplace(file.path.generic_string(), std::move(file));
  return files;
}

// Your apictl.toml with the record the new release makes: template_version set to `version`, and `added`
// (answers to variables the release added) at the end of [answers]. The record is the step's own change;
// made in your copy and in the base alike, the merge sees only the template's changes and yours.
std::string with_record(std::string text, const std::string& version, const std::string& added) {
  auto trimmed_at = [&](std::size_t start) { return text.find_first_not_of(" \t", start); };
  std::size_t answers_end = std::string::npos;  // after the last key line of [answers]
  bool in_answers = false;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    std::size_t first = trimmed_at(start);
    if (first < end && text.compare(first, 16, "template_version") == 0) {
      std::size_t open = text.find('"', first);
      std::size_t close = open < end ? text.find('"', open + 1) : std::string::npos;
      if (close < end) {
        text.replace(open + 1, close - open - 1, version);
        end = std::min(text.find('\n', start), text.size());
      }
    } else if (first < end && text[first] == '[') {
      in_answers = text.compare(first, 9, "[answers]") == 0;
      if (in_answers) answers_end = end + 1;
    } else if (in_answers && first < end && text[first] != '#') {
      answers_end = end + 1;
    }
    start = end + 1;
  }
  if (added.empty()) return text;
  if (answers_end == std::string::npos) {
    return text + (text.empty() || text.back() == '\n' ? "" : "\n") + "\n[answers]\n" + added;
  }
  if (answers_end > text.size()) text += '\n';
  text.insert(std::min(answers_end, text.size()), added);
  return text;
}

bool is_binary(const std::string& bytes) { return bytes.find('\0') != std::string::npos; }

class TemplateStep : public Step {
 public:
  std::string to;

  std::string_view kind() const override { return "template"; }
  std::string describe() const override {
    return "bring the files of the project's template to release " + to + " (a three-way merge that keeps your edits)";
  }

  Result<std::string> apply(StepContext& context) const override {
    WorkTree& tree = context.tree;
    auto config = project_config(tree);
    if (!config) return std::unexpected(config.error());
    const std::string from = config->template_version;
    if (from == to) return "the project is at template release " + to + " already";
    auto current = scaffold::project_template(*config);
    if (!current) return std::unexpected(with_step_position(current.error()));
    auto old_release = scaffold::template_at_version(*current, from);
    if (!old_release) return std::unexpected(with_step_position(old_release.error()));
    auto new_release = scaffold::template_at_version(*current, to);
    if (!new_release) return std::unexpected(with_step_position(new_release.error()));
    auto new_answers = scaffold::release_answers(new_release->manifest, *config);
    if (!new_answers) return std::unexpected(with_step_position(new_answers.error()));
    auto old_answers = scaffold::release_answers(old_release->manifest, *config);
    if (!old_answers) return std::unexpected(with_step_position(old_answers.error()));
    // The base records the new release too (see with_record); its files cannot name the added variables.
    std::string added_answers;
    for (const auto& [variable, value] : new_answers->entries()) {
      if (variable == scaffold::directory_variable) continue;
      if (!old_answers->find(variable)) added_answers += scaffold::answer_line(variable, value);
      old_answers->set(variable, value);
    }
    scaffold::TemplateRecord record{config->template_name, to};
    auto base = render(*old_release, record, *old_answers);
    if (!base) return std::unexpected(with_step_position(base.error()));
    auto theirs = render(*new_release, record, *new_answers);
    if (!theirs) return std::unexpected(with_step_position(theirs.error()));

    const std::string& name = current->manifest.name;
    MergeLabels labels{"template " + name + " " + from, "yours", "template " + name + " " + to};
    std::vector<std::string> paths;
    for (const auto& [path, file] : *base) paths.push_back(path);
    for (const auto& [path, file] : *theirs) {
      if (!base->contains(path)) paths.push_back(path);
    }
    std::ranges::sort(paths);
    Tally tally;
    for (const std::string& path : paths) {
      auto old_file = base->find(path);
      auto new_file = theirs->find(path);
      const std::string* old_text = old_file == base->end() ? nullptr : &old_file->second.content;
      const scaffold::PlannedFile* fresh = new_file == theirs->end() ? nullptr : &new_file->second;
      if (auto ok = carry_file(tree, path, old_text, fresh, added_answers, labels, context.checklist, tally); !ok) {
        return std::unexpected(ok.error());
      }
    }
    return "template " + name + " " + from + " -> " + to + ": " + tally.summary();
  }

 private:
  struct Tally {
    int taken = 0;      // files you had not changed: the new release's copy taken as it is
    int merged = 0;     // files both changed, merged cleanly
    int conflicts = 0;  // conflict regions left with markers
    int kept = 0;       // files left as they are, with a checklist item
    std::string summary() const {
      return std::to_string(taken) + " updated, " + std::to_string(merged) + " merged with your edits, " +
             std::to_string(conflicts) + " conflict" + (conflicts == 1 ? "" : "s") +
             (kept ? ", " + std::to_string(kept) + " left for you" : "");
    }
  };

  Diagnostic with_step_position(Diagnostic error) const {
    if (error.where.file.empty()) error.where = where;
    return error;
  }

  Result<project::ProjectConfig> project_config(WorkTree& tree) const {
    auto text = tree.read(std::string(project::project_file_name));
    if (!text) return std::unexpected(text.error());
    if (!*text) {
      return fail("template-step", "the project has no apictl.toml, so the template it came from is unknown", where,
                  "a template step needs a project made by `apictl new` (apictl.toml records its template)");
    }
    auto config = project::parse_project_config((*text)->bytes, tree.root() / project::project_file_name);
    if (!config) return std::unexpected(config.error());
    if (config->template_name.empty() || config->template_version.empty()) {
      return fail("template-step", "apictl.toml records no template and template_version",
                  {config->file.string(), 0, 0, {}},
                  "a template step needs the release the project was made from: [project] template and "
                  "template_version, as `apictl new` writes them");
    }
    return config;
  }

  // One file: `old_text` as the recorded release made it (null: it had none), `fresh` as release `to`
  // makes it (null: it has none), and your copy in the tree.
  Result<void> carry_file(WorkTree& tree, const std::string& path, const std::string* old_text,
                          const scaffold::PlannedFile* fresh, const std::string& added_answers,
                          const MergeLabels& labels, std::vector<ChecklistItem>& checklist, Tally& tally) const {
    auto yours = tree.read(path);
    if (!yours) return std::unexpected(yours.error());
    std::optional<std::string> mine;
    if (*yours) mine = (*yours)->bytes;
    if (mine && path == project::project_file_name) mine = with_record(*mine, to, added_answers);
    const std::string* new_text = fresh ? &fresh->content : nullptr;
    auto same = [](const std::string* a, const std::optional<std::string>& b) {
      return a ? b && *a == *b : !b.has_value();
    };
    bool template_changed = old_text && new_text ? *old_text != *new_text : old_text != new_text;
    if (!template_changed) {
      if (mine && *yours && mine != (*yours)->bytes) tree.write(path, {*mine, (*yours)->mode});
      return {};
    }
    if (same(new_text, mine)) return {};  // you made the release's change already
    if (same(old_text, mine)) {           // untouched since generation: take the release's copy
      if (new_text) {
        tree.write(path, {*new_text, *yours ? (*yours)->mode : (fresh->executable ? 0755u : 0644u)});
      } else {
        tree.remove(path);
      }
      ++tally.taken;
      return {};
    }
    if (!mine) {
      checklist.push_back({labels.theirs + " changed " + path +
                               ", which the project no longer has; it was not "
                               "brought back: compare with `apictl new --template NAME@" +
                               to + "` if you need it",
                           path, 0, 0});
      ++tally.kept;
      return {};
    }
    if (!new_text) {
      checklist.push_back({labels.theirs + " no longer has " + path +
                               "; yours has edits, so it stays: remove it "
                               "if nothing uses it",
                           path, 1, 1});
      ++tally.kept;
      return {};
    }
    if (is_binary(*mine) || is_binary(*new_text) || (old_text && is_binary(*old_text))) {
      checklist.push_back({"both you and " + labels.theirs + " changed this binary file; yours is kept", path, 0, 0});
      ++tally.kept;
      return {};
    }
    auto merged = merge_three_way(old_text ? *old_text : std::string(), *mine, *new_text, labels);
    if (!merged) return std::unexpected(with_step_position(merged.error()));
    for (int line : merged->conflict_lines) {
      checklist.push_back({"resolve the conflict between your edits and " + labels.theirs +
                               " (between the <<<<<<< and >>>>>>> markers)",
                           path, line, 1});
    }
    tally.conflicts += static_cast<int>(merged->conflict_lines.size());
    ++tally.merged;
    tree.write(path, {std::move(merged->text), (*yours)->mode});
    return {};
  }
};

}  // namespace

Result<std::shared_ptr<Step>> read_template_step(const FieldReader& table) {
  auto step = std::make_shared<TemplateStep>();
  auto to = table.required_string("to", "to = \"1.1.0\"");
  if (!to) return std::unexpected(to.error());
  step->to = *to;
  return step;
}

}  // namespace apictl::migrate
