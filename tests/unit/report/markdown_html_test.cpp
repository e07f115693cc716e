// Descriptions as HTML: the Markdown subset, the few HTML tags contracts use, escaping of everything else, safe
// links only, and linear time on hostile input.
#include <catch2/catch.hpp>

#include <chrono>
#include <regex>
#include <string>

#include "report/markdown_html.hpp"

using report_clock = std::chrono::steady_clock;
using apictl::report::is_safe_link;
using apictl::report::markdown_inline_to_html;
using apictl::report::markdown_to_html;

TEST_CASE("markdown blocks: paragraphs, code, headings, lists, quotes, tables", "[report][markdown]") {
  CHECK(markdown_to_html("one\ntwo\n\nthree") == "<p>one\ntwo</p>\n<p>three</p>\n");
  CHECK(markdown_to_html("```json\n{\"a\": \"<b>\"}\n```\nafter") ==
        "<pre><code>{&quot;a&quot;: &quot;&lt;b&gt;&quot;}\n</code></pre>\n<p>after</p>\n");
  CHECK(markdown_to_html("    indented code\n\ntext") == "<pre><code>indented code\n</code></pre>\n<p>text</p>\n");
  CHECK(markdown_to_html("## Errors\nbody") == "<p class=\"md-heading\"><strong>Errors</strong></p>\n<p>body</p>\n");
  CHECK(markdown_to_html("Title\n=====\n") == "<p class=\"md-heading\"><strong>Title</strong></p>\n");
  CHECK(markdown_to_html("- a\n- b\n  - nested\n- c") ==
        "<ul>\n<li>a\n</li>\n<li>b\n<ul>\n<li>nested\n</li>\n</ul>\n</li>\n<li>c\n</li>\n</ul>\n");
  CHECK(markdown_to_html("3. three\n4. four") == "<ol start=\"3\">\n<li>three\n</li>\n<li>four\n</li>\n</ol>\n");
  CHECK(markdown_to_html("Intro:\n- a\n- b") == "<p>Intro:</p>\n<ul>\n<li>a\n</li>\n<li>b\n</li>\n</ul>\n");
  CHECK(markdown_to_html("> quoted\n> text") == "<blockquote>\n<p>quoted\ntext</p>\n</blockquote>\n");
  CHECK(markdown_to_html("| a | b |\n|---|:-:|\n| `1` | 2 |") ==
        "<table class=\"md-table\">\n<thead><tr><th>a</th><th>b</th></tr></thead>\n<tbody>\n<tr><td><code>1</code>"
        "</td><td>2</td></tr>\n</tbody>\n</table>\n");
  CHECK(markdown_to_html("a\n\n---\n\nb") == "<p>a</p>\n<hr/>\n<p>b</p>\n");
  CHECK(markdown_to_html("").empty());
}

TEST_CASE("markdown inline: code, emphasis, links, breaks", "[report][markdown]") {
  CHECK(markdown_inline_to_html("use `GET /pets?a=1&b=2`") == "use <code>GET /pets?a=1&amp;b=2</code>");
  CHECK(markdown_inline_to_html("``a ` b``") == "<code>a ` b</code>");
  CHECK(markdown_inline_to_html("*em* **strong** ***both*** _u_ __uu__") ==
        "<em>em</em> <strong>strong</strong> <em><strong>both</strong></em> <em>u</em> <strong>uu</strong>");
  CHECK(markdown_inline_to_html("snake_case_name and 2 * 3 * 4") == "snake_case_name and 2 * 3 * 4");
  CHECK(markdown_inline_to_html("\\*not em\\*") == "*not em*");
  CHECK(markdown_inline_to_html("[docs](https://example.com/a_b \"title\")") ==
        "<a href=\"https://example.com/a_b\" rel=\"nofollow noopener noreferrer\">docs</a>");
  CHECK(markdown_inline_to_html("[see *this*](#section)") ==
        "<a href=\"#section\" rel=\"nofollow noopener noreferrer\">see <em>this</em></a>");
  CHECK(markdown_inline_to_html("<https://example.com/x>") ==
        "<a href=\"https://example.com/x\" rel=\"nofollow noopener noreferrer\">https://example.com/x</a>");
  CHECK(markdown_inline_to_html("see https://example.com/a.") ==
        "see <a href=\"https://example.com/a\" rel=\"nofollow noopener noreferrer\">https://example.com/a</a>.");
  CHECK(markdown_to_html("line one  \nline two") == "<p>line one<br/>\nline two</p>\n");
  CHECK(markdown_inline_to_html("AT&amp;T &mdash; &#39;x&#39; & more") == "AT&amp;T &mdash; &#39;x&#39; &amp; more");
}

