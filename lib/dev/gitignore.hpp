// .gitignore rules: one file's patterns, and every file of a tree together, deciding as git does whether a
// path is ignored.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace apictl::dev {

// One pattern line. Supported: `*`, `?`, `[a-z]` / `[!a-z]`, `\` escapes, `**/`, `/**/` and `/**`, `!`
// negation, a trailing `/` for folders only, a leading or inner `/` anchoring the pattern to its file's folder,
// `#` comments and trailing spaces. Not supported: POSIX classes such as `[[:alpha:]]`.
struct GitignorePattern {
  std::string glob;             // without the `!`, the leading `/` and the trailing `/`; escapes kept
  bool negated = false;         // `!pattern`: re-includes what an earlier pattern ignored
  bool directory_only = false;  // `pattern/`: matches folders only
  bool anchored = false;        // had a `/` before its end: relative to the file's folder, not any level
  std::uint32_t line = 0;       // 1-based line in the file
};

enum class IgnoreVerdict { unmatched, ignored, included };

// The patterns of one .gitignore file. `base` is the folder holding it, relative to the tree's root and
// '/'-separated ("" for the root).
class GitignoreFile {
 public:
  static GitignoreFile parse(std::string_view text, std::string base = {});

  // The verdict of the last pattern that matches `path` (relative to the tree's root, '/'-separated), or
  // unmatched when none does or the path is not below `base`.
  IgnoreVerdict match(std::string_view path, bool is_directory) const;

  const std::string& base() const { return base_; }
  const std::vector<GitignorePattern>& patterns() const { return patterns_; }

 private:
  std::string base_;
  std::vector<GitignorePattern> patterns_;
};

// The .gitignore files of one tree. A deeper file's verdict wins over a shallower one's, and, as in git, a path
// inside an ignored folder stays ignored whatever a later pattern says about the path itself.
class GitignoreSet {
 public:
  void add(GitignoreFile file);
  void remove(const std::string& base);
  bool empty() const { return files_.empty(); }

  bool is_ignored(std::string_view path, bool is_directory) const;

 private:
  // The verdict for `path` itself, its parents not considered.
  bool ignores_entry(std::string_view path, bool is_directory) const;

  std::map<std::string, GitignoreFile> files_;  // by base folder
};

// git's wildmatch with its path rules: `*`, `?` and classes stop at `/`; `**` between slashes spans folders.
bool gitignore_glob_match(std::string_view glob, std::string_view text);

}  // namespace apictl::dev
