// Every command alike: each --help teaches with examples and exit codes, the same idea has the same flag name
// everywhere, and every mistake gets the same style of error with a hint and the right --help to read.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "command_tree/command_paths.hpp"
#include "run.hpp"
#include "support/run_cli.hpp"
#include "support/scratch_folder.hpp"

namespace {

using apictl::command_tree::CommandSpec;
using apictl::command_tree::OptionSpec;
using apictl::command_tree::PathedCommand;

// "/contract/lint" as arguments: {"contract", "lint"}.
std::vector<std::string> words_of(const std::string& path) {
  std::vector<std::string> words;
  std::istringstream parts(path);
  for (std::string word; std::getline(parts, word, '/');) {
    if (!word.empty()) words.push_back(word);
  }
  return words;
}

std::string command_line(const std::string& path) {
  std::string line = "apictl";
  for (const std::string& word : words_of(path)) line += " " + word;
  return line;
}

std::vector<std::string> with(std::vector<std::string> words, std::initializer_list<std::string> more) {
  words.insert(words.end(), more);
  return words;
}

const OptionSpec* option_named(const CommandSpec& command, std::string_view name) {
  for (const OptionSpec& option : command.options) {
    if (std::ranges::find(option.names, name) != option.names.end()) return &option;
  }
  return nullptr;
}

struct Tree {
  CommandSpec root = apictl::cli::describe_apictl();
  std::vector<PathedCommand> commands = apictl::command_tree::command_paths(root);
};

const Tree& tree() {
  static const Tree instance;
  return instance;
}

}  // namespace

TEST_CASE("every command's --help teaches: what it does, examples of itself, exit codes") {
  REQUIRE(tree().commands.size() > 20);
  for (const PathedCommand& command : tree().commands) {
    INFO(command_line(command.path));
    auto help = apictl::test::run_cli(with(words_of(command.path), {"--help"}));
    CHECK(help.code == 0);
    CHECK(help.err.empty());
    CHECK(help.out.find("Examples:") != std::string::npos);
    CHECK(help.out.find("Exit codes: 0") != std::string::npos);
    // The examples show this very command (the root's show its commands).
    std::string examples = help.out.substr(help.out.find("Examples:"));
    CHECK(examples.find(command_line(command.path)) != std::string::npos);
    CHECK_FALSE(command.command->description.empty());
    for (const OptionSpec& option : command.command->options) {
      INFO(option.names.front());
      CHECK_FALSE(option.description.empty());
    }
  }
}

TEST_CASE("every command has a hand-written guide in docs/ that shows it, and its --help names it") {
  for (const PathedCommand& command : tree().commands) {
    if (command.path.empty() || !command.command->subcommands.empty()) continue;
    std::string line = command_line(command.path);
    INFO(line);
    const std::string& guide = command.command->guide;
    REQUIRE_FALSE(guide.empty());
    std::ifstream file(std::filesystem::path(APICTL_SOURCE_DIR) / "docs" / guide);
    REQUIRE(file);
    std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    CHECK(text.find(line) != std::string::npos);
    auto help = apictl::test::run_cli(with(words_of(command.path), {"--help"}));
    CHECK(help.out.find("Guide: docs/" + guide + " ") != std::string::npos);
  }
}

TEST_CASE("the same idea has the same flag everywhere") {
  std::map<std::string, std::set<std::string>> long_names_of_short;  // "-f" -> {"--format"}
  std::map<std::string, std::set<std::string>> short_names_of_long;  // "--format" -> {"-f"} or {""}
  const std::regex long_name_shape("--[a-z0-9]+(-[a-z0-9]+)*");
  for (const PathedCommand& command : tree().commands) {
    for (const OptionSpec& option : command.command->options) {
      std::string short_name;
      std::vector<std::string> long_names;
      for (const std::string& name : option.names) {
        if (name.starts_with("--")) {
          INFO(command_line(command.path) << " " << name);
          CHECK(std::regex_match(name, long_name_shape));  // lower-case words joined by '-'
          long_names.push_back(name);
        } else {
          short_name = name;
        }
      }
      if (long_names.empty()) continue;  // -C: global, short only
      short_names_of_long[long_names.front()].insert(short_name);
      if (!short_name.empty()) long_names_of_short[short_name].insert(long_names.front());
    }
  }
  for (const auto& [short_name, long_names] : long_names_of_short) {
    INFO(short_name << " stands for more than one flag");
    CHECK(long_names.size() == 1);
  }
  for (const auto& [long_name, short_names] : short_names_of_long) {
    INFO(long_name << " has a short form on some commands only (or two short forms)");
    CHECK(short_names.size() == 1);
  }
  // The spellings kept from other tools and from earlier releases.
  CHECK(short_names_of_long.contains("--format"));
  CHECK(short_names_of_long.at("--format") == std::set<std::string>{"-f"});
}

