// Where a project declares its dependencies' versions, and editing one in place: requirements files,
// pyproject.toml (PEP 621 [project] dependencies and optional-dependencies, Poetry's dependency tables) and
// CMakeLists.txt (find_package versions, FetchContent GIT_TAGs). Every byte but the version stays.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"

namespace apictl::migrate {

enum class PinFileKind { requirements, pyproject, cmake };

// requirements*.txt and *.txt under a requirements/ folder; pyproject.toml; CMakeLists.txt and *.cmake.
std::optional<PinFileKind> pin_file_kind(std::string_view path);

// The files searched for pins when a step or precondition names none.
inline constexpr std::string_view default_pin_files[] = {"requirements*.txt", "requirements/**/*.txt", "pyproject.toml",
                                                         "CMakeLists.txt"};

enum class PinForm {
  requirement,    // a PEP 508 line or string: name[extras] SPECIFIERS ; markers
  poetry,         // a Poetry table entry: name = "SPEC" or name = { version = "SPEC", ... }
  cmake_package,  // find_package(Name VERSION ...)
  cmake_git_tag,  // FetchContent_Declare(Name ... GIT_TAG TAG)
};

struct DeclaredPin {
  std::string file;  // as given to find_pins
  PinFileKind kind = PinFileKind::requirements;
  PinForm form = PinForm::requirement;
  std::string package;     // as written
  std::string constraint;  // the version part as written; "" when there is none
  std::size_t begin = 0;   // byte range of `constraint` in the file (begin == end: where one would go)
  std::size_t end = 0;
  std::uint32_t line = 0;       // 1-based, of the package name
  std::string where;            // the section, e.g. "[project] dependencies", for messages
  std::size_t entry_begin = 0;  // where the whole declaration starts (a line, a string literal, a key)
  std::size_t entry_end = 0;    // the end of the whole declaration (a line, a string literal, a value)
};

// Python package names compare as PEP 503 normalizes them (case, and runs of -_.), CMake names by case.
std::string normalized_package_name(PinFileKind kind, std::string_view name);

// Every dependency declared in a file of `kind`. A malformed pyproject.toml is an error at its line:col.
Result<std::vector<DeclaredPin>> find_pins(PinFileKind kind, std::string_view text, std::string_view file);
std::vector<DeclaredPin> find_requirement_pins(std::string_view text, std::string_view file);
Result<std::vector<DeclaredPin>> find_pyproject_pins(std::string_view text, std::string_view file);
std::vector<DeclaredPin> find_cmake_pins(std::string_view text, std::string_view file);

// The declarations of `package` among `pins`.
std::vector<DeclaredPin> pins_of(const std::vector<DeclaredPin>& pins, std::string_view package);

struct PinRequest {
  std::string version;  // a specifier set (">=2,<3") or a version ("2.5.1")
  std::string tag;      // FetchContent only: the GIT_TAG to write; "" derives it from `version`
};

// The constraint text to write in place of `pin`'s, in the form its file needs: a bare version becomes
// "==V" in requirements, a range becomes "MIN...<MAX" in find_package, a GIT_TAG keeps a leading 'v'.
Result<std::string> constraint_text(const DeclaredPin& pin, const PinRequest& request);

// `text` with `pin`'s constraint replaced by `constraint` (which constraint_text made).
std::string replace_pin(std::string_view text, const DeclaredPin& pin, std::string_view constraint);

// `text` with a declaration of `package` at `constraint` added right after `beside` (a declaration in the
// same file), in its style. CMake files cannot be given new dependencies this way.
Result<std::string> add_pin_beside(std::string_view text, const DeclaredPin& beside, std::string_view package,
                                   std::string_view constraint);

}  // namespace apictl::migrate
