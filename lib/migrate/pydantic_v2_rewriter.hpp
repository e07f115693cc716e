// The built-in "pydantic-v2" rewriter: Pydantic v1 code to the v2 API, after the official migration guide.
#pragma once

#include <string_view>

#include "migrate/code_rewrite.hpp"

namespace apictl::migrate {

// Rewrites one Python file: method renames on receivers known to be models (.dict() -> .model_dump(), ...),
// classmethod renames (parse_obj -> model_validate, ...), @validator / @root_validator to @field_validator /
// @model_validator, `class Config` to `model_config = ConfigDict(...)`, Field/constr/conlist keyword renames,
// BaseSettings to pydantic_settings, and the imports these need. What it cannot do safely is a manual item.
// A file that does not import pydantic comes back unchanged; a rewritten file rewrites to itself.
RewriteOutcome rewrite_pydantic_v2(std::string_view source);

}  // namespace apictl::migrate
