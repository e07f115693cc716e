// Time to first request: from a fresh copy of the project (or a new one from a template) through [dev] setup and
// build to the app's first 2xx on its health path, phase by phase; the median of several runs.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"
#include "slo/measurement.hpp"

namespace apictl::slo {

struct TtfrOptions {
  std::filesystem::path root;             // the project copied for each run (unused with a template)
  std::string template_ref;               // non-empty: each run starts with `apictl new` from this template instead
  std::vector<std::string> ignore_globs;  // [dev] ignore, for copying a project outside git
  bool run_setup = true;                  // false: skip [dev] setup (it installs packages: network, minutes)
  int runs = 1;
  std::chrono::milliseconds step_timeout{std::chrono::minutes(30)};      // setup, build
  std::chrono::milliseconds response_timeout{std::chrono::seconds(60)};  // start to first 2xx
  std::chrono::milliseconds stop_grace{std::chrono::seconds(5)};
  std::function<void(std::string_view)> progress;  // "run 1/3: build"; may be empty
};

struct TtfrRun {
  std::vector<Phase> phases;  // in order: copy|scaffold, setup, build, start, first_response (those that ran)
  double total_seconds = 0;
};

struct TtfrResult {
  std::vector<TtfrRun> runs;
  std::vector<Phase> median_phases;  // each phase's median over the runs
  double median_total_seconds = 0;   // the median of the runs' totals
  std::string source;                // "copy" or "template:NAME"
};

// Every run in a temporary folder removed afterwards; the app in its own process group, stopped (SIGTERM, then
// SIGKILL after stop_grace) and reaped with everything it started, whether the run succeeds or not.
// "start" ends when the app's port accepts a connection, "first_response" when GET [dev] health answers 2xx.
Result<TtfrResult> measure_ttfr(const TtfrOptions& options);

}  // namespace apictl::slo
