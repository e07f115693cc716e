// What a mistyped flag or command was meant to be, on a command built by hand.
#include "command_tree/option_suggestion.hpp"

#include <catch2/catch.hpp>

using apictl::command_tree::CommandSpec;
using apictl::command_tree::OptionSpec;
using apictl::command_tree::suggest_option;
using apictl::command_tree::suggest_subcommand;

namespace {

OptionSpec option(std::vector<std::string> names) {
  OptionSpec spec;
  spec.names = std::move(names);
  spec.takes_value = true;
  return spec;
}

CommandSpec lint_like() {
  CommandSpec command;
  command.name = "lint";
  OptionSpec format = option({"-f", "--format"});
  format.value.words = {"text", "json", "sarif"};
  command.options = {format, option({"--fail-on"}), option({"--preset"})};
  return command;
}

}  // namespace

TEST_CASE("a flag one or two letters off: the nearest flag") {
  CHECK(suggest_option(lint_like(), "--fail-no") == "did you mean --fail-on?");
  CHECK(suggest_option(lint_like(), "--presets=strict") == "did you mean --preset?");
  CHECK(suggest_option(lint_like(), "--formta") == "did you mean --format?");
}

TEST_CASE("an output format as a flag of its own: --format with that value") {
  CHECK(suggest_option(lint_like(), "--json") ==
        "the output format is chosen with --format: --format json (or -f json)");
  CHECK(suggest_option(lint_like(), "--sarif") ==
        "the output format is chosen with --format: --format sarif (or -f sarif)");
  CHECK(suggest_option(lint_like(), "--yaml").empty());  // not one of this command's formats, nor near a flag
}

TEST_CASE("nothing near, or not a flag: no hint") {
  CHECK(suggest_option(lint_like(), "--verbose").empty());
  CHECK(suggest_option(lint_like(), "fail-on").empty());
  CHECK(suggest_option(CommandSpec{}, "--json").empty());
}

TEST_CASE("a mistyped subcommand: the nearest, else the list") {
  CommandSpec migrate;
  for (const char* name : {"list", "status", "plan", "apply"}) {
    CommandSpec sub;
    sub.name = name;
    migrate.subcommands.push_back(sub);
  }
  CHECK(suggest_subcommand(migrate, "stauts") == "did you mean status?");
  CHECK(suggest_subcommand(migrate, "deploy") == "the commands here are list, status, plan, apply");
  CHECK(suggest_subcommand(migrate, "") == "the commands here are list, status, plan, apply");
}
