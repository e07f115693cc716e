// `apictl add endpoint`: flags to AddEndpointOptions, the result to a summary (or diff, or JSON) and exit code.
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "scaffold/add_endpoint.hpp"

namespace apictl::cli {

namespace {

struct AddEndpointFlags {
  scaffold::AddEndpointOptions options;
  std::string format = "text";
};

constexpr std::string_view add_endpoint_examples =
    "  apictl add endpoint GET /pets/{petId}                 route, test and contract operation\n"
    "  apictl add endpoint POST /orders --request-schema OrderCreate --response-schema Order\n"
    "  apictl add endpoint DELETE /pets/{petId} --dry-run     show the diff, write nothing\n"
    "\n"
    "Run inside a project made by apictl new: its apictl.toml names the template, whose [endpoints] section\n"
    "says where code goes. The contract gets the operation (and any new schema or tag) as inserted text:\n"
    "every other byte stays. Every file is written, or none.\n";

nlohmann::ordered_json result_json(const scaffold::AddEndpointResult& result, bool dry_run) {
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const auto& file : result.files) {
    nlohmann::ordered_json entry{{"path", file.path.generic_string()},
                                 {"lines_added", inserted_line_count(file.insertions)}};
    if (dry_run) entry["diff"] = insertion_diff(file.original, file.insertions, file.path.generic_string());
    files.push_back(std::move(entry));
  }
  return nlohmann::ordered_json{
      {"schema", "apictl.add-endpoint/v1"},
      {"dry_run", dry_run},
      {"method", result.method},
      {"path", result.path},
      {"operation_id", result.operation_id},
      {"tag", result.tag},
      {"status", result.status},
      {"schemas_added", result.created_schemas},
      {"tag_added", result.tag_added},
      {"template", {{"name", result.template_name}, {"version", result.template_version}}},
      {"files", files},
      {"notes", result.notes},
  };
}

int run_add_endpoint(const AddEndpointFlags& flags, Invocation& invocation) {
  auto result = scaffold::add_endpoint(flags.options);
  if (!result) return usage_error(invocation, result.error());
  bool dry_run = flags.options.dry_run;
  for (const std::string& note : result->notes) invocation.err << "note: " << note << '\n';
  if (flags.format == "json") {
    invocation.out << result_json(*result, dry_run).dump(2) << '\n';
    return to_int(ExitCode::ok);
  }
  if (dry_run) {
    for (const auto& file : result->files) {
      invocation.out << insertion_diff(file.original, file.insertions, file.path.generic_string());
    }
    invocation.err << "Dry run: nothing was written.\n";
    return to_int(ExitCode::ok);
  }
  invocation.out << "Added " << result->method << ' ' << result->path << " (operationId " << result->operation_id
                 << ", tag " << result->tag << ", answers " << result->status << "):\n";
  for (const auto& file : result->files) {
    invocation.out << "  " << file.path.generic_string() << ": +" << inserted_line_count(file.insertions) << " lines\n";
  }
  if (!result->created_schemas.empty()) {
    invocation.out << "New schemas (an object with a `name` for now; describe them in the contract and the code):";
    for (const auto& name : result->created_schemas) invocation.out << ' ' << name;
    invocation.out << '\n';
  }
  if (!result->test_command.empty())
    invocation.out << "Next: fill in the route, then run " << result->test_command << '\n';
  return to_int(ExitCode::ok);
}

}  // namespace

void define_add_endpoint(CLI::App& command, Invocation& invocation) {
  auto flags = std::make_shared<AddEndpointFlags>();
  command.description(
      "Add an endpoint to the project: the route and models in the project's language, a test that calls it,\n"
      "and the operation in the contract (operationId, path parameters, request body, responses).");
  command.add_option("METHOD", flags->options.method, "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or TRACE")
      ->required();
  command.add_option("PATH", flags->options.path, "The path template, e.g. /pets/{petId}")->required();
  command.add_option("--summary", flags->options.summary, "The operation's summary (default: from METHOD and PATH)");
  command
      .add_option("--request-schema", flags->options.request_schema,
                  "The request body's schema in components/schemas; created when missing")
      ->type_name("NAME");
  command
      .add_option("--response-schema", flags->options.response_schema,
                  "The success response's schema in components/schemas; created when missing")
      ->type_name("NAME");
  command.add_option("--operation-id", flags->options.operation_id, "The operationId (default: getPetsByPetId style)")
      ->type_name("ID");
  command.add_option("--tag", flags->options.tag, "The operation's tag (default: the path's first segment)");
  command.add_flag("--dry-run", flags->options.dry_run, "Print the changes as a unified diff; write nothing");
  command.add_option("--format,-f", flags->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command.footer(help_footer(add_endpoint_examples));
  command.callback(
      [flags, &invocation] { invocation.exit_code = static_cast<ExitCode>(run_add_endpoint(*flags, invocation)); });
}

}  // namespace apictl::cli
