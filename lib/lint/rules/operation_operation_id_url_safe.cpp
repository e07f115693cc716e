// operation-operation-id-url-safe: operationIds need no URL encoding, since docs and links put them in URLs.
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

namespace {

// RFC 3986 unreserved and reserved characters: the ones a URL may carry without percent-encoding.
bool url_safe(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("-._~:/?#[]@!$&'()*+,;=").find(c) != std::string_view::npos;
}

}  // namespace

void check_operation_operation_id_url_safe(LintContext& context) {
  contract::for_each_operation(context.workspace(), context.spec(), [&](const contract::Operation& operation) {
    contract::NodeRef id = operation.node["operationId"];
    if (!id.is_string()) return;
    for (char c : id.text()) {
      if (url_safe(c)) continue;
      std::string shown = c == ' '                                ? "a space"
                          : static_cast<unsigned char>(c) >= 0x80 ? "a non-ASCII character"
                                                                  : "'" + std::string(1, c) + "'";
      context.report(id,
                     "operationId '" + std::string(id.text()) + "' contains " + shown +
                         ", which is not allowed in a URL without encoding",
                     "use letters, digits and '-', '_', '.' or '~' only, e.g. camelCase");
      return;
    }
  });
}

}  // namespace apictl::lint::rules
