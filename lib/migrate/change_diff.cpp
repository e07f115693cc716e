// Git-style patches: a deleted file whose content reappears unchanged as a created one is a rename.
#include "migrate/change_diff.hpp"

#include <cstdio>
#include <map>
#include <set>

#include "migrate/unified_diff.hpp"

namespace apictl::migrate {

namespace {

std::string git_mode(std::uint32_t mode) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "100%03o", (mode & 0111) != 0 ? 0755u : 0644u);
  return buffer;
}

}  // namespace

std::string change_set_diff(const ChangeSet& changes) {
  // Renames: each created file takes the first deleted file with the same bytes.
  std::map<std::string, std::string> renamed_from;  // created path -> deleted path
  std::set<std::string> renamed;
  for (const FileChange& created : changes.files) {
    if (created.before || !created.after) continue;
    for (const FileChange& deleted : changes.files) {
      if (!deleted.before || deleted.after || renamed.contains(deleted.path)) continue;
      if (deleted.before->bytes != created.after->bytes) continue;
      renamed_from[created.path] = deleted.path;
      renamed.insert(deleted.path);
      break;
    }
  }
  std::string out;
  for (const FileChange& change : changes.files) {
    if (renamed.contains(change.path)) continue;
    if (auto from = renamed_from.find(change.path); from != renamed_from.end()) {
      out += "diff --git a/" + from->second + " b/" + change.path + "\n";
      const FileChange* source = nullptr;
      for (const FileChange& candidate : changes.files) {
        if (candidate.path == from->second) source = &candidate;
      }
      if (source && git_mode(source->before->mode) != git_mode(change.after->mode)) {
        out += "old mode " + git_mode(source->before->mode) + "\nnew mode " + git_mode(change.after->mode) + "\n";
      }
      out += "similarity index 100%\nrename from " + from->second + "\nrename to " + change.path + "\n";
      continue;
    }
    out += "diff --git a/" + change.path + " b/" + change.path + "\n";
    std::string old_label = "a/" + change.path;
    std::string new_label = "b/" + change.path;
    if (!change.before) {
      out += "new file mode " + git_mode(change.after->mode) + "\n";
      old_label = "/dev/null";
    } else if (!change.after) {
      out += "deleted file mode " + git_mode(change.before->mode) + "\n";
      new_label = "/dev/null";
    } else if (git_mode(change.before->mode) != git_mode(change.after->mode)) {
      out += "old mode " + git_mode(change.before->mode) + "\nnew mode " + git_mode(change.after->mode) + "\n";
    }
    out += unified_diff(change.before ? change.before->bytes : "", change.after ? change.after->bytes : "", old_label,
                        new_label);
  }
  return out;
}

}  // namespace apictl::migrate
