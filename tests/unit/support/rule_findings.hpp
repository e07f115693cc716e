// rule_findings: lint a contract with every rule enabled and keep the findings of one rule, in engine order.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "lint/lint.hpp"

namespace apictl::test {

inline std::vector<Diagnostic> rule_findings(const std::filesystem::path& file, std::string display,
                                             std::string_view rule) {
  lint::LintOptions options;
  options.preset = lint::Preset::all;
  auto result = lint::lint_contract(file, std::move(display), options);
  REQUIRE(result.has_value());
  std::vector<Diagnostic> out;
  for (const auto& finding : result->findings) {
    if (finding.code == rule) out.push_back(finding);
  }
  return out;
}

}  // namespace apictl::test
