// The registry of diff check ids: oasdiff's ids with their default levels, plus apictl's own.
#pragma once

#include <span>
#include <string_view>

#include "diff/change.hpp"

namespace apictl::diff {

struct CheckInfo {
  std::string_view id;
  Level level;                // default level
  std::string_view category;  // e.g. "request-parameters", "response-schema(body+properties)"
};

// Sorted by id.
std::span<const CheckInfo> check_ids();
// nullptr when `id` is not a known check; schema comparisons use this to skip context/atom pairs oasdiff has no
// id for (e.g. there is no "response-property-max-set").
const CheckInfo* find_check(std::string_view id);
// find_check("<prefix>-<atom>") without building the id.
const CheckInfo* find_check(std::string_view prefix, std::string_view atom);

}  // namespace apictl::diff
