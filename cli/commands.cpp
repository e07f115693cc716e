// The table of commands: only commands that work are listed here.
#include "command.hpp"

namespace apictl::cli {

std::string help_footer(std::string_view examples) {
  std::string footer;
  if (!examples.empty()) {
    footer += "\nExamples:\n";
    footer += examples;
  }
  footer +=
      "\nExit codes: 0 success, nothing at or above the threshold; 1 findings at or above the threshold;\n"
      "            2 usage or input error (bad flag, unreadable or malformed file).\n";
  return footer;
}

std::span<const Command> commands() {
  static const Command table[] = {
      {"", "contract", "Check and use the OpenAPI contract", nullptr,
       "  apictl contract lint openapi.yaml          validate and apply the recommended rules\n"
       "  apictl contract rules --preset strict      the rules a preset enables\n"},
      {"contract", "lint", "Validate a contract and apply governance rules", define_contract_lint},
      {"contract", "rules", "List the lint rules with their presets and Spectral/Redocly equivalents",
       define_contract_rules},
  };
  return table;
}

}  // namespace apictl::cli
