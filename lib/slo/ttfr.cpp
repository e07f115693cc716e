// Time to first request, run by run, with lib/dev's child process, free port and health probe.
#include "slo/ttfr.hpp"

#include <fmt/format.h>

#include "project/project_config.hpp"
#include "slo/app_run.hpp"
#include "slo/dev_step.hpp"
#include "slo/fresh_copy.hpp"
#include "slo/statistics.hpp"
#include "slo/temporary_folder.hpp"

namespace apictl::slo {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start, Clock::time_point end = Clock::now()) {
  return std::chrono::duration<double>(end - start).count();
}

Result<TtfrRun> measure_once(const TtfrOptions& options, int number) {
  auto progress = [&](std::string_view phase) {
    if (options.progress) options.progress(fmt::format("run {}/{}: {}", number, options.runs, phase));
  };
  auto folder = TemporaryFolder::create("apictl-slo-ttfr");
  if (!folder) return std::unexpected(folder.error());
  TtfrRun run;
  Clock::time_point begin = Clock::now();
  Clock::time_point phase_start = begin;
  auto end_phase = [&](std::string name) {
    Clock::time_point now = Clock::now();
    run.phases.push_back(Phase{std::move(name), seconds_since(phase_start, now)});
    phase_start = now;
  };
  std::filesystem::path project;
  if (!options.template_ref.empty()) {
    progress("scaffold");
    project = folder->path() / "ttfr-app";
    if (auto made = scaffold_project(options.template_ref, project); !made) return std::unexpected(made.error());
    end_phase("scaffold");
  } else {
    progress("copy");
    std::filesystem::path name = options.root.filename().empty() ? "project" : options.root.filename();
    project = folder->path() / name;
    auto copied = copy_project(options.root, project, options.ignore_globs);
    if (!copied) return std::unexpected(copied.error());
    end_phase("copy");
  }
  auto config = project::load_project_config(project / project::project_file_name);
  if (!config) {
    return fail("slo-no-project", "the fresh copy has no readable apictl.toml", {},
                "commit apictl.toml: the copy holds only the files git tracks");
  }
  const project::DevConfig& dev_config = config->dev;
  if (dev_config.command.empty()) {
    return fail("slo-no-command", "[dev] command is not set in apictl.toml: nothing to start", {},
                "e.g. command = \"python3 -m uvicorn app.main:app --port {port}\"");
  }
  if (options.run_setup && !dev_config.setup.empty()) {
    progress("setup");
    auto ok = run_dev_step("setup", dev_config.setup, project, options.step_timeout, options.stop_grace);
    if (!ok) return std::unexpected(ok.error());
    end_phase("setup");
  }
  if (!dev_config.build.empty()) {
    progress("build");
    auto ok = run_dev_step("build", dev_config.build, project, options.step_timeout, options.stop_grace);
    if (!ok) return std::unexpected(ok.error());
    end_phase("build");
  }
  progress("start");
  AppRunOptions app_options;
  app_options.response_timeout = options.response_timeout;
  app_options.stop_grace = options.stop_grace;
  app_options.progress = progress;
  auto app = AppRun::start(dev_config, project, app_options);
  if (!app) return std::unexpected(app.error());
  const AppRun::Times& times = (*app)->times();
  run.phases.push_back(Phase{"start", seconds_since(times.started, times.listening)});
  run.phases.push_back(Phase{"first_response", seconds_since(times.listening, times.answered)});
  run.total_seconds = seconds_since(begin, times.answered);
  return run;  // the app is stopped and reaped here, then the folder removed
}

}  // namespace

Result<TtfrResult> measure_ttfr(const TtfrOptions& options) {
  TtfrResult result;
  result.source = options.template_ref.empty() ? "copy" : "template:" + options.template_ref;
  for (int number = 1; number <= std::max(options.runs, 1); ++number) {
    auto run = measure_once(options, number);
    if (!run) return std::unexpected(run.error());
    result.runs.push_back(std::move(*run));
  }
  std::vector<double> totals;
  for (const TtfrRun& run : result.runs) totals.push_back(run.total_seconds);
  result.median_total_seconds = *median(totals);
  for (const Phase& phase : result.runs.front().phases) {
    std::vector<double> values;
    for (const TtfrRun& run : result.runs) {
      for (const Phase& other : run.phases) {
        if (other.name == phase.name) values.push_back(other.seconds);
      }
    }
    result.median_phases.push_back(Phase{phase.name, *median(values)});
  }
  return result;
}

}  // namespace apictl::slo
