// Descriptions from contracts as HTML: a safe subset of Markdown (CommonMark and GitHub's tables) in which every
// character of the input is escaped, so a hostile contract cannot inject markup, script or a resource to load.
#pragma once

#include <string>
#include <string_view>

namespace apictl::report {

// Blocks: paragraphs, fenced and indented code, headings (as bold paragraphs, so they cannot break the page's
// outline), bullet and ordered lists (nested by indentation), block quotes, tables and thematic breaks. Inline: code
// spans, emphasis, strong emphasis, hard line breaks, links, autolinks, bare http(s) URLs and character references.
// The HTML tags contracts use for formatting are read for what they mean (<p>, <ul>, <ol>, <li>, <br>, <code>,
// <em>, <i>, <strong>, <b>, <a href>) and re-written, never copied; any other markup is shown as text. A link keeps
// its href only when is_safe_link allows it; otherwise the text stays without the link. Time is linear in the
// input (nesting is bounded).
std::string markdown_to_html(std::string_view text);

// The inline part alone, for one-line places (a summary, a table cell); line breaks become spaces.
std::string markdown_inline_to_html(std::string_view text);

// True when `url` may be an href taken from a contract: http, https, mailto, a fragment or a relative reference
// (no other scheme, no protocol-relative "//host", no control characters or spaces).
bool is_safe_link(std::string_view url);

}  // namespace apictl::report
