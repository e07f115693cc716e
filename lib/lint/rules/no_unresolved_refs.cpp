// no-unresolved-refs: every $ref leads somewhere (files exist, pointers resolve, no remote fetches, no cycles).
#include "contract/references.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_no_unresolved_refs(LintContext& context) {
  for (const auto& reference : context.references()) {
    if (!reference.target) {
      const Diagnostic& why = reference.target.error();
      if (why.code == "ref-remote") continue;  // not broken, only not fetched: no-remote-refs says so
      context.report_at(why.where, reference.ref, why.message, why.hint);
      continue;
    }
    // A ref whose target is itself a chain of refs that loops never reaches a definition.
    if (reference.target->is_mapping() && reference.target->get("$ref")) {
      auto end = context.workspace().deref(*reference.target);
      if (!end && end.error().code == "ref-cycle") {
        context.report(reference.ref,
                       "$ref '" + std::string(reference.ref.text()) + "' is part of a cycle of references",
                       "one reference in the chain must point at a real definition");
      }
    }
  }
}

}  // namespace apictl::lint::rules
