// Generating a project: the plan (which files, rendered how, which hooks) and writing it atomically.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "diagnostic.hpp"
#include "scaffold/project_record.hpp"
#include "scaffold/template.hpp"

namespace apictl::scaffold {

struct PlannedFile {
  std::filesystem::path path;  // relative, checked by safe_relative_path
  std::string content;
  bool executable = false;
};

struct PlannedHook {
  std::string description;
  std::string command;  // rendered; run with `sh -c`
};

struct ProjectPlan {
  std::vector<PlannedFile> files;  // sorted by path; includes the recorded apictl.toml
  std::vector<PlannedHook> hooks;  // those whose condition holds, in template order
  std::string next_steps;          // rendered
};

// Decides every file of the new project: drops files whose [[files]] condition fails, renders names and
// contents (binary files and files holding a NUL byte are copied as they are), checks each name stays
// inside the project, and records template, version and answers in apictl.toml (created if the template
// has none).
Result<ProjectPlan> plan_project(const Template& source, const TemplateRecord& record, const Answers& answers);

// What to do when the target folder exists and is not empty.
enum class ExistingFolder {
  refuse,     // the default: an error
  add_files,  // --force: add the new files beside the user's; a file that exists with other content is
              // never overwritten — the whole run is refused, naming every such file
};

struct WriteOptions {
  std::filesystem::path target;
  ExistingFolder existing = ExistingFolder::refuse;
  std::function<bool()> cancelled;  // polled between files (Ctrl-C); null for never
};

struct WriteReport {
  std::size_t written = 0;                     // files created
  std::vector<std::filesystem::path> skipped;  // already there with the same content (--force)
};

// Writes the files into a fresh folder beside the target, then moves them into place: a rename of the whole
// folder when the target does not exist, else a no-replace rename of each file. Any failure, or
// cancellation, removes everything this call created and leaves the user's files as they were.
Result<WriteReport> write_project(const std::vector<PlannedFile>& files, const WriteOptions& options);

}  // namespace apictl::scaffold
