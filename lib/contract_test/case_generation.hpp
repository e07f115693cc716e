// The requests `contract test` sends for one operation, built from the contract: its examples first, then
// values generated from the schemas (all fields, required fields only, each boundary and enum value of each
// parameter and body property), then seeded random combinations up to the budget.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "contract/operation_match.hpp"
#include "contract_test/test_case.hpp"

namespace apictl::contract_test {

struct CaseOptions {
  std::uint64_t seed = 0;
  std::size_t max_requests = 50;  // per operation
};

// The cases for `operation`, in this order, identical requests sent once, at most max_requests:
// 1. "examples": each parameter's example (`example`, else the first of `examples`), one case per example of
//    the JSON (or form) request body (`example`, each of `examples`, else the schema's `example`); only when
//    the operation has some example;
// 2. "all fields": every parameter and every body property (optional ones too), typical values;
// 3. "required only": only the required parameters and body properties (no body unless it is required);
// 4. for each parameter, then for the body, each variant of its schema (boundaries, enum values, null, ...;
//    see SchemaValues::variants) with everything else as in "all fields";
// 5. "random N": each optional parameter present or not, values picked within the schemas, seeded by
//    `seed` and the operation's name, until max_requests distinct requests (or no new one comes up).
// The same contract and options always give the same cases.
std::vector<TestCase> generate_cases(contract::Workspace& workspace, const contract::SpecInfo& spec,
                                     const contract::OperationEntry& operation, const CaseOptions& options);

}  // namespace apictl::contract_test
