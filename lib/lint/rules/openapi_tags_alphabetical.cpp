// openapi-tags-alphabetical: the top-level tags are in alphabetical order, so generated docs list them predictably.
#include <algorithm>
#include <cctype>

#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

namespace {

// Case-insensitive, as a reader sorts: "accounts" belongs before "Billing".
bool before(std::string_view a, std::string_view b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
    return std::tolower(x) < std::tolower(y);
  });
}

}  // namespace

void check_openapi_tags_alphabetical(LintContext& context) {
  contract::NodeRef previous;
  for (auto tag : context.root()["tags"].members()) {
    contract::NodeRef name = tag.value["name"];
    if (!name.is_string()) continue;
    if (previous && before(name.text(), previous.text())) {
      context.report(name,
                     "tag '" + std::string(name.text()) + "' is out of alphabetical order: it follows '" +
                         std::string(previous.text()) + "'",
                     "sort the top-level tags by name");
    }
    previous = name;
  }
}

}  // namespace apictl::lint::rules
