// `apictl contract test`: flags to ContractTestOptions, lib/contract_test to a report, defects to an exit code.
#include <iostream>
#include <random>

#include "command.hpp"
#include "contract/spec_source.hpp"
#include "contract_test/header_flag.hpp"
#include "contract_test/runner.hpp"
#include "contract_test/test_report.hpp"
#include "project/project_config.hpp"

namespace apictl::cli {

namespace {

struct TestFlags {
  std::string spec;
  std::string base_url;
  std::optional<std::uint64_t> seed;
  std::size_t max_requests = 50;
  std::vector<std::string> headers;  // "Name: value", ${VAR} expanded from the environment
  double timeout = 10;
  std::string format = "text";
};

constexpr std::string_view contract_test_examples =
    "  apictl contract test --base-url http://127.0.0.1:8000            the contract named in apictl.toml\n"
    "  apictl contract test --base-url http://127.0.0.1:8000 openapi.yaml --seed 42\n"
    "  apictl contract test --base-url http://127.0.0.1:8000/v1 --max-requests 200\n"
    "  apictl contract test --base-url http://127.0.0.1:8000 --header 'Authorization: Bearer ${API_TOKEN}'\n"
    "                                                 the token from the environment; reports show ${API_TOKEN}\n"
    "  apictl contract test --base-url http://127.0.0.1:8000 --format junit > contract-test.xml\n"
    "\n"
    "For each operation it sends the contract's examples, then generated requests: every field, only the\n"
    "required ones, each boundary of each constraint and each enum value, then seeded random ones. Each\n"
    "response is checked: not a 5xx, status code, content type, body schema and required headers as\n"
    "documented. Each defect is reported once, with a curl command that reproduces it.\n"
    "Exit codes here: 1 when a defect is found; 2 also when nothing answers at --base-url.\n";

Diagnostic usage(std::string message, std::string hint) {
  return Diagnostic{Severity::error, "usage", std::move(message), {}, std::move(hint)};
}

Result<contract::SpecSource> spec_source(const TestFlags& flags) {
  if (!flags.spec.empty()) return contract::resolve_spec(flags.spec);
  auto project = project::find_project_config(".");
  if (!project) return std::unexpected(project.error());
  if (!*project || !(*project)->contract) {
    return std::unexpected(usage("no contract given, and no apictl.toml names one",
                                 "pass a file (apictl contract test --base-url URL openapi.yaml) or set [contract] "
                                 "path in apictl.toml"));
  }
  std::filesystem::path path = (*project)->root / *(*project)->contract;
  return contract::resolve_local_spec(path, path.lexically_normal().string());
}

int run_test(const TestFlags& flags, Invocation& invocation) {
  contract_test::ContractTestOptions options;
  auto base_url = contract_test::parse_base_url(flags.base_url);
  if (!base_url) return usage_error(invocation, base_url.error());
  options.base_url = *base_url;
  options.base_url_text = flags.base_url;
  for (const std::string& header : flags.headers) {
    auto parsed = contract_test::parse_header_flag(header);
    if (!parsed) return usage_error(invocation, parsed.error());
    options.headers.push_back({parsed->name, parsed->value});
    options.shown_headers.push_back({parsed->name, parsed->shown});
  }
  options.cases.seed = flags.seed ? *flags.seed : std::random_device{}();
  options.cases.max_requests = flags.max_requests;
  options.timeout = std::chrono::milliseconds(static_cast<long long>(flags.timeout * 1000));

  auto source = spec_source(flags);
  if (!source) return usage_error(invocation, source.error());
  options.contract_display = source->display_path;
  auto workspace = contract::open_spec(*source);
  if (!workspace) return usage_error(invocation, workspace.error());

  contract_test::ProgressCallback progress;
  if (invocation.style.progress) {
    progress = [&invocation](std::size_t index, std::size_t total, std::string_view operation) {
      invocation.err << "\r\033[K[" << index + 1 << "/" << total << "] " << operation << std::flush;
    };
  }
  auto result =
      contract_test::run_contract_test(std::shared_ptr<contract::Workspace>(std::move(*workspace)), options, progress);
  if (invocation.style.progress) invocation.err << "\r\033[K" << std::flush;
  if (!result) return usage_error(invocation, result.error());
  contract_test::write_test_report(invocation.out, *result, *contract_test::parse_test_report_format(flags.format),
                                   invocation.style);
  invocation.out.flush();
  return to_int(result->defects.empty() ? ExitCode::ok : ExitCode::findings);
}

}  // namespace

void define_contract_test(CLI::App& command, Invocation& invocation) {
  auto flags = std::make_shared<TestFlags>();
  command.description(
      "Send requests built from the contract to a running API and check every response against the contract.\n"
      "SPEC is a file, a folder, - or REV:path as for `contract lint`; without SPEC, the contract named in\n"
      "apictl.toml. The checks and the generated requests are described in docs/contract-test.md.");
  command.add_option("SPEC", flags->spec, "The contract (default: [contract] path in apictl.toml)");
  command.add_option("--base-url", flags->base_url, "Where the API runs: http://host:port[/prefix]")->required();
  command.add_option("--seed", flags->seed,
                     "Seed of the random requests; the same seed sends the same requests (default: a new one, shown "
                     "in the report)");
  command.add_option("--max-requests", flags->max_requests, "At most this many requests per operation")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}))
      ->capture_default_str();
  command
      .add_option("--header,-H", flags->headers,
                  "Send this header with every request, e.g. for auth: 'Name: value'; ${VAR} is read from the "
                  "environment (repeatable)")
      ->allow_extra_args(false);
  command.add_option("--timeout", flags->timeout, "Seconds to wait for each response")
      ->check(CLI::Range(0.1, 3600.0))
      ->capture_default_str();
  command.add_option("--format,-f", flags->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "junit"}))
      ->capture_default_str();
  command.footer(help_footer(contract_test_examples));
  command.callback(
      [flags, &invocation] { invocation.exit_code = static_cast<ExitCode>(run_test(*flags, invocation)); });
}

}  // namespace apictl::cli
