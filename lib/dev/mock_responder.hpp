// The contract as a server, for `apictl dev --mock`: each request is answered from the matching operation's
// documented examples, or with values generated from its schemas, so front-end work can start before the app.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "contract/operation_match.hpp"
#include "diagnostic.hpp"
#include "http/message.hpp"

namespace apictl::dev {

struct MockOptions {
  // Answer CORS preflights for operations that document no OPTIONS, and allow any origin on every response,
  // so a front end served from another port can call the mock.
  bool cors = true;
};

// How the mock picks a response (the Prefer header follows Prism's conventions):
// - no operation matches: 404 with a problem+json body naming the nearest documented paths; the path is there
//   but not the method: 405 with Allow;
// - the status: `Prefer: code=404` picks a documented one (exact, then its range "4XX", then `default`);
//   otherwise the lowest documented 2xx, then "2XX", then `default` (as 200), then the lowest documented code;
// - the media type: content negotiation on Accept among the response's documented media types (406 when none
//   is acceptable); the first documented one when there is no Accept;
// - the body: `Prefer: example=cat` picks a named example (looked for in the chosen response, and without a
//   preferred code in the other responses too); else the media type's `example`, else the first of its
//   `examples`, else a value generated from the schema (its own example first, see contract::sample_for_schema);
// - the headers: each documented response header, from its example or its schema's sample; Content-Type set.
// A HEAD request gets the GET response's status and headers without the body. A preference the contract cannot
// satisfy (an undocumented code, an unknown example) is answered with 400 and a problem+json body saying why.
class MockResponder {
 public:
  // Errors: the root is not an OpenAPI 3.x document. The responder shares ownership of the workspace.
  static Result<std::unique_ptr<MockResponder>> create(std::shared_ptr<contract::Workspace> workspace,
                                                       MockOptions options = {});

  // Safe to call from several threads at once: the contract is only read.
  http::Response respond(const http::Request& request) const;

  const contract::OperationTable& operations() const { return table_; }

 private:
  MockResponder(std::shared_ptr<contract::Workspace> workspace, contract::SpecInfo spec, MockOptions options);
  class Reply;

  std::shared_ptr<contract::Workspace> workspace_;
  contract::SpecInfo spec_;
  MockOptions options_;
  contract::OperationTable table_;
};

}  // namespace apictl::dev
