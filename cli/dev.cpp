// `apictl dev`: [dev] from apictl.toml, overridden by flags, into DevOptions; the session does the rest.
#include <optional>

#include "command.hpp"
#include "dev/dev_session.hpp"
#include "project/project_config.hpp"

namespace apictl::cli {

namespace {

struct DevFlags {
  int port = 8000;
  std::string host = "127.0.0.1";
  std::string contract;
  std::optional<std::string> command;
  std::optional<std::string> build;
  std::optional<std::string> setup;
  std::optional<std::string> health;
  std::vector<std::string> watch;
  std::vector<std::string> ignore;
  std::string reload = "swap";
  bool no_proxy = false;
  bool no_validate = false;
  bool mock = false;
  bool no_setup = false;
  bool force_setup = false;
  bool quiet = false;
  double health_timeout = 30;
  double grace = 5;
  double hold_timeout = 30;
  std::string violations_log = ".apictl/dev-violations.jsonl";
};

constexpr std::string_view dev_examples =
    "  apictl dev                                  run the project's app behind a checking proxy on :8000\n"
    "  apictl dev --port 9000 --reload stop-first  for an app that cannot run twice at once\n"
    "  apictl dev --mock                           answer from openapi.yaml's examples; no app needed\n"
    "  apictl dev --command 'python3 -m uvicorn app.main:app --port {port}' --health /healthz\n"
    "\n"
    "How it reloads: on a change to a watched file, apictl builds (when [dev] build is set), starts a new\n"
    "instance on a free port, waits until GET <health> answers 2xx, sends new requests to it, lets the old\n"
    "instance finish what it has, then stops it. A failed build or a new instance that crashes or never gets\n"
    "healthy changes nothing for clients: the last good instance keeps serving and the error is printed.\n"
    "Every request and response through the proxy is checked against the contract; each violation is printed\n"
    "once and appended to the violations log. The contract's API reference is at /_apictl/docs.\n";

std::chrono::milliseconds seconds_flag(double seconds) {
  return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

int run_dev(const DevFlags& flags, Invocation& invocation) {
  auto found = project::find_project_config(".");
  if (!found) return usage_error(invocation, found.error());
  const std::optional<project::ProjectConfig>& project = *found;

  dev::DevOptions options;
  std::error_code error;
  options.root = project ? project->root : std::filesystem::current_path(error);
  if (project) {
    const auto& config = project->dev;
    options.setup = config.setup;
    options.build = config.build;
    options.command = config.command;
    options.health = config.health;
    options.watch = config.watch;
    options.ignore = config.ignore;
    if (project->contract) {
      options.contract = project->root / *project->contract;
      options.contract_display = project->contract->generic_string();
    }
  }
  if (flags.command) options.command = *flags.command;
  if (flags.build) options.build = *flags.build;
  if (flags.setup) options.setup = *flags.setup;
  if (flags.health) options.health = *flags.health;
  if (!flags.watch.empty()) options.watch = flags.watch;
  options.ignore.insert(options.ignore.end(), flags.ignore.begin(), flags.ignore.end());
  if (!flags.contract.empty()) {
    options.contract = std::filesystem::absolute(flags.contract, error);
    options.contract_display = flags.contract;
  }
  if (!project && options.command.empty() && !options.contract) {
    return usage_error(invocation, Diagnostic{Severity::error,
                                              "usage",
                                              "no apictl.toml here or above, and nothing to run",
                                              {},
                                              "run inside a project made by apictl new, or give --command CMD or "
                                              "--contract FILE --mock"});
  }
  if (flags.mock && !options.contract) {
    return usage_error(invocation, Diagnostic{Severity::error,
                                              "usage",
                                              "--mock needs a contract",
                                              {},
                                              "give --contract FILE, or set [contract] path in apictl.toml"});
  }
  if (flags.no_proxy && (flags.mock || options.command.empty())) {
    return usage_error(invocation, Diagnostic{Severity::error,
                                              "usage",
                                              "--no-proxy needs an app to run",
                                              {},
                                              "set [dev] command or give --command CMD; mocking needs the proxy"});
  }
  options.host = flags.host;
  options.port = flags.port;
  options.proxy = !flags.no_proxy;
  options.validate = !flags.no_validate;
  options.mock = flags.mock;
  options.access_log = !flags.quiet;
  options.reload = flags.reload == "stop-first" ? dev::ReloadMode::stop_first : dev::ReloadMode::swap;
  options.setup_policy = flags.no_setup      ? dev::SetupPolicy::never
                         : flags.force_setup ? dev::SetupPolicy::always
                                             : dev::SetupPolicy::when_needed;
  options.health_timeout = seconds_flag(flags.health_timeout);
  options.stop_grace = seconds_flag(flags.grace);
  options.hold_timeout = seconds_flag(flags.hold_timeout);
  if (!flags.violations_log.empty() && options.validate) {
    options.violations_log = std::filesystem::path(flags.violations_log).is_absolute()
                                 ? std::filesystem::path(flags.violations_log)
                                 : options.root / flags.violations_log;
  }
  dev::Console console(invocation.out, invocation.err, invocation.style);
  return to_int(dev::run_dev_session(options, console));
}

}  // namespace

void define_dev(CLI::App& command, Invocation& invocation) {
  auto flags = std::make_shared<DevFlags>();
  command.description(
      "Run the app with reload behind a proxy that checks every call against the contract.\n"
      "Settings come from [dev] in apictl.toml (setup, build, command with {port}, watch, ignore, health); the\n"
      "flags below override them. The proxy listens on 127.0.0.1 unless --host says otherwise.");
  command.add_option("--port,-p", flags->port, "The stable port clients use")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  command.add_option("--host", flags->host, "The address the proxy listens on")->capture_default_str();
  command.add_option("--contract", flags->contract, "The contract to check against (default: [contract] path)");
  command.add_option("--command", flags->command, "Start the app: a shell command; {port} becomes its port");
  command.add_option("--build", flags->build, "Run before each start; a failure keeps the last good build serving");
  command.add_option("--setup", flags->setup, "One-time setup, run when it never ran or changed");
  command.add_option("--health", flags->health,
                     "The path answering 2xx once the app is up (default: [dev] health; none: the port accepts)");
  command.add_option("--watch", flags->watch, "Reload when a file matching this glob changes (repeatable)")
      ->allow_extra_args(false);
  command.add_option("--ignore", flags->ignore, "Never watch paths matching this glob (repeatable; adds to [dev])")
      ->allow_extra_args(false);
  command
      .add_option("--reload", flags->reload,
                  "swap: start the new instance first; stop-first: for apps that cannot run twice")
      ->check(CLI::IsMember({"swap", "stop-first"}))
      ->capture_default_str();
  command.add_flag("--no-proxy", flags->no_proxy, "The app listens on --port itself (no checks, no docs page)");
  command.add_flag("--no-validate", flags->no_validate, "Do not check traffic against the contract");
  command.add_flag("--mock", flags->mock, "Serve responses from the contract's examples and schemas; run no app");
  auto* no_setup = command.add_flag("--no-setup", flags->no_setup, "Never run [dev] setup");
  command.add_flag("--force-setup", flags->force_setup, "Run [dev] setup even if it ran before")->excludes(no_setup);
  command.add_flag("--quiet,-q", flags->quiet, "No access log lines (violations and errors still print)");
  command.add_option("--health-timeout", flags->health_timeout, "Seconds a new instance has to get healthy")
      ->check(CLI::Range(0.1, 3600.0))
      ->capture_default_str();
  command.add_option("--grace", flags->grace, "Seconds between SIGTERM and SIGKILL when stopping an instance")
      ->check(CLI::Range(0.0, 600.0))
      ->capture_default_str();
  command
      .add_option("--hold-timeout", flags->hold_timeout,
                  "Seconds a request may wait for an instance to be ready before 503")
      ->check(CLI::Range(0.0, 3600.0))
      ->capture_default_str();
  command
      .add_option("--violations-log", flags->violations_log,
                  "Append each contract violation as a JSON line here (relative to the project; '' for none)")
      ->capture_default_str();
  command.footer(help_footer(dev_examples));
  command.callback([flags, &invocation] { invocation.exit_code = static_cast<ExitCode>(run_dev(*flags, invocation)); });
}

}  // namespace apictl::cli
