// Where a time-to-first-request run starts: a fresh copy of the project, or a new project from a template.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "diagnostic.hpp"

namespace apictl::slo {

// Copies the project at `root` into the empty folder `target` as a fresh clone would have it: in a git working
// tree, the files git tracks (as they are in the working tree, uncommitted edits included); elsewhere every
// file except .git/, .apictl/ and paths matching `ignore_globs` ([dev] ignore: .venv/**, build/**). File modes
// and symbolic links are kept. Returns how many files were copied.
Result<std::size_t> copy_project(const std::filesystem::path& root, const std::filesystem::path& target,
                                 const std::vector<std::string>& ignore_globs);

// `apictl new TARGET --template TEMPLATE --defaults --no-hooks`: `target` must not exist yet.
Result<void> scaffold_project(const std::string& template_ref, const std::filesystem::path& target);

}  // namespace apictl::slo
