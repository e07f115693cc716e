// `apictl slo measure|check|report`: flags to lib/slo calls, results to text, JSON or HTML, errors to exit codes.
#include <sys/stat.h>

#include <iostream>

#include "command.hpp"
#include "project/project_config.hpp"
#include "slo/budget_check.hpp"
#include "slo/history.hpp"
#include "slo/measure.hpp"
#include "slo/project_git.hpp"
#include "slo/report_html.hpp"
#include "slo/slo_output.hpp"
#include "util/file_replace.hpp"

namespace apictl::cli {

namespace {

struct SloFlags {
  std::string scenario = "all";
  int runs = 3;
  std::string template_ref;
  bool no_setup = false;
  bool no_record = false;
  double timeout = 60;
  int last = 0;
  std::string format = "text";
  std::string output;
};

constexpr std::string_view measure_examples =
    "  apictl slo measure                          every scenario; appended to .apictl/slo-history.jsonl\n"
    "  apictl slo measure --scenario ttfr --no-setup --runs 5\n"
    "                                              fresh copy -> build -> start -> first 2xx, without installing\n"
    "  apictl slo measure --scenario ttfr --template fastapi --no-setup\n"
    "                                              the same from a new project made by apictl new\n"
    "  apictl slo measure --scenario lead-time --last 50 --format json\n"
    "\n"
    "Time to first request copies the files git tracks (or runs apictl new with --template) into a temporary\n"
    "folder, runs [dev] setup and build, starts [dev] command on a free 127.0.0.1 port and polls [dev] health until\n"
    "the first 2xx. Endpoint lead time reads the git history of the contract and the tests ([slo] tests, default\n"
    "tests/**). Defects starts the app in the project itself (after [dev] build), runs apictl contract test\n"
    "against it and records the count with the release (the nearest git tag).\n"
    "It exits 0 when measured and 2 when a scenario cannot run.\n";

constexpr std::string_view check_examples =
    "  apictl slo check                            in CI, after apictl slo measure\n"
    "  apictl slo check --format json\n"
    "\n"
    "Budgets are set in apictl.toml:\n"
    "  [slo]\n"
    "  ttfr_seconds = 3\n"
    "  lead_time_p90_days = 7\n"
    "  defects = 0\n"
    "It exits 1 when a figure's latest measurement is above its budget or was never measured, 0 when every budget\n"
    "is met, 2 when apictl.toml or the history cannot be read.\n";

constexpr std::string_view report_examples =
    "  apictl slo report -o slo.html               one page, a trend chart per SLO, budgets as dashed lines\n"
    "  apictl slo report > slo.html\n"
    "\n"
    "The page is self-contained (inline SVG and CSS, no script) and loads nothing from the network.\n";

// Progress lines on stderr, overwritten in place, only when stderr is a terminal.
class ProgressLine {
 public:
  explicit ProgressLine(Invocation& invocation) : invocation_(invocation) {}
  ~ProgressLine() { clear(); }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  std::function<void(std::string_view)> callback() {
    if (!invocation_.style.progress) return {};
    return [this](std::string_view text) {
      invocation_.err << "\r\033[K"
                      << "measuring: " << text << std::flush;
      shown_ = true;
    };
  }
  void clear() {
    if (shown_) invocation_.err << "\r\033[K" << std::flush;
    shown_ = false;
  }

