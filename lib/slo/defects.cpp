// The defects scenario: lib/slo's AppRun around lib/contract_test's runner.
#include "slo/defects.hpp"

#include <fmt/format.h>

#include <optional>

#include "contract/spec_source.hpp"
#include "contract_test/runner.hpp"
#include "slo/app_run.hpp"
#include "slo/dev_step.hpp"

namespace apictl::slo {

Result<DefectsResult> measure_defects(const DefectsOptions& options) {
  const project::ProjectConfig& project = *options.project;
  if (!project.contract) {
    return fail("usage", "[contract] path is not set in apictl.toml: the contract test needs the contract",
                {project.file.string(), 0, 0, {}}, "set [contract] path = \"openapi.yaml\"");
  }
  if (project.dev.command.empty()) {
    return fail("usage", "[dev] command is not set in apictl.toml: nothing to start", {project.file.string(), 0, 0, {}},
                "e.g. command = \"python3 -m uvicorn app.main:app --port {port}\"");
  }
  std::filesystem::path contract_path = project.root / *project.contract;
  auto source = contract::resolve_local_spec(contract_path, project.contract->generic_string());
  if (!source) return std::unexpected(source.error());
  auto workspace = contract::open_spec(*source);
  if (!workspace) return std::unexpected(workspace.error());

  if (!project.dev.build.empty()) {
    if (options.progress) options.progress("defects: build");
    auto built = run_dev_step("build", project.dev.build, project.root, options.step_timeout, std::chrono::seconds(5));
    if (!built) return std::unexpected(built.error());
  }
  if (options.progress) options.progress("defects: start");
  AppRunOptions app_options;
  app_options.response_timeout = options.response_timeout;
  auto app = AppRun::start(project.dev, project.root, app_options);
  if (!app) return std::unexpected(app.error());

  contract_test::ContractTestOptions test;
  test.contract_display = project.contract->generic_string();
  test.base_url_text = fmt::format("http://127.0.0.1:{}", (*app)->port());
  auto base_url = contract_test::parse_base_url(test.base_url_text);
  if (!base_url) return std::unexpected(base_url.error());
  test.base_url = *base_url;
  test.cases.seed = options.seed;
  test.cases.max_requests = options.max_requests;
  auto progress = [&](std::size_t index, std::size_t total, std::string_view operation) {
    if (options.progress) options.progress(fmt::format("defects: {}/{} {}", index + 1, total, operation));
  };
  std::optional<Result<contract_test::ContractTestResult>> outcome;
  std::shared_ptr<contract::Workspace> shared(std::move(*workspace));
  (*app)->run_alongside([&] { outcome = contract_test::run_contract_test(shared, test, progress); });
  if (!*outcome) return std::unexpected(outcome->error());
  const contract_test::ContractTestResult& tested = **outcome;
  DefectsResult result;
  result.defects = tested.defects.size();
  result.requests = tested.requests;
  result.operations = tested.operations.size();
  for (const contract_test::Defect& defect : tested.defects) {
    const contract::Violation& violation = defect.violation;
    result.found.push_back(violation.operation + ": " + violation.rule + " (" + violation.where +
                           (violation.pointer.empty() ? "" : " " + violation.pointer) + ")");
  }
  return result;
}

}  // namespace apictl::slo
