#include "doctor/checkup.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <sstream>

#include "doctor/command_needs.hpp"
#include "lint/lint.hpp"
#include "project/project_config.hpp"
#include "project/virtualenv.hpp"
#include "util/subprocess.hpp"

namespace apictl::doctor {

namespace {

using Status = Check::Status;

// What the [dev] steps run with: the project's .venv first (project/virtualenv.hpp), else apictl's own PATH.
struct StepEnvironment {
  std::vector<std::string> variables;  // NAME=VALUE on top of apictl's environment
  std::string search_path;
};

StepEnvironment own_environment() { return {{}, project::step_search_path({})}; }

// `name` as `search_path` finds it (a name with a '/' is taken as it is); empty when not found.
std::string find_program(const std::string& name, const std::string& search_path) {
  if (name.find('/') != std::string::npos) return access(name.c_str(), X_OK) == 0 ? name : "";
  std::istringstream folders(search_path);
  std::string folder;
  while (std::getline(folders, folder, ':')) {
    std::string candidate = (folder.empty() ? std::string(".") : folder) + "/" + name;
    if (access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate)) return candidate;
  }
  return "";
}

std::string install_hint(const std::string& package, const std::string& what) {
  if (package.empty()) return "install " + what + " and make sure it is on PATH";
  return "sudo apt-get install " + package;
}

Check program_check(const std::string& program, const std::string& used_by, const StepEnvironment& environment) {
  std::string found = find_program(program, environment.search_path);
  if (!found.empty()) return {program, Status::ok, found + " (" + used_by + ")", ""};
  return {program, Status::failed, "not found on PATH (" + used_by + " runs it)",
          install_hint(debian_package_for_program(program), program)};
}

bool is_module_name(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
  });
}

Check python_module_check(const PythonModule& needed, const std::string& used_by, const StepEnvironment& environment) {
  std::string name = needed.interpreter + " -m " + needed.module;
  if (!is_module_name(needed.module)) return {name, Status::warning, "not a module name; not checked", ""};
  std::string fix = install_hint(debian_package_for_python_module(needed.module), "the module " + needed.module) +
                    ", or install it into the environment " + needed.interpreter + " runs in";
  std::array<std::string, 3> argv{
      find_program(needed.interpreter, environment.search_path), "-c",
      "import " + needed.module + "; print(getattr(" + needed.module + ", '__version__', ''))"};
  auto ran = run_process(argv, environment.variables);
  if (!ran) return {name, Status::failed, ran.error().message, fix};
  if (ran->exit_status != 0) {
    std::string why = ran->err;
    std::size_t last_line = why.find_last_of('\n', why.size() >= 2 ? why.size() - 2 : 0);
    why = why.substr(last_line == std::string::npos ? 0 : last_line + 1);
    while (!why.empty() && why.back() == '\n') why.pop_back();
    return {name, Status::failed, why.empty() ? "cannot be imported" : why, fix};
  }
  std::string version = ran->out.substr(0, ran->out.find('\n'));
  return {name, Status::ok, "importable" + (version.empty() ? "" : ", version " + version) + " (" + used_by + ")", ""};
}

Check compiler_check(const StepEnvironment& environment) {
  const char* cxx = std::getenv("CXX");
  for (std::string candidate :
       {std::string(cxx ? cxx : ""), std::string("c++"), std::string("g++"), std::string("clang++")}) {
    if (candidate.empty()) continue;
    std::string found = find_program(candidate, environment.search_path);
    if (!found.empty()) return {"C++ compiler", Status::ok, found + " (CMake builds with it)", ""};
  }
  return {"C++ compiler", Status::failed, "none found ($CXX, c++, g++, clang++): [dev] runs cmake",
          "sudo apt-get install g++"};
}

Check port_check(int port) {
  std::string name = "port " + std::to_string(port);
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return {name, Status::warning, std::string("cannot open a socket: ") + std::strerror(errno), ""};
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int bound = bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
  int error = errno;
  close(fd);
  if (bound == 0) return {name, Status::ok, "free on 127.0.0.1 (apictl dev listens there)", ""};
  if (error == EADDRINUSE) {
    return {name, Status::failed, "in use on 127.0.0.1",
            "stop what listens there (ss -ltnp 'sport = :" + std::to_string(port) +
                "' shows it), or run apictl dev --port N with another"};
  }
  return {name, Status::warning, std::string("cannot be bound: ") + std::strerror(error), ""};
}

