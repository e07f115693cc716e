// .gitignore rules: parsing, wildmatch, precedence between files, and agreement with git itself.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "dev/gitignore.hpp"
#include "support/scratch_folder.hpp"
#include "util/subprocess.hpp"

using namespace apictl;
using namespace apictl::dev;

namespace {

bool ignored(std::string_view text, std::string_view path, bool is_directory = false) {
  GitignoreSet set;
  set.add(GitignoreFile::parse(text));
  return set.is_ignored(path, is_directory);
}

}  // namespace

TEST_CASE("gitignore parsing skips comments and blank lines and reads the pattern flags", "[gitignore]") {
  GitignoreFile file = GitignoreFile::parse("# a comment\n\n  \n!keep.log\nbuild/\n/dist\na/b\n\\#hash\n\\!bang\n");
  const auto& patterns = file.patterns();
  REQUIRE(patterns.size() == 6);
  CHECK(patterns[0].glob == "keep.log");
  CHECK(patterns[0].negated);
  CHECK(patterns[0].line == 4);
  CHECK(patterns[1].glob == "build");
  CHECK(patterns[1].directory_only);
  CHECK_FALSE(patterns[1].anchored);
  CHECK(patterns[2].glob == "dist");
  CHECK(patterns[2].anchored);
  CHECK(patterns[3].anchored);
  CHECK(patterns[4].glob == "#hash");
  CHECK_FALSE(patterns[4].negated);
  CHECK(patterns[5].glob == "!bang");
  CHECK_FALSE(patterns[5].negated);
}

TEST_CASE("gitignore trailing spaces are dropped unless escaped, and CRLF files work", "[gitignore]") {
  CHECK(ignored("notes.txt   \r\n", "notes.txt"));
  CHECK(ignored("space\\ \n", "space "));
  CHECK_FALSE(ignored("space\\ \n", "space"));
}

TEST_CASE("gitignore patterns without a slash match at any level, by name", "[gitignore]") {
  CHECK(ignored("*.log\n", "a.log"));
  CHECK(ignored("*.log\n", "deep/er/a.log"));
  CHECK_FALSE(ignored("*.log\n", "a.log.txt"));
  CHECK(ignored("__pycache__\n", "app/__pycache__", true));
  CHECK(ignored("__pycache__\n", "app/__pycache__/mod.pyc"));  // inside an ignored folder
}

TEST_CASE("gitignore a leading or inner slash anchors the pattern to its folder", "[gitignore]") {
  CHECK(ignored("/dist\n", "dist", true));
  CHECK_FALSE(ignored("/dist\n", "app/dist", true));
  CHECK(ignored("doc/*.md\n", "doc/a.md"));
  CHECK_FALSE(ignored("doc/*.md\n", "doc/sub/a.md"));
  CHECK_FALSE(ignored("doc/*.md\n", "x/doc/a.md"));
}

TEST_CASE("gitignore a trailing slash matches folders only", "[gitignore]") {
  CHECK(ignored("build/\n", "build", true));
  CHECK_FALSE(ignored("build/\n", "build", false));
  CHECK(ignored("build/\n", "build/out.o"));
  CHECK(ignored("build/\n", "x/build/out.o"));
}

TEST_CASE("gitignore negation re-includes, the last matching line wins", "[gitignore]") {
  CHECK_FALSE(ignored("*.log\n!keep.log\n", "keep.log"));
  CHECK(ignored("*.log\n!keep.log\n", "other.log"));
  CHECK(ignored("!keep.log\n*.log\n", "keep.log"));
  // Nothing inside an ignored folder can be re-included.
  CHECK(ignored("logs/\n!logs/keep.log\n", "logs/keep.log"));
  // Ignoring the folder's content rather than the folder leaves room for exceptions.
  CHECK_FALSE(ignored("logs/*\n!logs/keep.log\n", "logs/keep.log"));
  CHECK(ignored("logs/*\n!logs/keep.log\n", "logs/other.log"));
}

TEST_CASE("gitignore double stars", "[gitignore]") {
  CHECK(ignored("**/cache\n", "cache", true));
  CHECK(ignored("**/cache\n", "a/b/cache", true));
  CHECK(ignored("a/**/b\n", "a/b"));
  CHECK(ignored("a/**/b\n", "a/x/y/b"));
  CHECK_FALSE(ignored("a/**/b\n", "a/xb"));
  CHECK(ignored("out/**\n", "out/x/y.txt"));
  CHECK_FALSE(ignored("out/**\n", "out", true));
  CHECK(ignored("a**b\n", "axxb"));       // not between slashes: a plain star
  CHECK_FALSE(ignored("a**b\n", "a/b"));  // ... which stays within a folder name
}

