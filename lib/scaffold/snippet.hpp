// Endpoint snippets: template files rendered by `apictl add endpoint`, with placeholders plus two block tags,
// `{% if CONDITION %}...{% else %}...{% end %}` and `{% for NAME in LIST %}...{% end %}`.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diagnostic.hpp"
#include "scaffold/value.hpp"

namespace apictl::scaffold {

// What a snippet sees: scalar values (a list's name among them holds its length, so `{% if LIST %}` asks
// whether it has items) and lists of records, each record's fields named `NAME.FIELD` inside a loop.
struct SnippetContext {
  Answers values;
  std::vector<std::pair<std::string, std::vector<Answers>>> lists;

  // Adds a list and its length under the same name.
  void set_list(std::string name, std::vector<Answers> items);
  const std::vector<Answers>* find_list(std::string_view name) const;
};

// Renders `text`. Inside `{% for NAME in LIST %}` each field F of the current record is `NAME.F`, and
// `loop.index` (from 1), `loop.first` and `loop.last` tell where the loop is. A tag alone on its line
// takes the whole line with it, so block tags do not leave blank lines. Conditions are those of `when`
// (docs/templates.md). Errors name `origin`'s file and the line and column in it.
Result<std::string> render_snippet(std::string_view text, const SnippetContext& context, const SourcePosition& origin);

}  // namespace apictl::scaffold
