// The files of a project that migrations may read and change, as '/'-separated paths relative to its root.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"

namespace apictl::migrate {

// The ledger's own folder: never listed, never a step's target.
inline constexpr std::string_view ledger_folder = "migrations/.ledger";
inline constexpr std::string_view ledger_file = "migrations/ledger.json";
// What a file being written atomically is called until it is renamed: ".NAME" + this, beside NAME.
inline constexpr std::string_view temporary_suffix = ".apictl-migrate";

// Regular files under `root`, sorted. Folders whose name starts with '.' (.git, .venv), __pycache__ and
// node_modules are skipped, and so is whatever matches an `ignore` glob (apictl.toml [dev] ignore).
// Symbolic links are neither followed nor listed: a rename would replace the link with a file.
std::vector<std::string> list_project_files(const std::filesystem::path& root, std::span<const std::string> ignore);

// A path a migration names (a move's from/to): relative, inside the project, not in .git or the ledger.
Result<std::string> checked_project_path(std::string_view path, const SourcePosition& where);

}  // namespace apictl::migrate
