// The API reference: one self-contained HTML page describing a contract (info, servers, security schemes,
// operations grouped by tag with their parameters, bodies, responses and examples, and the component schemas), for
// `apictl contract docs` and the dev server's live docs page.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "contract/workspace.hpp"
#include "diagnostic.hpp"

namespace apictl::report {

struct ApiReferenceOptions {
  std::string title;  // the page's title instead of info.title, when not empty
  // Set by `apictl dev` for the page it serves: a note says so and when the contract was rendered.
  std::optional<std::chrono::system_clock::time_point> live_updated;
};

// Renders the root contract of `workspace` (OpenAPI 3.0, 3.1 or 3.2; $refs followed across its files, remote ones
// never fetched). The page loads nothing: inline CSS, a small inline script (a filter box; the page works without
// it), no URL other than links written in the contract itself. Everything from the contract is escaped;
// descriptions are rendered as a safe Markdown subset (report/markdown_html.hpp). Schemas show as property trees;
// a $ref to a component schema is a link to its entry in the Schemas section, so recursive schemas end in a link.
// Errors: the root is not an OpenAPI 3 document (Swagger 2.0 included), with its position and a hint. An
// unresolvable $ref is not an error: the page marks it where it is used.
Result<std::string> render_api_reference(contract::Workspace& workspace, const ApiReferenceOptions& options = {});

}  // namespace apictl::report
