// inline_contract: a Workspace holding a contract written as text in the test, so checks need no files.
#pragma once

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <string_view>

#include "contract/parse.hpp"
#include "contract/workspace.hpp"

namespace apictl::test {

// Parses `text` (YAML or JSON) as the root contract `name`; messages and schema locations name that file.
inline std::shared_ptr<contract::Workspace> inline_contract(std::string_view text,
                                                            const std::string& name = "openapi.yaml") {
  auto document = contract::parse_document(name, std::string(text));
  if (!document) FAIL(format_diagnostic(document.error()));
  auto workspace = std::make_shared<contract::Workspace>();
  workspace->adopt(std::move(*document), name);
  return workspace;
}

}  // namespace apictl::test
