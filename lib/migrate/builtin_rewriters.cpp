// The registry of built-in rewriters a `rewrite` step can name: adding one is a file and a line here.
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

constexpr std::array<BuiltinRewriter, 2> builtin_rewriters = {{
    {"pydantic-v2", &rewrite_pydantic_v2},
    {"fastapi-lifespan", &rewrite_fastapi_lifespan},
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
