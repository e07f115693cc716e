// `apictl doctor`: lib/doctor's checkup of this machine for the project here, printed; exit 1 when one failed.
#include "command.hpp"
#include "doctor/checkup.hpp"
#include "doctor/checkup_report.hpp"

namespace apictl::cli {

namespace {

struct DoctorFlags {
  int port = 8000;
  std::string format = "text";
};

}  // namespace

void define_doctor(CLI::App& command, Invocation& invocation) {
  auto flags = std::make_shared<DoctorFlags>();
  command.description(
      "Check that this machine has what the project here needs: apictl.toml and its contract readable, git,\n"
      "every program and Python module its [dev] steps run (python3 -m uvicorn: uvicorn importable), a C++\n"
      "compiler when it builds with CMake, and the dev port free. Each missing piece comes with its fix.");
  command.add_option("--port,-p", flags->port, "The port apictl dev will listen on")
      ->check(CLI::Range(1, 65535))
      ->capture_default_str();
  command.add_option("--format,-f", flags->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command.footer(
      help_footer("  apictl doctor                              in a project: what it needs, found or not\n"
                  "  apictl -C services/pets doctor --port 9000\n"
                  "  apictl doctor --format json                for scripts: {\"ok\": ..., \"checks\": [...]}\n"
                  "Exit codes here: 1 when a check failed (warnings do not fail).\n"));
  command.callback([flags, &invocation] {
    std::vector<doctor::Check> checks = doctor::checkup(".", {flags->port});
    invocation.out << (flags->format == "json" ? doctor::checkup_json(checks)
                                               : doctor::checkup_text(checks, invocation.style));
    invocation.exit_code = doctor::any_failed(checks) ? ExitCode::findings : ExitCode::ok;
  });
}

}  // namespace apictl::cli
