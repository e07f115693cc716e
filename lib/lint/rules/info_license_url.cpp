// info-license-url: the license says where its text is (a url, or in 3.1+ an SPDX identifier), so it can be read.
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_info_license_url(LintContext& context) {
  contract::NodeRef license = context.root()["info"]["license"];
  if (!license.is_mapping()) return;
  // OpenAPI 3.1 added `identifier` (an SPDX expression) as the alternative to `url`.
  bool identifier_allowed = context.spec().version != contract::OasVersion::v3_0;
  contract::NodeRef url = license["url"];
  contract::NodeRef identifier = identifier_allowed ? license["identifier"] : contract::NodeRef{};
  if (url.is_string() && url.text().empty()) {
    context.report(url, "info.license.url is empty", "give the address of the license text");
    return;
  }
  if (url || identifier) return;
  context.report_key(
      license, identifier_allowed ? "info.license has neither 'url' nor 'identifier'" : "info.license has no 'url'",
      identifier_allowed ? "add url (the license text) or identifier (an SPDX id such as MIT)"
                         : "add url: the address of the license text");
}

}  // namespace apictl::lint::rules
