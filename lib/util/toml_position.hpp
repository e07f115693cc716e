// Where a toml++ node or parse error is, as a diagnostic position: the readers of apictl.toml, template.toml
// and a template's release files share it.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <string>

#include "diagnostic.hpp"

namespace apictl {

inline SourcePosition toml_position(std::string file, const toml::source_region& region) {
  return SourcePosition{std::move(file),
                        static_cast<std::uint32_t>(region.begin.line),
                        static_cast<std::uint32_t>(region.begin.column),
                        {}};
}

}  // namespace apictl
