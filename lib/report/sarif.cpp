// SARIF 2.1.0 skeleton shared by the lint and diff reports.
#include "report/sarif.hpp"

#include <algorithm>
#include <cstdint>

#include "util/percent_encoding.hpp"

namespace apictl::report {

std::string sarif_artifact_uri(std::string_view file) { return percent_encoded(file, "/"); }

SarifJson sarif_physical_location(const SourcePosition& where) {
  SarifJson region = {{"startLine", std::max<std::uint32_t>(where.line, 1)},
                      {"startColumn", std::max<std::uint32_t>(where.column, 1)}};
  return {{"artifactLocation", {{"uri", sarif_artifact_uri(where.file)}}}, {"region", std::move(region)}};
}

SarifJson sarif_log(SarifJson rules, SarifJson results) {
  SarifJson driver = {{"name", "apictl"}, {"version", APICTL_VERSION}, {"rules", std::move(rules)}};
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs", SarifJson::array({{{"tool", {{"driver", std::move(driver)}}}, {"results", std::move(results)}}})}};
}

}  // namespace apictl::report
