// Placeholders in file contents and names: `{{ name }}`, `{{ name | snake | upper }}`, `{{ "{{" }}`.
#pragma once

#include <string>
#include <string_view>

#include "diagnostic.hpp"
#include "scaffold/value.hpp"

namespace apictl::scaffold {

// Replaces every placeholder in `text` with its value after the filters, left to right. `origin` is where
// `text` starts (file, line, column), so an unknown variable or filter or an unclosed `{{` is reported at
// its own line and column. A quoted literal ("..." or '...') stands for itself: `{{ "{{" }}` writes `{{`.
Result<std::string> render_text(std::string_view text, const Answers& values, const SourcePosition& origin);

// Whether `text` holds a placeholder at all (so plain files skip rendering).
bool has_placeholder(std::string_view text);

}  // namespace apictl::scaffold
