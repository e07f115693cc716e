// Pins: finding a dependency's version in requirements files, pyproject.toml and CMake files, and editing it
// with every other byte kept.
#include <catch2/catch.hpp>

#include <algorithm>

#include "migrate/dependency_pins.hpp"

using namespace apictl::migrate;

namespace {

// Every declaration of `package` set to `version`, last first so offsets stay valid.
std::string pin_all(PinFileKind kind, const std::string& text, const std::string& package, PinRequest request) {
  auto pins = find_pins(kind, text, "file");
  REQUIRE(pins.has_value());
  std::vector<DeclaredPin> mine = pins_of(*pins, package);
  REQUIRE_FALSE(mine.empty());
  std::ranges::sort(mine, std::greater<>{}, &DeclaredPin::begin);
  std::string out = text;
  for (const DeclaredPin& pin : mine) {
    auto constraint = constraint_text(pin, request);
    REQUIRE(constraint.has_value());
    out = replace_pin(out, pin, *constraint);
  }
  return out;
}

std::string add_beside(PinFileKind kind, const std::string& text, const std::string& beside, const std::string& package,
                       const std::string& constraint) {
  auto pins = find_pins(kind, text, "file");
  REQUIRE(pins.has_value());
  std::vector<DeclaredPin> anchors = pins_of(*pins, beside);
  REQUIRE_FALSE(anchors.empty());
  auto added = add_pin_beside(text, anchors.front(), package, constraint);
  REQUIRE(added.has_value());
  return *added;
}

const std::string requirements =
    "# runtime\n"
    "fastapi>=0.92,<1\n"
    "Pydantic[email] >= 1.10, <2 ; python_version >= '3.8'  # models\r\n"
    "uvicorn\n"
    "-r base.txt\n"
    "hashed==1.0 \\\n"
    "    --hash=sha256:abc\n"
    "direct @ https://example.com/direct.whl\n";

}  // namespace

TEST_CASE("requirements files: the specifier changes, extras, markers, comments and CRLF stay", "[migrate]") {
  auto pins = find_requirement_pins(requirements, "requirements.txt");
  REQUIRE(pins.size() == 4);
  CHECK(pins[1].package == "Pydantic");
  CHECK(pins[1].constraint == ">= 1.10, <2");
  CHECK(pins[1].line == 3);
  CHECK(pins[2].constraint.empty());
  CHECK(pins[3].constraint == "==1.0");
  CHECK(pin_all(PinFileKind::requirements, requirements, "pydantic", {">=2,<3", ""}) ==
        "# runtime\n"
        "fastapi>=0.92,<1\n"
        "Pydantic[email] >=2,<3 ; python_version >= '3.8'  # models\r\n"
        "uvicorn\n"
        "-r base.txt\n"
        "hashed==1.0 \\\n"
        "    --hash=sha256:abc\n"
        "direct @ https://example.com/direct.whl\n");
  // A bare version is an exact pin; a package without a version gets one.
  std::string exact = pin_all(PinFileKind::requirements, requirements, "uvicorn", {"0.30.1", ""});
  CHECK(exact.find("\nuvicorn==0.30.1\n") != std::string::npos);
  CHECK(normalized_package_name(PinFileKind::requirements, "Pydantic_Settings") == "pydantic-settings");
}

TEST_CASE("requirements files: a new dependency goes on the line after another", "[migrate]") {
  std::string added = add_beside(PinFileKind::requirements, requirements, "pydantic", "pydantic-settings", ">=2,<3");
  CHECK(added.find("# models\r\npydantic-settings>=2,<3\r\nuvicorn\n") != std::string::npos);
  std::string continued = add_beside(PinFileKind::requirements, requirements, "hashed", "x", "==1");
  CHECK(continued.find("--hash=sha256:abc\nx==1\ndirect") != std::string::npos);
  CHECK(add_beside(PinFileKind::requirements, "a==1", "a", "b", "==2") == "a==1\nb==2\n");
}

const std::string pyproject = R"toml([project]
name = "shop"
dependencies = [
    "fastapi>=0.92",
    "pydantic>=1.10,<2",
]

[project.optional-dependencies]
dev = ["pytest>=7", 'pydantic[dotenv]==1.10.13']

[tool.poetry.dependencies]
python = "^3.9"
pydantic = "^1.10"  # models
email-validator = { version = "^1.3", optional = true }
)toml";

TEST_CASE("pyproject.toml: PEP 621 strings and Poetry tables are edited in place", "[migrate]") {
  auto pins = find_pyproject_pins(pyproject, "pyproject.toml");
  REQUIRE(pins.has_value());
  CHECK(pins_of(*pins, "pydantic").size() == 3);
  CHECK(pins_of(*pins, "python").empty());
  auto email = pins_of(*pins, "email_validator");
  REQUIRE(email.size() == 1);
  CHECK(email[0].constraint == "^1.3");
  CHECK(email[0].form == PinForm::poetry);
  std::string expected = pyproject;
  expected.replace(expected.find("\"pydantic>=1.10,<2\""), 19, "\"pydantic>=2,<3\"");
  expected.replace(expected.find("'pydantic[dotenv]==1.10.13'"), 27, "'pydantic[dotenv]>=2,<3'");
  expected.replace(expected.find("pydantic = \"^1.10\""), 18, "pydantic = \">=2,<3\"");
  CHECK(pin_all(PinFileKind::pyproject, pyproject, "pydantic", {">=2,<3", ""}) == expected);
  std::string inline_table = pin_all(PinFileKind::pyproject, pyproject, "email-validator", {"^2.1", ""});
  CHECK(inline_table.find("email-validator = { version = \"^2.1\", optional = true }") != std::string::npos);
}

