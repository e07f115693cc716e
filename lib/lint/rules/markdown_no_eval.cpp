// markdown-no-eval: descriptions and titles do not call eval(); docs renderers that allow scripts would run it.
#include "lint/rules/rule_helpers.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

namespace {

bool identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' || c == '.';
}

// 'eval(' or 'eval (' as a call of its own: 'retrieval(s)' and 'obj.eval()' are not eval.
bool calls_eval(std::string_view text) {
  for (std::size_t at = text.find("eval"); at != std::string_view::npos; at = text.find("eval", at + 1)) {
    if (at > 0 && identifier_char(text[at - 1])) continue;
    std::size_t next = text.find_first_not_of(" \t", at + 4);
    if (next != std::string_view::npos && text[next] == '(') return true;
  }
  return false;
}

}  // namespace

void check_markdown_no_eval(LintContext& context) {
  for_each_description_text(context, [&](contract::NodeRef text) {
    if (!calls_eval(text.text())) return;
    context.report(text, "'" + std::string(text.key()) + "' contains a call of eval()",
                   "remove the script; descriptions are rendered as Markdown and must not run code");
  });
}

}  // namespace apictl::lint::rules