TEST_CASE("the formatting HTML contracts use is read for its meaning, never copied", "[report][markdown]") {
  CHECK(markdown_to_html("<p>First.</p><p>Use <code>id</code> or <strong>name</strong>.</p>") ==
        "<p>First.</p>\n<p>Use <code>id</code> or <strong>name</strong>.</p>\n");
  CHECK(markdown_to_html("<ul><li>one</li><li>two</li></ul>") == "<ul>\n<li>one\n</li>\n<li>two\n</li>\n</ul>\n");
  CHECK(markdown_inline_to_html("a<br>b <B>bold</B> <i>it</i>") == "a<br/>b <strong>bold</strong> <em>it</em>");
  CHECK(markdown_inline_to_html("<a href=\"/docs/x\">docs</a>") ==
        "<a href=\"/docs/x\" rel=\"nofollow noopener noreferrer\">docs</a>");
  CHECK(markdown_inline_to_html("<code><script></code>") == "<code>&lt;script&gt;</code>");
  // In code, tags are text.
  CHECK(markdown_to_html("`<p>` stays") == "<p><code>&lt;p&gt;</code> stays</p>\n");
}

TEST_CASE("hostile markdown cannot inject markup or script", "[report][markdown]") {
  std::string html = markdown_to_html(
      "<script>alert(1)</script>\n<img src=x onerror=alert(2)>\n[x](javascript:alert(3)) [y](JAVASCRIPT:alert(4))\n"
      "<a href=\"javascript:alert(5)\" onclick=\"alert(6)\">z</a> [w](data:text/html,hi) [v](//evil.example/)\n"
      "<b onmouseover=alert(7)>b</b> <code onclick=x>c</code> <https://a.example/\"onmouseover=\"alert(8)>\n"
      "```\n</code></pre><script>alert(9)</script>\n```\n"
      "`</code><script>alert(10)</script>`");
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("javascript:") == std::string::npos);
  CHECK(html.find("JAVASCRIPT:") == std::string::npos);
  CHECK(html.find("data:") == std::string::npos);
  CHECK(html.find("href=\"//") == std::string::npos);
  // Event handlers only ever appear as escaped text, never inside a tag.
  CHECK_FALSE(std::regex_search(html, std::regex("<[a-zA-Z][^<>]*\\son[a-z]+\\s*=")));
  CHECK(html.find("&lt;b onmouseover=alert(7)&gt;") != std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  // Link texts survive without their links.
  CHECK(html.find(">z<") == std::string::npos);
  CHECK(html.find("z") != std::string::npos);
}

TEST_CASE("only http(s), mailto, fragments and relative references are safe links", "[report][markdown]") {
  CHECK(is_safe_link("https://example.com"));
  CHECK(is_safe_link("HTTP://example.com"));
  CHECK(is_safe_link("mailto:a@example.com"));
  CHECK(is_safe_link("#section"));
  CHECK(is_safe_link("/docs/a"));
  CHECK(is_safe_link("docs/a:b"));
  CHECK(is_safe_link("?page=2"));
  CHECK_FALSE(is_safe_link(""));
  CHECK_FALSE(is_safe_link("javascript:alert(1)"));
  CHECK_FALSE(is_safe_link("JavaScript:alert(1)"));
  CHECK_FALSE(is_safe_link("data:text/html,x"));
  CHECK_FALSE(is_safe_link("vbscript:x"));
  CHECK_FALSE(is_safe_link("//evil.example"));
  CHECK_FALSE(is_safe_link("java\tscript:x"));
  CHECK_FALSE(is_safe_link("https://a.example/ b"));
}

TEST_CASE("hostile input stays linear: unmatched delimiters, deep nesting", "[report][markdown]") {
  std::string stars;
  for (int i = 0; i < 50000; ++i) stars += "*a [b `c <d _e ";
  std::string nested(20000, '>');
  std::string lists;
  for (int i = 0; i < 2000; ++i) lists += std::string(static_cast<std::size_t>(i % 60) * 2, ' ') + "- item\n";
  std::string tags;
  for (int i = 0; i < 50000; ++i) tags += "<code><em><a href=\"x\">";
  auto start = report_clock::now();
  std::string a = markdown_to_html(stars);
  std::string b = markdown_to_html(nested + " text");
  std::string c = markdown_to_html(lists);
  std::string d = markdown_to_html(tags);
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(report_clock::now() - start);
  CHECK(elapsed.count() < 3000);  // linear: a few milliseconds unsanitized; quadratic would take minutes
  CHECK(a.find("<em>") == std::string::npos);
  CHECK(b.find("text") != std::string::npos);
  CHECK(c.find("item") != std::string::npos);
  CHECK(d.find("&lt;code&gt;") != std::string::npos);
}
