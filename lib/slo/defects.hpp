// Contract defects: the project's app started as `apictl dev` starts it, `contract test` run against it, and the
// number of distinct defects found.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"
#include "project/project_config.hpp"

namespace apictl::slo {

struct DefectsOptions {
  const project::ProjectConfig* project = nullptr;  // its [contract] path and [dev] build and command
  std::uint64_t seed = 0;                           // contract test's --seed: the same seed, the same requests
  std::size_t max_requests = 50;                    // per operation
  std::chrono::milliseconds step_timeout{std::chrono::minutes(30)};
  std::chrono::milliseconds response_timeout{std::chrono::seconds(60)};
  std::function<void(std::string_view)> progress;
};

struct DefectsResult {
  std::size_t defects = 0;
  std::size_t requests = 0;
  std::size_t operations = 0;
  std::vector<std::string> found;  // "GET /pets: status-undocumented at /responses" per defect, for the record
};

// Runs [dev] build (if any) in the project itself — no setup: the app must already run there — starts the app,
// runs the contract test and stops the app.
Result<DefectsResult> measure_defects(const DefectsOptions& options);

}  // namespace apictl::slo