TEST_CASE("pyproject.toml: a new dependency in the style of its neighbour", "[migrate]") {
  std::string multi_line = add_beside(PinFileKind::pyproject, pyproject, "fastapi", "httpx", ">=0.23");
  CHECK(multi_line.find("    \"fastapi>=0.92\",\n    \"httpx>=0.23\",\n    \"pydantic>=1.10,<2\",\n") !=
        std::string::npos);
  std::string single_line = add_beside(PinFileKind::pyproject, pyproject, "pytest", "httpx", ">=0.23");
  CHECK(single_line.find("dev = [\"pytest>=7\", \"httpx>=0.23\", 'pydantic") != std::string::npos);
  std::string last =
      add_beside(PinFileKind::pyproject, "[project]\ndependencies = [\n  \"a>=1\"\n]\n", "a", "b", ">=2");
  CHECK(last == "[project]\ndependencies = [\n  \"a>=1\",\n  \"b>=2\"\n]\n");
  std::string poetry = "[tool.poetry.dependencies]\npython = \"^3.9\"\npydantic = \"^1.10\"  # models\n";
  CHECK(add_beside(PinFileKind::pyproject, poetry, "pydantic", "pydantic-settings", ">=2,<3") ==
        poetry + "pydantic-settings = \">=2,<3\"\n");
}

TEST_CASE("pyproject.toml: malformed TOML is an error at its line", "[migrate]") {
  auto pins = find_pyproject_pins("[project]\ndependencies = [\n", "pyproject.toml");
  REQUIRE_FALSE(pins.has_value());
  CHECK(pins.error().where.file == "pyproject.toml");
  CHECK(pins.error().where.line >= 2);
}

const std::string cmake = R"toml(cmake_minimum_required(VERSION 3.25)
project(shop CXX)
# find_package(fmt 8 REQUIRED) is the old one
find_package(fmt 9.1 REQUIRED)
find_package(nlohmann_json REQUIRED)
message("find_package(fmt 1)")
include(FetchContent)
FetchContent_Declare(
  Catch2
  GIT_REPOSITORY https://github.com/catchorg/Catch2.git
  GIT_TAG        v3.4.0 # pinned
)
)toml";

TEST_CASE("CMakeLists.txt: find_package versions and FetchContent tags", "[migrate]") {
  std::vector<DeclaredPin> pins = find_cmake_pins(cmake, "CMakeLists.txt");
  REQUIRE(pins.size() == 3);
  CHECK(pins[0].package == "fmt");
  CHECK(pins[0].constraint == "9.1");
  CHECK(pins[0].line == 4);
  CHECK(pins[1].constraint.empty());
  CHECK(pins[2].form == PinForm::cmake_git_tag);
  CHECK(pins[2].constraint == "v3.4.0");

  std::string expected = cmake;
  expected.replace(expected.find("fmt 9.1"), 7, "fmt 10...<11");
  CHECK(pin_all(PinFileKind::cmake, cmake, "fmt", {">=10,<11", ""}) == expected);
  CHECK(pin_all(PinFileKind::cmake, cmake, "nlohmann_json", {"3.11", ""})
            .find("find_package(nlohmann_json 3.11 REQUIRED)") != std::string::npos);
  CHECK(pin_all(PinFileKind::cmake, cmake, "catch2", {"3.5.0", ""}).find("GIT_TAG        v3.5.0 # pinned") !=
        std::string::npos);
  CHECK(pin_all(PinFileKind::cmake, cmake, "Catch2", {"", "devel"}).find("GIT_TAG        devel #") !=
        std::string::npos);

  auto range_tag = constraint_text(pins[2], {">=3,<4", ""});
  REQUIRE_FALSE(range_tag.has_value());
  CHECK(range_tag.error().message.find("needs one version") != std::string::npos);
  auto no_add = add_pin_beside(cmake, pins[0], "spdlog", "1.12");
  REQUIRE_FALSE(no_add.has_value());
}

TEST_CASE("which files hold pins", "[migrate]") {
  CHECK(pin_file_kind("requirements.txt") == PinFileKind::requirements);
  CHECK(pin_file_kind("requirements-dev.txt") == PinFileKind::requirements);
  CHECK(pin_file_kind("requirements/base.txt") == PinFileKind::requirements);
  CHECK(pin_file_kind("services/api/pyproject.toml") == PinFileKind::pyproject);
  CHECK(pin_file_kind("cmake/deps.cmake") == PinFileKind::cmake);
  CHECK_FALSE(pin_file_kind("notes.txt").has_value());
}
