// The ledger's content-addressed store: migrations/.ledger/objects/<sha256> holds a file's content as it was
// before (or after) a migration, so the ledger itself stays small and a rollback can restore every byte.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <string_view>

#include "diagnostic.hpp"

namespace apictl::migrate {

std::filesystem::path objects_folder(const std::filesystem::path& root);

// Stores `content` under its SHA-256 (written durably once; later stores of the same content do nothing).
Result<std::string> store_object(const std::filesystem::path& root, std::string_view content);

// The content stored as `sha256`; a missing or damaged object is an error naming it.
Result<std::string> load_object(const std::filesystem::path& root, const std::string& sha256);

// Removes objects nobody refers to any more and temporary files left by interrupted writes.
void collect_garbage(const std::filesystem::path& root, const std::set<std::string>& referenced);

}  // namespace apictl::migrate
