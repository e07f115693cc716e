// info-license: the info object names a license, so consumers know the terms under which they may use the API.
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_info_license(LintContext& context) {
  contract::NodeRef info = context.root()["info"];
  if (!info.is_mapping() || info["license"]) return;
  context.report_key(info, "info has no 'license'",
                     "add info.license with the license's name and url (or, in OpenAPI 3.1, its SPDX identifier)");
}

}  // namespace apictl::lint::rules
