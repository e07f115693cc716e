// SARIF 2.1.0 skeleton shared by the lint and diff reports.
#include "report/sarif.hpp"

#include <algorithm>
#include <cstdint>

namespace apictl::report {

std::string sarif_artifact_uri(std::string_view file) {
  constexpr std::string_view hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(file.size());
  for (char c : file) {
    auto byte = static_cast<unsigned char>(c);
    bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += hex[byte >> 4];
      out += hex[byte & 0xF];
    }
  }
  return out;
}

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
