// openapi-tags: the document lists its tags at the top level, which is what groups operations in docs and SDKs.
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_openapi_tags(LintContext& context) {
  contract::NodeRef tags = context.root()["tags"];
  const char* hint = "list the tags under the top-level 'tags', each with a name and a description";
  if (!tags) {
    context.report(context.root(), "the document has no top-level 'tags'", hint);
  } else if (tags.is_sequence() && tags.size() == 0) {
    context.report(tags, "the top-level 'tags' list is empty", hint);
  }
}

}  // namespace apictl::lint::rules
