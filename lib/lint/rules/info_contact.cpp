// info-contact: the info object names a contact, so consumers know whom to ask about the API.
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_info_contact(LintContext& context) {
  contract::NodeRef info = context.root()["info"];
  if (!info.is_mapping() || info["contact"]) return;
  context.report_key(info, "info has no 'contact'",
                     "add info.contact with a name and a url or email where consumers can reach the API's owners");
}

}  // namespace apictl::lint::rules