TEST_CASE("gitignore wildmatch classes and escapes", "[gitignore]") {
  CHECK(gitignore_glob_match("file[0-9].txt", "file7.txt"));
  CHECK_FALSE(gitignore_glob_match("file[0-9].txt", "filex.txt"));
  CHECK(gitignore_glob_match("file[!0-9].txt", "filex.txt"));
  CHECK(gitignore_glob_match("file[^0-9].txt", "filex.txt"));
  CHECK(gitignore_glob_match("[]x]", "]"));
  CHECK(gitignore_glob_match("[a-c]?", "bz"));
  CHECK_FALSE(gitignore_glob_match("[a/]", "/"));
  CHECK(gitignore_glob_match("\\*star", "*star"));
  CHECK_FALSE(gitignore_glob_match("\\*star", "xstar"));
  CHECK(gitignore_glob_match("[unclosed", "[unclosed"));
  CHECK_FALSE(gitignore_glob_match("?", "/"));
}

TEST_CASE("gitignore deeper files take precedence over shallower ones", "[gitignore]") {
  GitignoreSet set;
  set.add(GitignoreFile::parse("*.gen\n"));
  set.add(GitignoreFile::parse("!keep.gen\n/local\n", "sub"));
  CHECK(set.is_ignored("a.gen", false));
  CHECK(set.is_ignored("sub/a.gen", false));
  CHECK_FALSE(set.is_ignored("sub/keep.gen", false));
  CHECK(set.is_ignored("keep.gen", false));  // the sub folder's file says nothing about the root
  CHECK(set.is_ignored("sub/local", false));
  CHECK_FALSE(set.is_ignored("local", false));
  CHECK_FALSE(set.is_ignored("sub-x/local", false));
  set.remove("sub");
  CHECK(set.is_ignored("sub/keep.gen", false));
}

TEST_CASE("gitignore long names match in bounded time", "[gitignore]") {
  std::string name(3000, 'a');
  CHECK_FALSE(ignored("*a*a*a*a*a*a*a*a*a*a*b\n", name));
}

TEST_CASE("gitignore verdicts agree with git check-ignore", "[gitignore]") {
  test::ScratchFolder scratch("gitignore-git");
  const auto& root = scratch.path();
  std::vector<std::string> init{"git", "init", "-q", root.string()};
  auto initialised = run_process(init);
  if (!initialised || initialised->exit_status != 0) {
    WARN("git is not installed: skipping the comparison with git check-ignore");
    return;
  }
  const std::string root_rules =
      "# generated files\n*.log\n!important.log\nbuild/\n/root-only.txt\ndoc/*.md\n**/tmp/**\ncache*\n"
      "!cache-keep\nlogs/*\n!logs/keep.txt\nout/\n!out/inner.txt\nfile[0-9].dat\n  \nspaced.txt  \n";
  const std::string sub_rules = "!*.log\n/anchored\n*.gen\n";
  scratch.write(".gitignore", root_rules);
  scratch.write("sub/.gitignore", sub_rules);

  // name, is a folder
  const std::vector<std::pair<std::string, bool>> entries = {
      {"a.log", false},
      {"important.log", false},
      {"x/important.log", false},
      {"build", true},
      {"build/sub/f.c", false},
      {"x/build", true},
      {"x/build/y", false},
      {"buildfile", false},
      {"root-only.txt", false},
      {"x/root-only.txt", false},
      {"doc/r.md", false},
      {"doc/a/r.md", false},
      {"a/tmp/t.txt", false},
      {"tmp/t.txt", false},
      {"cache", false},
      {"cache-keep", false},
      {"cachedir", true},
      {"cachedir/f", false},
      {"logs/a.txt", false},
      {"logs/keep.txt", false},
      {"out/inner.txt", false},
      {"file7.dat", false},
      {"filex.dat", false},
      {"spaced.txt", false},
      {"sub/a.log", false},
      {"sub/anchored", false},
      {"sub/deeper/anchored", false},
      {"anchored", false},
      {"sub/x.gen", false},
      {"x.gen", false},
      {"sub/deeper/y.gen", false},
      {"src/app.py", false},
      {"src/build.py", false},
  };
  std::string stdin_text;
  for (const auto& [name, is_folder] : entries) {
    if (is_folder) {
      std::filesystem::create_directories(root / name);
    } else {
      scratch.write(name, "x");
    }
  }
  // check-ignore reads the paths from a file through a shell redirection: run_process gives no stdin.
  for (const auto& [name, is_folder] : entries) stdin_text += name + "\n";
  scratch.write("paths.txt", stdin_text);
  std::vector<std::string> check{"sh", "-c", "cd \"$1\" && git check-ignore --no-index --stdin < paths.txt", "sh",
                                 root.string()};
  auto checked = run_process(check);
  REQUIRE(checked.has_value());
  REQUIRE(checked->exit_status <= 1);  // 1: nothing ignored
  std::set<std::string> git_ignored;
  std::istringstream lines(checked->out);
  for (std::string line; std::getline(lines, line);) git_ignored.insert(line);

  GitignoreSet set;
  set.add(GitignoreFile::parse(root_rules));
  set.add(GitignoreFile::parse(sub_rules, "sub"));
  for (const auto& [name, is_folder] : entries) {
    INFO(name);
    CHECK(set.is_ignored(name, is_folder) == git_ignored.contains(name));
  }
  CHECK(git_ignored.size() > 10);  // the table exercises both answers
}
