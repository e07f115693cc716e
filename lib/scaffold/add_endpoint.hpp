// `apictl add endpoint` as one call: find the project and its template, plan the contract operation and
// the template's code snippets as insertions, and write every file or none.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "diagnostic.hpp"
#include "util/text_insertion.hpp"

namespace apictl::scaffold {

struct AddEndpointOptions {
  std::filesystem::path start = ".";  // where the search for apictl.toml begins
  std::string method;                 // any case: GET, get
  std::string path;                   // "/pets/{petId}"
  std::string summary;
  std::string operation_id;
  std::string tag;
  std::string request_schema;
  std::string response_schema;
  bool dry_run = false;  // plan and report, write nothing
};

struct FileEdit {
  std::filesystem::path path;  // relative to the project folder
  std::string original;
  std::vector<TextInsertion> insertions;
  std::string edited;
};

struct AddEndpointResult {
  std::string method;  // upper case
  std::string path;
  std::string operation_id;
  std::string tag;
  int status = 200;
  std::vector<std::string> created_schemas;
  bool tag_added = false;
  std::string template_name;
  std::string template_version;
  std::filesystem::path project_root;
  std::vector<FileEdit> files;  // the contract first, then the code files in [[endpoints.insert]] order
  std::vector<std::string> notes;
  std::string test_command;  // [dev] test of apictl.toml, for the next step
};

Result<AddEndpointResult> add_endpoint(const AddEndpointOptions& options);

}  // namespace apictl::scaffold