 private:
  Invocation& invocation_;
  bool shown_ = false;
};

Result<std::optional<project::ProjectConfig>> current_project() { return project::find_project_config("."); }

int run_measure(const SloFlags& flags, Invocation& invocation) {
  auto project = current_project();
  if (!project) return usage_error(invocation, project.error());
  slo::MeasureOptions options;
  options.project = *project;
  if (flags.scenario == "all") {
    options.scenarios = {slo::Scenario::ttfr, slo::Scenario::lead_time, slo::Scenario::defects};
  } else if (flags.scenario == "ttfr") {
    options.scenarios = {slo::Scenario::ttfr};
  } else if (flags.scenario == "lead-time") {
    options.scenarios = {slo::Scenario::lead_time};
  } else {
    options.scenarios = {slo::Scenario::defects};
  }
  options.runs = flags.runs;
  options.template_ref = flags.template_ref;
  options.run_setup = !flags.no_setup;
  options.record = !flags.no_record;
  options.response_timeout = std::chrono::milliseconds(static_cast<long long>(flags.timeout * 1000));
  if (flags.last > 0) options.last_operations = flags.last;
  ProgressLine progress(invocation);
  options.progress = progress.callback();
  auto outcome = slo::run_measure(options);
  progress.clear();
  if (!outcome) return usage_error(invocation, outcome.error());
  if (flags.format == "json") {
    invocation.out << slo::measure_json(*outcome).dump(2) << '\n';
  } else {
    slo::write_measure_text(invocation.out, *outcome, invocation.style);
    if (!outcome->recorded_in && !flags.no_record) {
      invocation.err << "note: not recorded: no apictl.toml here or above to keep the history beside\n";
    }
  }
  return to_int(ExitCode::ok);
}

Result<project::ProjectConfig> required_project() {
  auto project = current_project();
  if (!project) return std::unexpected(project.error());
  if (!*project) {
    return fail("usage", "no apictl.toml here or above", {}, "run it inside a project made by apictl new");
  }
  return std::move(**project);
}

int run_check(const SloFlags& flags, Invocation& invocation) {
  auto project = required_project();
  if (!project) return usage_error(invocation, project.error());
  auto history = slo::read_history(project->root);
  if (!history) return usage_error(invocation, history.error());
  slo::BudgetCheck check = slo::check_budgets(*history, project->slo);
  if (flags.format == "json") {
    invocation.out << slo::check_json(check).dump(2) << '\n';
  } else {
    slo::write_check_text(invocation.out, check, invocation.style);
  }
  return to_int(check.met() ? ExitCode::ok : ExitCode::findings);
}

int run_report(const SloFlags& flags, Invocation& invocation) {
  auto project = required_project();
  if (!project) return usage_error(invocation, project.error());
  auto history = slo::read_history(project->root);
  if (!history) return usage_error(invocation, history.error());
  slo::SloReportOptions options;
  options.project_name = project->name;
  options.generated_at = slo::stamp_now(project->root).time;
  std::string page = slo::render_slo_report(*history, project->slo, options);
  if (flags.output.empty() || flags.output == "-") {
    invocation.out << page;
    invocation.out.flush();
    return to_int(ExitCode::ok);
  }
  std::error_code error;
  if (std::filesystem::is_directory(flags.output, error)) {
    return usage_error(invocation, Diagnostic{Severity::error,
                                              "usage",
                                              "'" + flags.output + "' is a folder",
                                              {},
                                              "give -o a file name, e.g. -o slo.html"});
  }
  bool existed = std::filesystem::exists(flags.output, error);
  if (auto written = replace_files({FileReplacement{flags.output, {}, page}}); !written) {
    return usage_error(invocation, written.error());
  }
  if (!existed) {  // replace_files makes its temporary file private; a new page is readable like any new file
    mode_t mask = ::umask(0);
    ::umask(mask);
    ::chmod(flags.output.c_str(), 0666 & ~mask);
  }
  return to_int(ExitCode::ok);
}

void add_format(CLI::App& command, SloFlags& flags) {
  command.add_option("--format,-f", flags.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
}

}  // namespace

void define_slo_measure(CLI::App& command, Invocation& invocation) {
  auto flags = std::make_shared<SloFlags>();
  command.description(
      "Measure the developer-experience SLOs and append them to the project's history (.apictl/slo-history.jsonl):\n"
      "time to first request (fresh copy -> setup -> build -> start -> first 2xx, by phase), endpoint lead time\n"
      "(from the commit that introduces an operation to the first with a test and a summary or description) and\n"
      "contract defects (apictl contract test against the running app, by release).");
  command.add_option("--scenario,-s", flags->scenario, "Which to measure: ttfr, lead-time, defects or all")
      ->check(CLI::IsMember({"ttfr", "lead-time", "defects", "all"}))
      ->capture_default_str();
  command.add_option("--runs,-n", flags->runs, "ttfr: runs; the figure is their median")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  command.add_option("--template,-t", flags->template_ref,
                     "ttfr: start each run with apictl new from this template instead of copying the project");
  command.add_flag("--no-setup", flags->no_setup, "ttfr: skip [dev] setup (it installs packages: network, minutes)");
  command.add_option("--timeout", flags->timeout, "ttfr: seconds the app has from start to its first 2xx")
      ->check(CLI::Range(0.1, 3600.0))
      ->capture_default_str();
  command
      .add_option("--last", flags->last,
                  "lead-time: over the N operations introduced last ([slo] lead_time_operations)")
      ->check(CLI::Range(1, 1000000))
      ->type_name("N");
  command.add_flag("--no-record", flags->no_record, "Print the figures without appending them to the history");
  add_format(command, *flags);
  command.footer(help_footer(measure_examples));
  command.callback(
      [flags, &invocation] { invocation.exit_code = static_cast<ExitCode>(run_measure(*flags, invocation)); });
}

void define_slo_check(CLI::App& command, Invocation& invocation) {
  auto flags = std::make_shared<SloFlags>();
  command.description(
      "Compare the latest measurement of each SLO with its budget in apictl.toml [slo]; exit 1 naming what is\n"
      "breached or never measured.");
  add_format(command, *flags);
  command.footer(help_footer(check_examples));
  command.callback(
      [flags, &invocation] { invocation.exit_code = static_cast<ExitCode>(run_check(*flags, invocation)); });
}

void define_slo_report(CLI::App& command, Invocation& invocation) {
  auto flags = std::make_shared<SloFlags>();
  command.description("Write one self-contained HTML page with a trend chart per SLO and its budget.");
  command.add_option("--output,-o", flags->output, "Write the page to FILE (replaced in one step) instead of stdout")
      ->type_name("FILE");
  command.footer(help_footer(report_examples));
  command.callback(
      [flags, &invocation] { invocation.exit_code = static_cast<ExitCode>(run_report(*flags, invocation)); });
}

}  // namespace apictl::cli