TEST_CASE("-C and --no-color are the root's alone, so they mean the same before every command") {
  for (const PathedCommand& command : tree().commands) {
    if (command.path.empty()) {
      CHECK(option_named(*command.command, "-C"));
      CHECK(option_named(*command.command, "--no-color"));
      continue;
    }
    INFO(command_line(command.path));
    CHECK_FALSE(option_named(*command.command, "-C"));
    CHECK_FALSE(option_named(*command.command, "--no-color"));
  }
}

TEST_CASE("every command that writes a report offers --format json") {
  // Commands that write documents (HTML, a man page, a shell script) or run a server instead.
  const std::set<std::string> documents{"/dev", "/contract/docs", "/slo/report",  "/completion",
                                        "/man", "/new",           "/migrate/new", "/migrate/done"};
  for (const PathedCommand& command : tree().commands) {
    if (!command.command->subcommands.empty() || documents.contains(command.path)) continue;
    INFO(command_line(command.path));
    const OptionSpec* format = option_named(*command.command, "--format");
    REQUIRE(format);
    CHECK(std::ranges::find(format->value.words, "json") != format->value.words.end());
    CHECK(std::ranges::find(format->value.words, "text") != format->value.words.end());
  }
}

TEST_CASE("a wrong flag: exit 2, one style of error, a hint, and the --help to read") {
  for (const PathedCommand& command : tree().commands) {
    std::string line = command_line(command.path);
    INFO(line);
    auto wrong = apictl::test::run_cli(with(words_of(command.path), {"--no-such-flag"}));
    CHECK(wrong.code == 2);
    CHECK(wrong.out.empty());
    CHECK(wrong.err.starts_with("apictl: error: "));
    CHECK(wrong.err.find("Run '" + line + " --help' for usage.") != std::string::npos);

    if (const OptionSpec* format = option_named(*command.command, "--format");
        format && std::ranges::find(format->value.words, "json") != format->value.words.end()) {
      auto json = apictl::test::run_cli(with(words_of(command.path), {"--json"}));
      CHECK(json.code == 2);
      CHECK(json.err.find("hint: the output format is chosen with --format: --format json") != std::string::npos);
    }
    // A flag one letter off: the hint names the right one.
    for (const OptionSpec& option : command.command->options) {
      const std::string& name = option.names.back();
      if (!name.starts_with("--") || name.size() < 6) continue;
      std::string typo = name.substr(0, name.size() - 2) + name.back();  // "--formt"
      auto misspelt = apictl::test::run_cli(with(words_of(command.path), {typo}));
      INFO(typo);
      CHECK(misspelt.code == 2);
      CHECK(misspelt.err.find("hint: did you mean ") != std::string::npos);
    }
  }
}

TEST_CASE("a wrong or missing command names the commands there are") {
  auto misspelt = apictl::test::run_cli({"migrate", "stauts"});
  CHECK(misspelt.code == 2);
  CHECK(misspelt.err ==
        "apictl: error: 'stauts' is not a command of apictl migrate\n"
        "hint: did you mean status?\n"
        "Run 'apictl migrate --help' for usage.\n");
  auto unknown = apictl::test::run_cli({"deploy"});
  CHECK(unknown.code == 2);
  CHECK(unknown.err.find("hint: the commands here are new, templates, dev,") != std::string::npos);
  auto missing = apictl::test::run_cli({"slo"});
  CHECK(missing.code == 2);
  CHECK(missing.err.find("apictl slo needs a command\nhint: the commands here are measure, check, report") !=
        std::string::npos);
}

TEST_CASE("--fail-on takes the same severity names on every command, in any case") {
  for (const PathedCommand& command : tree().commands) {
    if (!option_named(*command.command, "--fail-on")) continue;
    INFO(command_line(command.path));
    for (std::string spelling : {"ERR", "err", "error", "Error", "WARN", "warn", "warning", "INFO", "info"}) {
      INFO(spelling);
      // A missing input file fails after the flags are taken: its error, not the flag's, shows them accepted.
      auto taken = apictl::test::run_cli(
          with(words_of(command.path), {"--fail-on", spelling, "no-such-base.yaml", "no-such-revision.yaml"}));
      CHECK(taken.code == 2);
      CHECK(taken.err.find("--fail-on") == std::string::npos);
      CHECK(taken.err.find("no-such-base.yaml") != std::string::npos);
    }
    auto rejected = apictl::test::run_cli(with(words_of(command.path), {"--fail-on", "fatal", "x.yaml"}));
    CHECK(rejected.code == 2);
    CHECK(rejected.err.find("--fail-on: fatal not in {") != std::string::npos);
  }
}

TEST_CASE("an error without a file names apictl, as a wrong flag does") {
  apictl::test::ScratchFolder folder("error-style");
  auto outside = apictl::test::run_cli({"-C", folder.path().string(), "slo", "check"});
  CHECK(outside.code == 2);
  CHECK(outside.err.starts_with("apictl: error: no apictl.toml here or above"));
  auto with_file = apictl::test::run_cli({"contract", "lint", "no-such-file.yaml"});
  CHECK(with_file.code == 2);
  CHECK(with_file.err.starts_with("no-such-file.yaml: error: cannot read the file"));
}
