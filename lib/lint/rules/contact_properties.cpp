// contact-properties: the contact object has a name, a url and an email, so every way of reaching the owners is given.
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

void check_contact_properties(LintContext& context) {
  contract::NodeRef contact = context.root()["info"]["contact"];
  if (!contact.is_mapping()) return;
  std::string missing;
  for (std::string_view field : {"name", "url", "email"}) {
    contract::NodeRef value = contact[field];
    if (value && !(value.is_string() && value.text().empty())) continue;
    missing += missing.empty() ? "" : ", ";
    missing += "'" + std::string(field) + "'";
  }
  if (missing.empty()) return;
  context.report_key(contact, "info.contact lacks " + missing, "give the contact's name, a url and an email address");
}

}  // namespace apictl::lint::rules
