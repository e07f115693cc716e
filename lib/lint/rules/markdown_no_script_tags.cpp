// markdown-no-script-tags: descriptions and titles hold no <script> tags; docs renderers passing HTML would run them.
#include "lint/rules/rule_helpers.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

namespace {

// '<script', any letter case (HTML tag names are case-insensitive), ending the tag name: '<scripts>' is not one.
bool has_script_tag(std::string_view text) {
  constexpr std::string_view tag = "<script";
  for (std::size_t at = text.find('<'); at != std::string_view::npos; at = text.find('<', at + 1)) {
    if (text.size() - at < tag.size()) return false;
    bool same = true;
    for (std::size_t i = 1; i < tag.size() && same; ++i) same = (text[at + i] | 0x20) == tag[i];
    if (!same) continue;
    std::size_t after = at + tag.size();
    if (after == text.size() || std::string_view(" \t\r\n>/").find(text[after]) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

void check_markdown_no_script_tags(LintContext& context) {
  for_each_description_text(context, [&](contract::NodeRef text) {
    if (!has_script_tag(text.text())) return;
    context.report(text, "'" + std::string(text.key()) + "' contains a <script> tag",
                   "remove the script; descriptions are rendered as Markdown and must not run code");
  });
}

}  // namespace apictl::lint::rules
