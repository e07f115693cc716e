// The `apictl add endpoint` pipeline, in the order a user would expect errors: the arguments, the project
// and its template, the contract, the code files and their markers; then every file written, or none.
#include "scaffold/add_endpoint.hpp"

#include <algorithm>
#include <cctype>

#include "contract/openapi.hpp"
#include "contract/parse.hpp"
#include "contract/path_template.hpp"
#include "project/project_config.hpp"
#include "scaffold/endpoint_context.hpp"
#include "scaffold/filters.hpp"
#include "scaffold/operation_insert.hpp"
#include "scaffold/path_safety.hpp"
#include "scaffold/project_template.hpp"
#include "scaffold/render.hpp"
#include "scaffold/template_source.hpp"
#include "util/file_replace.hpp"

namespace apictl::scaffold {

namespace fs = std::filesystem;

namespace {

Result<std::string> checked_method(std::string_view text) {
  std::string method;
  for (char c : text) method += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (std::ranges::find(contract::http_methods, method) == contract::http_methods.end()) {
    return fail("bad-method", "METHOD '" + std::string(text) + "' is not an HTTP method", {},
                "use one of GET, PUT, POST, DELETE, OPTIONS, HEAD, PATCH, TRACE");
  }
  return method;
}

bool is_identifier(std::string_view text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text[0]))) return false;
  return std::ranges::all_of(text, [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

Result<void> check_names(const AddEndpointOptions& options) {
  for (auto [flag, value] :
       {std::pair{"--request-schema", &options.request_schema},
        std::pair{"--response-schema", &options.response_schema}, std::pair{"--operation-id", &options.operation_id}}) {
    if (!value->empty() && !is_identifier(*value)) {
      return fail("usage", std::string(flag) + " '" + *value + "' is not a name of letters, digits and '_'", {},
                  "it names code too (a model class, a function), so it must be an identifier, e.g. OrderCreate");
    }
  }
  if (!options.tag.empty() && options.tag.find_first_of("\n\r") != std::string::npos) {
    return fail("usage", "--tag must be one line", {});
  }
  if (options.summary.find_first_of("\n\r") != std::string::npos) {
    return fail("usage", "--summary must be one line", {}, "put longer text in the operation's description");
  }
  return {};
}

// The lines of `text` that start (after indentation) with `marker`: their offsets.
std::vector<std::size_t> marker_lines(std::string_view text, std::string_view marker) {
  std::vector<std::size_t> found;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    std::size_t indent = line.find_first_not_of(" \t");
    if (indent != std::string_view::npos && line.substr(indent).starts_with(marker)) found.push_back(start);
    start = end + 1;
  }
  return found;
}

std::string line_number_list(std::string_view text, const std::vector<std::size_t>& offsets) {
  std::string list;
  for (std::size_t offset : offsets) {
    auto line = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n') + 1;
    list += (list.empty() ? "" : ", ") + std::to_string(line);
  }
  return list;
}

// The snippet, every non-empty line indented like the marker line, ending in a line break.
std::string indented(std::string_view snippet, std::string_view indent) {
  std::string out;
  std::size_t start = 0;
  while (start < snippet.size()) {
    std::size_t end = snippet.find('\n', start);
    std::string_view line = snippet.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) out += indent;
    out += line;
    out += '\n';
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

Result<std::string> read_project_file(const fs::path& path, const std::string& display) {
  auto text = contract::read_source(path, display);
  if (!text) {
    Diagnostic error = text.error();
    error.hint = "the template adds code to this file; restore it (with its marker line) from the template";
    return std::unexpected(error);
  }
  return text;
}

}  // namespace

Result<AddEndpointResult> add_endpoint(const AddEndpointOptions& options) {
  auto method = checked_method(options.method);
  if (!method) return std::unexpected(method.error());
  auto path = contract::parse_path_template(options.path);
  if (!path) return std::unexpected(path.error());
  if (auto ok = check_names(options); !ok) return std::unexpected(ok.error());

  auto found = project::find_project_config(options.start);
  if (!found) return std::unexpected(found.error());
  if (!*found) {
    return fail("no-project", "no apictl.toml here or in any parent folder", {},
                "run apictl add endpoint inside a project made by apictl new (or pass -C DIR)");
  }
  const project::ProjectConfig& config = **found;
  auto source = project_template(config);
  if (!source) return std::unexpected(source.error());
  if (!source->manifest.endpoints) {
    return fail("no-endpoint-rules",
                "the template '" + config.template_name + "' does not say how endpoints are added (no [endpoints])",
                {config.file.string(), 0, 0, {}},
                "add the route, test and contract entry by hand, or give the template an [endpoints] section "
                "(docs/templates.md)");
  }
  const EndpointRules& rules = *source->manifest.endpoints;
  if (!config.contract) {
    return fail("no-contract", "apictl.toml names no contract", {config.file.string(), 0, 0, {}},
                "add [contract] path = \"openapi.yaml\"");
  }

  AddEndpointResult result;
  result.method = apply_filter("upper", *method).value_or(*method);
  result.path = path->text;
  result.template_name = source->manifest.name;
  result.template_version = source->manifest.version;
  result.project_root = config.root;
  result.test_command = config.dev.test;
  if (!config.template_version.empty() && config.template_version != source->manifest.version) {
    result.notes.push_back("the project was made from " + config.template_name + " " + config.template_version +
                           "; the code added follows " + source->manifest.version);
  }

  // The contract: read once, planned, checked by re-reading the edited text.
  fs::path contract_relative = config.contract->lexically_normal();
  fs::path contract_file = config.root / contract_relative;
  std::string contract_display = contract_file.lexically_normal().string();
  auto contract_text = contract::read_source(contract_file, contract_display);
  if (!contract_text) return std::unexpected(contract_text.error());
  auto document = contract::parse_document(contract_display, *contract_text);
  if (!document) return std::unexpected(document.error());
  contract::Workspace workspace;
  workspace.adopt(std::move(*document), contract_file);

  NewOperation operation{*method,
                         *path,
                         options.operation_id,
                         options.summary,
                         options.tag,
                         options.request_schema,
                         options.response_schema,
                         rules.responses};
  auto planned = plan_operation(workspace, operation);
  if (!planned) return std::unexpected(planned.error());
  result.operation_id = planned->operation_id;
  result.tag = planned->tag;
  result.status = planned->status;
  result.created_schemas = planned->created_schemas;
  result.tag_added = planned->tag_added;
  result.files.push_back(FileEdit{contract_relative, *contract_text, planned->insertions, {}});

  // The code: each snippet rendered and placed before its marker line.
  Answers answers = recorded_answers(config);
  EndpointVariables endpoint{*method,
                             path->text,
                             path->parameters,
                             path->regex(),
                             path->with_samples(sample_parameter_value),
                             planned->operation_id,
                             planned->summary,
                             planned->description,
                             planned->tag,
                             planned->status,
                             planned->status_description,
                             options.request_schema,
                             options.response_schema,
                             planned->request_example.is_null() ? "" : planned->request_example.dump(),
                             planned->response_example.is_null() ? "" : planned->response_example.dump(),
                             planned->created_schemas};
  SnippetContext context = endpoint_context(answers, endpoint);
  for (const EndpointInsert& insert : rules.inserts) {
    auto snippet = std::ranges::find(source->files, insert.snippet, &TemplateFile::path);
    if (snippet == source->files.end()) {
      return fail("template-error", "snippet '" + insert.snippet + "' is not a file of the template", insert.where);
    }
    std::string label = source->source == "built-in" ? "template '" + source->manifest.name + "': " + insert.snippet
                                                     : (fs::path(source->source) / insert.snippet).string();
    auto rendered = render_snippet(snippet->content, context, {label, 1, 1, {}});
    if (!rendered) return std::unexpected(rendered.error());
    // Nothing for this endpoint (a model snippet when no schema is new): the file is not even read.
    if (rendered->find_first_not_of(" \t\r\n") == std::string::npos) continue;
    auto name = render_text(insert.file, answers, insert.where);
    if (!name) return std::unexpected(name.error());
    auto relative = safe_relative_path(*name, insert.where);
    if (!relative) return std::unexpected(relative.error());
    if (*relative == contract_relative) {
      return fail("template-error", "[[endpoints.insert]] names the contract '" + relative->string() + "'",
                  insert.where, "apictl add endpoint edits the contract itself; insert code elsewhere");
    }
    if (auto ok = check_no_links_on_the_way(config.root, *relative); !ok) return std::unexpected(ok.error());
    auto edit = std::ranges::find(result.files, *relative, &FileEdit::path);
    if (edit == result.files.end()) {
      auto text = read_project_file(config.root / *relative, relative->string());
      if (!text) return std::unexpected(text.error());
      result.files.push_back(FileEdit{*relative, std::move(*text), {}, {}});
      edit = result.files.end() - 1;
    }
    auto markers = marker_lines(edit->original, insert.marker);
    if (markers.size() != 1) {
      std::string why = markers.empty()
                            ? "has no line starting with '" + insert.marker + "'"
                            : "has " + std::to_string(markers.size()) + " lines starting with '" + insert.marker +
                                  "' (lines " + line_number_list(edit->original, markers) + ")";
      return fail("missing-marker", relative->string() + " " + why, {relative->string(), 0, 0, {}},
                  markers.empty() ? "apictl add endpoint inserts code above that line: put it back where new code goes"
                                  : "keep one, where new code goes");
    }
    std::string_view marker_line = std::string_view(edit->original).substr(markers.front());
    std::string_view indent = marker_line.substr(0, marker_line.find_first_not_of(" \t"));
    edit->insertions.push_back(TextInsertion{markers.front(), indented(*rendered, indent)});
  }
  for (FileEdit& edit : result.files) edit.edited = apply_insertions(edit.original, edit.insertions);
  if (options.dry_run) return result;

  std::vector<FileReplacement> replacements;
  for (const FileEdit& edit : result.files) {
    replacements.push_back(FileReplacement{config.root / edit.path, edit.original, edit.edited});
  }
  if (auto ok = replace_files(replacements); !ok) return std::unexpected(ok.error());
  return result;
}

}  // namespace apictl::scaffold
