// no-remote-refs: a $ref to an http(s) URL is valid OpenAPI, but apictl never downloads during a lint, so
// whatever it points at goes unchecked; teams that want a self-contained contract keep this on.
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_no_remote_refs(LintContext& context) {
  for (const auto& reference : context.references()) {
    if (reference.target || reference.target.error().code != "ref-remote") continue;
    context.report(reference.ref, "$ref '" + std::string(reference.ref.text()) + "' is remote and was not checked",
                   "vendor the file next to the contract and reference it by a relative path");
  }
}

}  // namespace apictl::lint::rules
