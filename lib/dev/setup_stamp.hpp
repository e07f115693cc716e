// Whether `apictl dev` must run the project's one-time setup (`[dev] setup`): it records the command it ran
// in .apictl/setup.stamp, and runs it again only when the command differs or the stamp is gone.
#pragma once

#include <filesystem>
#include <string>

#include "diagnostic.hpp"

namespace apictl::dev {

inline constexpr std::string_view setup_stamp_file = ".apictl/setup.stamp";

bool setup_needed(const std::filesystem::path& root, const std::string& command);
// Records that `command` ran successfully. Errors name the stamp file.
Result<void> record_setup(const std::filesystem::path& root, const std::string& command);

}  // namespace apictl::dev
