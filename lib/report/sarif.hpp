// The SARIF 2.1.0 pieces the lint and diff reports share: the log skeleton, artifact URIs and regions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "diagnostic.hpp"

namespace apictl::report {

using SarifJson = nlohmann::ordered_json;

// A relative URI reference for a file as the user named it: characters outside RFC 3986's unreserved set and
// '/' are percent-encoded, so "origin/main:openapi.yaml" or a name with spaces stays one relative path.
std::string sarif_artifact_uri(std::string_view file);

// {"artifactLocation": {"uri"}, "region": {"startLine", "startColumn"}}; unknown lines and columns become 1,
// the smallest SARIF allows.
SarifJson sarif_physical_location(const SourcePosition& where);

// One run of apictl with its rules (reportingDescriptors) and results.
SarifJson sarif_log(SarifJson rules, SarifJson results);

}  // namespace apictl::report
