#include "migrate/three_way_merge.hpp"

#include <git2.h>

#include <algorithm>

namespace apictl::migrate {
namespace {

// libgit2's global state, held for the duration of one merge (its init and shutdown are reference counted).
class LibGit2 {
 public:
  LibGit2() { git_libgit2_init(); }
  ~LibGit2() { git_libgit2_shutdown(); }
  LibGit2(const LibGit2&) = delete;
  LibGit2& operator=(const LibGit2&) = delete;
};

git_merge_file_input input(std::string_view text) {
  git_merge_file_input file = GIT_MERGE_FILE_INPUT_INIT;
  file.ptr = text.data();
  file.size = text.size();
  return file;
}

std::vector<int> marker_lines(std::string_view text) {
  std::vector<int> lines;
  int line = 1;
  for (std::size_t start = 0; start < text.size(); ++line) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    if (text.substr(start, end - start).starts_with("<<<<<<< ")) lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

}  // namespace

Result<MergedText> merge_three_way(std::string_view base, std::string_view ours, std::string_view theirs,
                                   const MergeLabels& labels) {
  LibGit2 library;
  git_merge_file_options options = GIT_MERGE_FILE_OPTIONS_INIT;
  options.ancestor_label = labels.base.c_str();
  options.our_label = labels.ours.c_str();
  options.their_label = labels.theirs.c_str();
  // diff3 style: a conflict shows the template's old lines too, so the reader sees what each side changed.
  options.flags = GIT_MERGE_FILE_STYLE_DIFF3;

  git_merge_file_input base_input = input(base);
  git_merge_file_input our_input = input(ours);
  git_merge_file_input their_input = input(theirs);
  git_merge_file_result result{};
  if (git_merge_file(&result, &base_input, &our_input, &their_input, &options) != 0) {
    const git_error* error = git_error_last();
    return fail("merge-failed", std::string("three-way merge failed: ") + (error ? error->message : "libgit2 error"),
                {});
  }
  MergedText merged{std::string(result.ptr ? result.ptr : "", result.len), {}};
  bool clean = result.automergeable != 0;
  git_merge_file_result_free(&result);
  if (!clean) merged.conflict_lines = marker_lines(merged.text);
  return merged;
}

}  // namespace apictl::migrate
