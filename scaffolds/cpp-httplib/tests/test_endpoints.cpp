// Tests of the endpoints added with `apictl add endpoint`: each calls its route as openapi.yaml describes it.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "running_server.hpp"

namespace {{ namespace }}::tests {

// apictl:tests - apictl add endpoint adds tests above this line.

}  // namespace {{ namespace }}::tests
