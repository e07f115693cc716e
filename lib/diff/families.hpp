// The registry of check families: each family compares one aspect of the contracts and lives in its own file.
#pragma once

#include <span>
#include <string_view>

#include "diff/comparison.hpp"

namespace apictl::diff {

// A family runs once over the whole pair (document checks: paths, components, global security) and/or once per
// operation present in both contracts (operation checks: parameters, bodies, responses, ...).
struct CheckFamily {
  std::string_view name;
  void (*document)(Comparison& comparison) = nullptr;
  void (*operation)(Comparison& comparison, const OperationPair& operation) = nullptr;
  // Draft and alpha operations (on both sides) may change freely: only families with this set look at them.
  bool checks_unstable_operations = false;
};

// In the order they run; the order does not affect output (changes are sorted).
std::span<const CheckFamily> check_families();

// One function per family file.
void diff_paths(Comparison& comparison);                                          // paths_diff.cpp
void diff_operation_attributes(Comparison& comparison, const OperationPair& op);  // paths_diff.cpp
void diff_parameters(Comparison& comparison, const OperationPair& op);            // parameters_diff.cpp
void diff_request_body(Comparison& comparison, const OperationPair& op);          // request_body_diff.cpp
void diff_responses(Comparison& comparison, const OperationPair& op);             // responses_diff.cpp
void diff_operation_lifecycle(Comparison& comparison, const OperationPair& op);   // lifecycle_diff.cpp
void diff_components(Comparison& comparison);                                     // components_diff.cpp
void diff_global_security(Comparison& comparison);                                // security_diff.cpp
void diff_operation_security(Comparison& comparison, const OperationPair& op);    // security_diff.cpp
void diff_webhooks_and_callbacks(Comparison& comparison);                         // webhooks_diff.cpp

}  // namespace apictl::diff
