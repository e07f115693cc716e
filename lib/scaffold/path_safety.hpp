// Path safety for generated files: nothing a template or an answer says may land outside the target folder.
#pragma once

#include <filesystem>
#include <string_view>

#include "diagnostic.hpp"

namespace apictl::scaffold {

// Checks a relative path from a template (a file name after rendering): not empty, not absolute, no `..`
// component, no backslash or NUL, no empty component. Returns it in normal form ("a/./b" -> "a/b").
// `origin` names what the path came from, for the error message.
Result<std::filesystem::path> safe_relative_path(std::string_view path, const SourcePosition& origin);

// Checks that writing `relative` under `root` stays under `root`: no existing component of the way is a
// symbolic link (a link could point anywhere, so none is followed).
Result<void> check_no_links_on_the_way(const std::filesystem::path& root, const std::filesystem::path& relative);

}  // namespace apictl::scaffold
