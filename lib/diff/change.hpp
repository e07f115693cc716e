// Change: one semantic difference between two contracts, with its check id, level, operation and both places.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"

namespace apictl::diff {

// Ordered: a threshold of warn also catches err.
enum class Level { info, warn, err };

std::string_view level_name(Level level);  // "ERR", "WARN", "INFO" as oasdiff prints them
// Accepts ERR/WARN/INFO and error/warning/warn/info, in any case.
std::optional<Level> parse_level(std::string_view text);

// The operation a change affects; all empty for document-wide changes (components, global security).
struct OperationKey {
  std::string method;  // upper case: "GET"
  std::string path;    // as written in the revision (the base's when the operation was removed)
  std::string operation_id;
  bool webhook = false;  // `path` is then the webhook's name
  auto operator<=>(const OperationKey&) const = default;
};

// One change in the contract, found once however many operations it reaches: a property removed from a schema
// that 300 operations return is one Change of the first of them, with the 299 others in `also`.
struct Change {
  std::string id;
  Level level = Level::info;
  OperationKey operation;  // the first operation it affects, in report order
  // The other operations it affects, in report order: indexes into DiffResult::operations.
  std::vector<std::uint32_t> also;
  std::string message;
  // Where the change shows in each document; `file` is empty for the side where the thing does not exist.
  SourcePosition base;
  SourcePosition revision;
  // The logical place inside the operation ("request body application/json /properties/name"), independent of
  // line numbers and $ref layout; part of the fingerprint.
  std::string subject;
  // Stable across runs, reformatting and $ref reorganisation: a hash of id, (first) operation and subject.
  std::string fingerprint;
};

std::string fingerprint_of(const Change& change);

// The order of a report: by path and method, the most severe level first, then id, subject and message, so
// output is byte-identical across runs.
bool report_order(const Change& a, const Change& b);
// Sorts `changes` stably into report_order.
void sort_for_report(std::vector<Change>& changes);

}  // namespace apictl::diff
