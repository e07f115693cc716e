// Components: reusable schemas removed from `components/schemas`.
#include <string>

#include "diff/families.hpp"

namespace apictl::diff {

void diff_components(Comparison& comparison) {
  contract::NodeRef before = comparison.base().workspace.root().root()["components"]["schemas"];
  contract::NodeRef after = comparison.revision().workspace.root().root()["components"]["schemas"];
  for (auto [name, schema] : before.members()) {
    if (after[name]) continue;
    comparison.emit("api-schema-removed", OperationKey{}, "schema '" + std::string(name) + "' removed from components",
                    "components schema " + std::string(name), schema, after);
  }
}

}  // namespace apictl::diff
