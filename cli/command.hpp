// What every command file shares: the streams, the terminal style, and the table of commands.
#pragma once

#include <CLI/CLI.hpp>
#include <array>
#include <iosfwd>
#include <span>
#include <string_view>

#include "diagnostic.hpp"
#include "exit_code.hpp"
#include "report/terminal.hpp"

namespace apictl::cli {

// Per-invocation state handed to each command's callback.
struct Invocation {
  std::ostream& out;
  std::ostream& err;
  TerminalStyle style;  // colour and code frames, decided once from flags, NO_COLOR and isatty
  ExitCode exit_code = ExitCode::ok;
};

// One row of the command table: it drives `--help`, dispatch and (later) completions.
struct Command {
  std::string_view parent;  // "" for top-level, "contract" for `contract lint`
  std::string_view name;
  std::string_view summary;
  std::string_view guide;                                     // its hand-written page in docs/: "contract-lint.md"
  void (*define)(CLI::App& command, Invocation& invocation);  // adds flags and the callback; null for groups
  std::string_view examples = {};                             // a group's --help examples
};

std::span<const Command> commands();

// The end of every --help: the command's examples, then the exit codes.
std::string help_footer(std::string_view examples);

// Severity names as either contract command spells them, in any case (lint: error, warn, info, hint; diff: ERR,
// WARN, INFO; and warning), turned into `names` (error, warn, info, hint; "" where the command has none), so
// `--fail-on ERR` and `--fail-on warn` work on both.
CLI::Validator severity_spellings(const std::array<std::string, 4>& names);

// Prints `diagnostic` (file:line:column, message, hint) as one line; "apictl: " stands for a missing file.
void print_error(std::ostream& err, const Diagnostic& diagnostic);

// Prints `diagnostic` to stderr; returns exit code 2.
int usage_error(Invocation& invocation, const Diagnostic& diagnostic);

// Command definitions, one file each.
void define_contract_lint(CLI::App& command, Invocation& invocation);
void define_contract_diff(CLI::App& command, Invocation& invocation);
void define_contract_changelog(CLI::App& command, Invocation& invocation);
void define_contract_docs(CLI::App& command, Invocation& invocation);
void define_contract_rules(CLI::App& command, Invocation& invocation);
void define_contract_test(CLI::App& command, Invocation& invocation);
void define_new(CLI::App& command, Invocation& invocation);
void define_templates(CLI::App& command, Invocation& invocation);
void define_add_endpoint(CLI::App& command, Invocation& invocation);
void define_dev(CLI::App& command, Invocation& invocation);
void define_completion(CLI::App& command, Invocation& invocation);
void define_man(CLI::App& command, Invocation& invocation);
void define_doctor(CLI::App& command, Invocation& invocation);
void define_migrate_list(CLI::App& command, Invocation& invocation);
void define_migrate_status(CLI::App& command, Invocation& invocation);
void define_migrate_plan(CLI::App& command, Invocation& invocation);
void define_migrate_apply(CLI::App& command, Invocation& invocation);
void define_migrate_rollback(CLI::App& command, Invocation& invocation);
void define_migrate_new(CLI::App& command, Invocation& invocation);
void define_migrate_done(CLI::App& command, Invocation& invocation);
void define_slo_measure(CLI::App& command, Invocation& invocation);
void define_slo_check(CLI::App& command, Invocation& invocation);
void define_slo_report(CLI::App& command, Invocation& invocation);

}  // namespace apictl::cli
