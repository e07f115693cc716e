// The SLO history: every measurement of a project, one JSON line each, oldest first, in
// .apictl/slo-history.jsonl beside apictl.toml.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"
#include "slo/measurement.hpp"

namespace apictl::slo {

// Relative to the project root. apictl's own state folder: `apictl dev` does not watch it, so recording a
// measurement never reloads the app, and it travels with the project (commit it to share the trend).
inline constexpr std::string_view history_file = ".apictl/slo-history.jsonl";

// Appends each measurement as one line, creating the folder and the file when missing. Each line goes out in
// one write to a file opened for appending, so two measurements finishing together cannot interleave.
Result<void> append_history(const std::filesystem::path& root, const std::vector<Measurement>& measurements);

// Every measurement, oldest first; no file is an empty history. A malformed line is an error naming
// file:line:column.
Result<std::vector<Measurement>> read_history(const std::filesystem::path& root);

}  // namespace apictl::slo