Check contract_check(const project::ProjectConfig& config) {
  if (!config.contract) {
    return {"contract", Status::warning, "apictl.toml names no contract ([contract] path)",
            "add [contract] path = \"openapi.yaml\" to apictl.toml"};
  }
  std::filesystem::path path = config.root / *config.contract;
  lint::LintOptions options;
  options.preset = lint::Preset::structural;
  auto linted = lint::lint_contract(path, config.contract->string(), options);
  if (!linted) {
    return {"contract", Status::failed, format_diagnostic(linted.error()), "fix the file, then apictl contract lint"};
  }
  auto errors = std::count_if(linted->findings.begin(), linted->findings.end(),
                              [](const Diagnostic& finding) { return finding.severity == Severity::error; });
  std::string summary = config.contract->string() + " (OpenAPI " +
                        (linted->contracts.empty() ? std::string("?") : linted->contracts[0].openapi) + ")";
  if (errors > 0) {
    return {"contract", Status::failed,
            summary + ": " + std::to_string(errors) + " structural error(s), the first " +
                format_diagnostic(linted->findings.front()),
            "apictl contract lint --preset structural shows them all"};
  }
  return {"contract", Status::ok, summary + " is valid", ""};
}

void add_dev_checks(const project::ProjectConfig& config, std::vector<Check>& checks) {
  const project::DevConfig& dev = config.dev;
  StepEnvironment environment;
  environment.variables = project::virtualenv_environment(config.root);
  environment.search_path = project::step_search_path(environment.variables);
  std::map<std::string, bool> seen;
  bool runs_cmake = false;
  for (auto [step, line] : {std::pair<const char*, const std::string*>{"[dev] setup", &dev.setup},
                            {"[dev] build", &dev.build},
                            {"[dev] command", &dev.command},
                            {"[dev] test", &dev.test}}) {
    CommandNeeds needs = command_needs(*line);
    for (const std::string& program : needs.programs) {
      if (seen.emplace(program, true).second) checks.push_back(program_check(program, step, environment));
      runs_cmake = runs_cmake || program == "cmake";
    }
    for (const PythonModule& module : needs.python_modules) {
      if (!seen.emplace(module.interpreter + " -m " + module.module, true).second) continue;
      // The interpreter's own check failed already when it is not found.
      if (find_program(module.interpreter, environment.search_path).empty()) continue;
      checks.push_back(python_module_check(module, step, environment));
    }
  }
  if (runs_cmake) checks.push_back(compiler_check(environment));
}

}  // namespace

std::string debian_package_for_program(const std::string& program) {
  static const std::map<std::string, std::string> packages{{"python3", "python3"},
                                                           {"python", "python-is-python3"},
                                                           {"cmake", "cmake"},
                                                           {"git", "git"},
                                                           {"ninja", "ninja-build"},
                                                           {"make", "make"},
                                                           {"g++", "g++"},
                                                           {"c++", "g++"},
                                                           {"clang++", "clang"},
                                                           {"node", "nodejs"},
                                                           {"npm", "npm"},
                                                           {"uvicorn", "python3-uvicorn"},
                                                           {"pytest", "python3-pytest"},
                                                           {"ctest", "cmake"},
                                                           {"curl", "curl"}};
  auto found = packages.find(program);
  return found == packages.end() ? "" : found->second;
}

std::string debian_package_for_python_module(const std::string& module) {
  static const std::map<std::string, std::string> exceptions{
      {"yaml", "python3-yaml"}, {"pip", "python3-pip"}, {"venv", "python3-venv"}};
  std::string top = module.substr(0, module.find('.'));
  auto found = exceptions.find(top);
  if (found != exceptions.end()) return found->second;
  std::string package = "python3-" + top;  // Debian's naming of Python modules
  std::replace(package.begin(), package.end(), '_', '-');
  return package;
}

std::vector<Check> checkup(const std::filesystem::path& start, const CheckupOptions& options) {
  std::vector<Check> checks;
  auto found = project::find_project_config(start);
  if (!found) {
    checks.push_back({"apictl.toml", Status::failed, format_diagnostic(found.error()),
                      "fix apictl.toml at the line and column shown"});
  } else if (!*found) {
    checks.push_back({"apictl.toml", Status::warning, "not in a project: no apictl.toml here or in a parent folder",
                      "run apictl doctor in a project (or -C DIR); apictl new NAME makes one"});
  } else {
    const project::ProjectConfig& config = **found;
    std::string from;
    if (!config.template_name.empty()) from = ", template " + config.template_name + " " + config.template_version;
    checks.push_back({"apictl.toml", Status::ok, config.file.string() + from, ""});
    checks.push_back(contract_check(config));
  }
  Check git = program_check("git", "contract REV:path inputs and slo lead time", own_environment());
  if (git.status == Status::failed) git.status = Status::warning;  // only some commands need it
  checks.push_back(git);
  if (found && *found) add_dev_checks(**found, checks);
  checks.push_back(port_check(options.port));
  return checks;
}

}  // namespace apictl::doctor
