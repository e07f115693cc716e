// The registry of built-in rewriters a `rewrite` step can name: adding one is a file and a line here.
#include <algorithm>
#include <array>

#include "migrate/code_rewrite.hpp"
#include "migrate/fastapi_lifespan_rewriter.hpp"
#include "migrate/pydantic_v2_rewriter.hpp"

namespace apictl::migrate {

namespace {

struct BuiltinRewriter {
  std::string_view name;
  Rewriter rewrite;
};

// A rewrite whose edit would overlap another's (a call nested in the arguments of a rewritten call, say
// `parse_obj_as(A, parse_obj_as(B, data))`) is left for a later round, so a rewriter runs until a round
// changes nothing: one apply rewrites everything, and applying again changes nothing. Manual items keep the
// first round's places (the source given); a later round adds only items not seen yet.
template <Rewriter rewrite>
RewriteOutcome until_settled(std::string_view source) {
  RewriteOutcome outcome = rewrite(source);
  constexpr int max_rounds = 16;  // nesting deeper than this is left for the next apply
  for (int round = 1; round < max_rounds && outcome.edits > 0; ++round) {
    RewriteOutcome next = rewrite(outcome.text);
    if (next.text == outcome.text) break;
    outcome.text = std::move(next.text);
    outcome.edits += next.edits;
    for (ManualItem& item : next.manual) {
      bool seen = std::ranges::any_of(outcome.manual, [&](const ManualItem& known) { return known.text == item.text; });
      if (!seen) outcome.manual.push_back(std::move(item));
    }
  }
  return outcome;
}

constexpr std::array<BuiltinRewriter, 2> builtin_rewriters = {{
    {"pydantic-v2", &until_settled<&rewrite_pydantic_v2>},
    {"fastapi-lifespan", &until_settled<&rewrite_fastapi_lifespan>},
}};

}  // namespace

Rewriter find_builtin_rewriter(std::string_view name) {
  for (const BuiltinRewriter& rewriter : builtin_rewriters)
    if (rewriter.name == name) return rewriter.rewrite;
  return nullptr;
}

std::vector<std::string_view> builtin_rewriter_names() {
  std::vector<std::string_view> names;
  for (const BuiltinRewriter& rewriter : builtin_rewriters) names.push_back(rewriter.name);
  return names;
}

}  // namespace apictl::migrate
