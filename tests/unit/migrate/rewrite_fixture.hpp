// Golden fixtures of the built-in rewriters: tests/fixtures/migrate/<rewriter>/before/** rewritten must equal
// after/** byte for byte, the manual items must equal manual.txt, and every output must compile with
// /usr/bin/python3. Regenerate on purpose with APICTL_UPDATE_GOLDEN=1 and review the diff.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "migrate/code_rewrite.hpp"
#include "support/scratch_folder.hpp"
#include "tree_snapshot.hpp"  // read_file
#include "util/subprocess.hpp"

namespace apictl::test {

inline constexpr const char* system_python = "/usr/bin/python3";

inline std::filesystem::path rewrite_fixture_root(const std::string& name) {
  return std::filesystem::path(APICTL_SOURCE_DIR) / "tests/fixtures/migrate" / name;
}

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// The .py files under `root`, as sorted paths relative to it.
inline std::vector<std::string> python_files(const std::filesystem::path& root) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root))
    if (entry.is_regular_file() && entry.path().extension() == ".py")
      files.push_back(std::filesystem::relative(entry.path(), root).generic_string());
  std::sort(files.begin(), files.end());
  return files;
}

// Dotted module names of the files, for importing them (`pkg/__init__.py` is `pkg`).
inline std::vector<std::string> module_names(const std::vector<std::string>& files) {
  std::vector<std::string> modules;
  for (std::string file : files) {
    file = file.substr(0, file.size() - 3);
    if (file.ends_with("/__init__")) file = file.substr(0, file.size() - 9);
    std::replace(file.begin(), file.end(), '/', '.');
    modules.push_back(file);
  }
  return modules;
}

inline bool have_system_python() { return std::filesystem::exists(system_python); }

inline void check_rewrite_fixture(const std::string& name, migrate::Rewriter rewriter) {
  const std::filesystem::path root = rewrite_fixture_root(name);
  const bool update = std::getenv("APICTL_UPDATE_GOLDEN") != nullptr;
  ScratchFolder scratch("rewrite-" + name);
  std::vector<std::string> files = python_files(root / "before");
  REQUIRE(!files.empty());
  if (!update) CHECK(python_files(root / "after") == files);  // an unchanged file is in after/ too

  std::string manual;
  std::vector<std::string> written;
  for (const std::string& file : files) {
    INFO(name << "/before/" << file);
    std::string source = read_file(root / "before" / file);
    migrate::RewriteOutcome outcome = rewriter(source);
    for (const migrate::ManualItem& item : outcome.manual)
      manual += file + ":" + std::to_string(item.line) + ":" + std::to_string(item.column) + ": " + item.text + "\n";
    if (update) {
      write_file(root / "after" / file, outcome.text);
    } else {
      CHECK(outcome.text == read_file(root / "after" / file));
    }
    CHECK((outcome.edits == 0) == (outcome.text == source));
    // Applying twice changes nothing.
    migrate::RewriteOutcome again = rewriter(outcome.text);
    CHECK(again.text == outcome.text);
    CHECK(again.edits == 0);
    written.push_back((scratch.path() / file).string());
    write_file(written.back(), outcome.text);
  }
  if (update) {
    write_file(root / "manual.txt", manual);
    WARN("updated " << root / "after"
                    << " and " << root / "manual.txt");
  } else {
    CHECK(manual == read_file(root / "manual.txt"));
  }

  if (!have_system_python()) {
    WARN(system_python << " is missing: the rewritten files were not compiled");
    return;
  }
  std::vector<std::string> compile{system_python, "-m", "py_compile"};
  compile.insert(compile.end(), written.begin(), written.end());
  auto compiled = run_process(compile);
  REQUIRE(compiled.has_value());
  INFO(compiled->err);
  CHECK(compiled->exit_status == 0);
}

// Imports every module of the fixture's before/ tree with the system Python and its Debian packages, so the
// fixtures stay real code of the versions the rewriters migrate from.
inline void check_before_tree_imports(const std::string& name) {
  if (!have_system_python()) {
    WARN(system_python << " is missing: the fixtures were not imported");
    return;
  }
  const std::filesystem::path before = rewrite_fixture_root(name) / "before";
  std::vector<std::string> argv{system_python, "-c",
                                "import importlib, sys\n"
                                "sys.path.insert(0, sys.argv[1])\n"
                                "for name in sys.argv[2:]:\n"
                                "    importlib.import_module(name)\n",
                                before.string()};
  for (const std::string& module : module_names(python_files(before))) argv.push_back(module);
  auto imported = run_process(argv, std::vector<std::string>{"PYTHONDONTWRITEBYTECODE=1"});
  REQUIRE(imported.has_value());
  INFO(imported->err);
  CHECK(imported->exit_status == 0);
}

}  // namespace apictl::test
