// The project's .venv comes first for the commands apictl runs in the project: the app of dev and slo
// measure, a migration's verify, the doctor's checks.
#include "project/virtualenv.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>

#include "dev/app_instance.hpp"
#include "doctor/checkup.hpp"
#include "migrate/shell_command.hpp"
#include "support/scratch_folder.hpp"

namespace {

namespace fs = std::filesystem;

// A .venv whose python3 answers every call with `reply`: enough to tell it from the system's.
void fake_virtualenv(const apictl::test::ScratchFolder& project, const std::string& reply) {
  project.write(".venv/bin/python", "");
  fs::path python3 = project.write(".venv/bin/python3", "#!/bin/sh\necho " + reply + "\n");
  fs::permissions(python3, fs::perms::owner_all, fs::perm_options::add);
}

}  // namespace

TEST_CASE("without .venv/bin/python nothing changes") {
  apictl::test::ScratchFolder project("no-venv");
  CHECK(apictl::project::virtualenv_environment(project.path()).empty());
  project.write(".venv/bin/pip", "");  // a half-made folder is not a virtual environment
  CHECK(apictl::project::virtualenv_environment(project.path()).empty());
}

TEST_CASE("with a .venv, its bin/ goes first on PATH and VIRTUAL_ENV names it") {
  apictl::test::ScratchFolder project("venv");
  fake_virtualenv(project, "from-venv");
  auto environment = apictl::project::virtualenv_environment(project.path());
  REQUIRE(environment.size() == 2);
  std::string bin = (fs::absolute(project.path()) / ".venv" / "bin").string();
  CHECK(environment[0] == "PATH=" + bin + ":" + std::getenv("PATH"));
  CHECK(environment[1] == "VIRTUAL_ENV=" + (fs::absolute(project.path()) / ".venv").string());
  CHECK(apictl::project::step_search_path(environment).starts_with(bin + ":"));
}

TEST_CASE("an app started by dev or slo measure gets the .venv first, its port and unbuffered Python") {
  apictl::test::ScratchFolder project("venv-app");
  CHECK(apictl::dev::app_environment(project.path(), 8123) ==
        std::vector<std::string>{"PORT=8123", "PYTHONUNBUFFERED=1"});
  fake_virtualenv(project, "from-venv");
  auto environment = apictl::dev::app_environment(project.path(), 8123);
  REQUIRE(environment.size() == 4);
  CHECK(environment[0].starts_with("PATH=" + (fs::absolute(project.path()) / ".venv" / "bin").string() + ":"));
  CHECK(environment[1].starts_with("VIRTUAL_ENV="));
  CHECK(environment[2] == "PORT=8123");
}

TEST_CASE("a migration's verify runs the .venv's python3") {
  apictl::test::ScratchFolder project("venv-verify");
  auto before = apictl::migrate::run_shell(project.path(), "command -v python3");
  REQUIRE(before);
  CHECK(before->output.find(".venv") == std::string::npos);
  fake_virtualenv(project, "from-venv");
  auto after = apictl::migrate::run_shell(project.path(), "python3 -m pytest -q");
  REQUIRE(after);
  CHECK(after->exit_status == 0);
  CHECK(after->output == "from-venv\n");
}

TEST_CASE("doctor checks the modules in the .venv the [dev] steps will use") {
  apictl::test::ScratchFolder project("venv-doctor");
  project.write("apictl.toml", "[dev]\ncommand = \"python3 -m apictl_no_such_module_anywhere --port {port}\"\n");
  auto module_check = [&] {
    for (const auto& check : apictl::doctor::checkup(project.path(), {.port = 8000})) {
      if (check.name == "python3 -m apictl_no_such_module_anywhere") return check;
    }
    FAIL("no check of the module");
    return apictl::doctor::Check{};
  };
  CHECK(module_check().status == apictl::doctor::Check::Status::failed);  // the system's python3 lacks it
  fake_virtualenv(project, "9.9");
  auto in_venv = module_check();
  CHECK(in_venv.status == apictl::doctor::Check::Status::ok);
  CHECK(in_venv.detail == "importable, version 9.9 ([dev] command)");
}
