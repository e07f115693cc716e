// The `apictl new` pipeline, in the order a user would expect errors: template, answers, plan, write, hooks.
#include "scaffold/new_project.hpp"

#include <sstream>

#include "scaffold/answers.hpp"
#include "scaffold/hooks.hpp"
#include "scaffold/template_source.hpp"

namespace apictl::scaffold {

namespace fs = std::filesystem;

Result<NewProjectResult> create_project(const NewProjectOptions& options) {
  auto source = load_template(options.template_ref);
  if (!source) return std::unexpected(source.error());

  fs::path target = options.target.lexically_normal();
  if (target.filename().empty()) target = target.parent_path();
  std::string directory_name = target.filename().string();
  if (directory_name.empty() || directory_name == "." || directory_name == "..") {
    std::error_code error;
    directory_name = fs::weakly_canonical(fs::absolute(target, error), error).filename().string();
  }

  AnswerOptions answer_options;
  answer_options.given = options.given;
  answer_options.use_defaults = options.use_defaults;
  answer_options.directory_name = directory_name;
  answer_options.questions_in = options.questions_in;
  answer_options.questions_out = options.questions_out;
  auto answers = resolve_answers(source->manifest, answer_options);
  if (!answers) return std::unexpected(answers.error());

  bool builtin = source->source == "built-in";
  TemplateRecord record{builtin ? source->manifest.name : parse_template_reference(options.template_ref).name_or_path,
                        source->manifest.version};
  auto plan = plan_project(*source, record, *answers);
  if (!plan) return std::unexpected(plan.error());

  auto written = write_project(plan->files, WriteOptions{options.target, options.existing, options.cancelled});
  if (!written) return std::unexpected(written.error());

  NewProjectResult result;
  result.template_name = source->manifest.name;
  result.template_version = source->manifest.version;
  result.written = std::move(*written);
  result.next_steps = plan->next_steps;
  if (options.run_hooks) {
    std::ostringstream discard;
    auto ran = run_hooks(plan->hooks, options.target, options.log ? *options.log : discard);
    if (!ran) result.hook_failure = ran.error();
    result.hooks_run = plan->hooks.size();
  }
  return result;
}

}  // namespace apictl::scaffold
