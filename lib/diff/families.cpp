// The table of check families. Adding one: write <family>_diff.cpp, declare its function in families.hpp,
// add a row here.
#include "diff/families.hpp"

namespace apictl::diff {

std::span<const CheckFamily> check_families() {
  static const CheckFamily table[] = {
      {"paths", diff_paths, diff_operation_attributes},
      {"parameters", nullptr, diff_parameters},
      {"request-body", nullptr, diff_request_body},
      {"responses", nullptr, diff_responses},
      {"components", diff_components, nullptr},
      {"security", diff_global_security, diff_operation_security},
      {"lifecycle", nullptr, diff_operation_lifecycle, true},
      {"webhooks and callbacks", diff_webhooks_and_callbacks, nullptr},
  };
  return table;
}

}  // namespace apictl::diff
