// Escaping shared by the lint and diff reports: XML/HTML, Markdown, GitHub workflow commands, SARIF URIs.
#include <catch2/catch.hpp>

#include "report/escaping.hpp"
#include "report/sarif.hpp"

using namespace apictl;
using report::GithubText;

TEST_CASE("xml_escape covers markup, quotes and the control characters XML forbids", "[report]") {
  CHECK(report::xml_escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
  CHECK(report::xml_escape(std::string("tab\tnew\nbell\x07")) == "tab\tnew\nbell ");
}

TEST_CASE("markdown_escape and markdown_code show text literally", "[report]") {
  CHECK(report::markdown_escape("*a* _b_ <c> [d](e) |f| ~g~ &h; \\i") ==
        "\\*a\\* \\_b\\_ \\<c\\> \\[d\\](e) \\|f\\| \\~g\\~ \\&h; \\\\i");
  CHECK(report::markdown_escape("two\nlines") == "two lines");
  CHECK(report::markdown_code("GET /pets") == "`GET /pets`");
  CHECK(report::markdown_code("a`b") == "``a`b``");
  CHECK(report::markdown_code("`x``") == "``` `x`` ```");
}

TEST_CASE("github_escape follows GitHub's workflow-command rules", "[report]") {
  CHECK(report::github_escape("100% a:b,c\r\nd", GithubText::message) == "100%25 a:b,c%0D%0Ad");
  CHECK(report::github_escape("100% a:b,c\r\nd", GithubText::property) == "100%25 a%3Ab%2Cc%0D%0Ad");
}

TEST_CASE("sarif artifact URIs are relative references", "[report]") {
  CHECK(report::sarif_artifact_uri("api/openapi.yaml") == "api/openapi.yaml");
  CHECK(report::sarif_artifact_uri("origin/main:api spec.yaml") == "origin/main%3Aapi%20spec.yaml");
  CHECK(report::sarif_artifact_uri("caf\xc3\xa9.yaml") == "caf%C3%A9.yaml");
  auto location = report::sarif_physical_location({"a.yaml", 0, 0, ""});
  CHECK(location["region"]["startLine"] == 1);
  CHECK(location["region"]["startColumn"] == 1);
}
