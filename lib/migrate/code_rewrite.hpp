// Code rewrites for migrations: language-aware edits that never touch string literals or comments, and what
// they could not do safely, as manual items naming the file and line.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"

namespace apictl::migrate {

enum class Language { python, cpp };

// Something a rewrite saw but could not change safely: it becomes a `manual` checklist item of the migration.
struct ManualItem {
  int line = 0;      // 1-based, in the source given to the rewrite
  int column = 0;    // 1-based
  std::string text;  // what to do, e.g. "`item.dict()`: `item` may not be a model; use item.model_dump() if it is"
};

struct RewriteOutcome {
  std::string text;  // the rewritten source (equal to the input when nothing applied)
  int edits = 0;     // how many rewrites applied
  std::vector<ManualItem> manual;
};

// A user-written token pattern of a `rewrite` step: `$name` matches one expression operand (a dotted name,
// call, subscript...) or, where the grammar makes it clear, one identifier; everything else matches token for
// token, whitespace-insensitive. E.g. pattern "$x.dict()" with replacement "$x.model_dump()".
struct CodePattern {
  std::string pattern;
  std::string replacement;
};

// Applies each pattern, in order, outside strings and comments. A pattern that does not tokenize is an error.
Result<RewriteOutcome> apply_patterns(Language language, std::string_view source,
                                      std::span<const CodePattern> patterns);

// Whether `source` imports `module` or one of its submodules (Python: `import m`, `import m.x as y`,
// `from m import ...`, `from m.x import ...`; C++: `#include <m/...>` or `#include "m..."`).
bool imports_module(Language language, std::string_view source, std::string_view module);

// The built-in rewriters a `rewrite` step can name (`rewriter = "pydantic-v2"`): "pydantic-v2" and
// "fastapi-lifespan", both Python. Returns nullptr for an unknown name.
using Rewriter = RewriteOutcome (*)(std::string_view source);
Rewriter find_builtin_rewriter(std::string_view name);
std::vector<std::string_view> builtin_rewriter_names();

}  // namespace apictl::migrate
