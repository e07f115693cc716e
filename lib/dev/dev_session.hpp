// DevSession: `apictl dev` from start to Ctrl-C — setup, the proxy, the contract, the watcher and the
// reloader on one libuv loop, stopped in order on SIGINT, SIGTERM or SIGHUP.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "dev/console.hpp"
#include "dev/reloader.hpp"
#include "exit_code.hpp"

namespace apictl::dev {

enum class SetupPolicy { when_needed, always, never };

struct DevOptions {
  std::filesystem::path root;                     // the project's folder: commands run and globs match there
  std::string setup;                              // [dev] setup
  std::string build;                              // [dev] build
  std::string command;                            // [dev] command; "" with a contract: mock mode
  std::string health;                             // [dev] health
  std::vector<std::string> watch;                 // [dev] watch: globs of the files whose change reloads the app
  std::vector<std::string> ignore;                // [dev] ignore
  std::optional<std::filesystem::path> contract;  // absolute, or relative to the current folder
  std::string contract_display;                   // how messages name it

  std::string host = "127.0.0.1";
  int port = 8000;
  bool proxy = true;     // false: the app listens on `port` itself; no checks, no docs page
  bool validate = true;  // check live traffic against the contract
  bool mock = false;     // serve from the contract, run no app
  bool access_log = true;
  ReloadMode reload = ReloadMode::swap;
  SetupPolicy setup_policy = SetupPolicy::when_needed;
  std::chrono::milliseconds health_timeout{std::chrono::seconds(30)};
  std::chrono::milliseconds stop_grace{std::chrono::seconds(5)};
  std::chrono::milliseconds hold_timeout{std::chrono::seconds(30)};
  std::filesystem::path violations_log;  // "" : none
};

// Runs until a stop signal: 0 then. Exit 2 with the error printed when it cannot start (the port is taken,
// the contract does not load in mock mode, the setup fails, the tree cannot be watched).
ExitCode run_dev_session(const DevOptions& options, Console& console);

}  // namespace apictl::dev
