// Durable, atomic file changes for migrations: content goes to ".NAME.apictl-migrate" beside NAME, is
// synced, then renamed over NAME, and the folder is synced; a reader sees the old file or the new one, never
// a mix, even after a power cut. The temporary name is fixed, so recovery knows what to clean up.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

#include "diagnostic.hpp"

namespace apictl::migrate {

std::filesystem::path temporary_path_for(const std::filesystem::path& path);

// Writes `content` to `path` with permission bits `mode`, creating missing parent folders.
Result<void> write_durably(const std::filesystem::path& path, std::string_view content, std::uint32_t mode);

// Removes `path` (nothing to do when it is absent) and syncs its folder.
Result<void> remove_durably(const std::filesystem::path& path);

// Removes `folder` when it is empty; says whether it is gone.
bool remove_folder_if_empty(const std::filesystem::path& folder);

// Removes a temporary file left by an interrupted write of `path`, if any.
void remove_leftover_temporary(const std::filesystem::path& path);

}  // namespace apictl::migrate
