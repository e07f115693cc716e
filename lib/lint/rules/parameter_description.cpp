// parameter-description: every parameter says what it is for.
#include "contract/schemas.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_parameter_description(LintContext& context) {
  contract::ContractVisitor visitor;
  visitor.parameter = [&](contract::NodeRef parameter) {
    contract::NodeRef description = parameter["description"];
    std::string label = "parameter '" + std::string(parameter["name"].text()) + "'";
    if (contract::NodeRef in = parameter["in"]; in.is_string()) label += " (in " + std::string(in.text()) + ")";
    if (!description) {
      context.report_key(parameter, label + " has no description",
                         "add a description saying what the parameter does and which values it takes");
    } else if (description.text().find_first_not_of(" \t\r\n") == std::string_view::npos) {
      context.report(description, label + " has an empty description",
                     "say what the parameter does and which values it takes");
    }
  };
  context.walk(visitor);
}

}  // namespace apictl::lint::rules
