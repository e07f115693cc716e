// The command tree CLI11 holds, read into lib/command_tree's model, with what each value may be taken from the
// flag's own definition (its choices, its type name) and from the registries (lint rules, diff checks,
// built-in templates).
#include "command_tree.hpp"

#include "command.hpp"

#include <algorithm>
#include <cctype>

#include "contract/openapi.hpp"
#include "diff/check_ids.hpp"
#include "lint/rule.hpp"
#include "scaffold/template_source.hpp"

namespace apictl::cli {

namespace {

using command_tree::CommandSpec;
using command_tree::OptionSpec;
using command_tree::ValueHint;

std::vector<std::string> lint_rule_settings() {
  std::vector<std::string> words;
  for (const lint::Rule& rule : lint::all_rules()) words.push_back(std::string(rule.id) + "=");
  return words;
}

std::vector<std::string> diff_check_ids(std::string_view suffix) {
  std::vector<std::string> words;
  for (const diff::CheckInfo& check : diff::check_ids()) words.push_back(std::string(check.id) + std::string(suffix));
  return words;
}

// The choices CLI11 shows in a type name: "TEXT:{text,json}" gives text and json.
std::vector<std::string> listed_choices(const std::string& type_name) {
  std::size_t open = type_name.find('{');
  std::size_t close = type_name.rfind('}');
  std::vector<std::string> choices;
  if (open == std::string::npos || close == std::string::npos || close < open) return choices;
  std::string list = type_name.substr(open + 1, close - open - 1);
  for (std::size_t start = 0; start <= list.size();) {
    std::size_t comma = std::min(list.find(',', start), list.size());
    if (comma > start) choices.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return choices;
}

// What a value may be, from the option's type name (or a positional's name).
ValueHint value_hint(const std::string& type_name) {
  ValueHint hint;
  hint.words = listed_choices(type_name);
  std::string kind = type_name.substr(0, type_name.find(':'));
  if (kind == "DIR" || kind == "FOLDER") {
    hint.paths = ValueHint::Paths::directories;
  } else if (kind == "FILE" || kind == "PATH" || kind == "SPEC" || kind == "BASE" || kind == "REVISION") {
    hint.paths = ValueHint::Paths::files;
  } else if (kind == "NAME|PATH[@VERSION]") {
    hint.words = scaffold::builtin_template_names();
    hint.paths = ValueHint::Paths::directories;
  } else if (kind == "ID=SEVERITY") {
    hint.words = lint_rule_settings();
  } else if (kind == "ID=LEVEL") {
    hint.words = diff_check_ids("=");
  } else if (kind == "ID[@[METHOD ]PATH]") {
    hint.words = diff_check_ids("");
  } else if (kind == "METHOD") {
    for (std::string_view method : contract::http_methods) {
      std::string upper(method);
      std::ranges::transform(upper, upper.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      hint.words.push_back(upper);
    }
  }
  return hint;
}

// The guide the command table names for `app`, matched by its name and its parent's ("" for the root's).
std::string guide_of(const CLI::App& app) {
  const CLI::App* parent = app.get_parent();
  if (!parent) return {};
  std::string parent_name = parent->get_parent() ? parent->get_name() : "";
  for (const Command& command : commands()) {
    if (command.name == app.get_name() && command.parent == parent_name) return std::string(command.guide);
  }
  return {};
}

CommandSpec command_spec(const CLI::App& app) {
  CommandSpec spec;
  spec.name = app.get_name();
  spec.description = app.get_description();
  spec.footer = app.get_footer();
  spec.guide = guide_of(app);
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_positional()) {
      spec.positional_name += (spec.positional_name.empty() ? "" : " ") + option->get_name();
      if (spec.positional.empty()) spec.positional = value_hint(option->get_name());
      continue;
    }
    OptionSpec entry;
    for (const std::string& name : option->get_snames()) entry.names.push_back("-" + name);
    for (const std::string& name : option->get_lnames()) entry.names.push_back("--" + name);
    entry.description = option->get_description();
    entry.takes_value = option->get_expected_max() != 0;  // flags expect no value
    if (entry.takes_value) {
      entry.value_name = option->get_type_name();
      entry.value = value_hint(entry.value_name);
    }
    spec.options.push_back(std::move(entry));
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    spec.subcommands.push_back(command_spec(*sub));
  }
  return spec;
}

}  // namespace

command_tree::CommandSpec describe_commands(const CLI::App& any) {
  const CLI::App* root = &any;
  while (root->get_parent()) root = root->get_parent();
  return command_spec(*root);
}

command_tree::CommandSpec describe_command(const CLI::App& command) { return command_spec(command); }

}  // namespace apictl::cli
