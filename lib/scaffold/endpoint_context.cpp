// Endpoint variables for snippets, and checking a template's snippets when it is loaded.
#include "scaffold/endpoint_context.hpp"

#include <algorithm>

#include "scaffold/filters.hpp"
#include "scaffold/operation_insert.hpp"

namespace apictl::scaffold {

namespace {

std::string upper(std::string_view text) { return apply_filter("upper", text).value_or(std::string(text)); }

std::string snippet_label(const Template& source, const std::string& path) {
  if (source.source == "built-in") return "template '" + source.manifest.name + "': " + path;
  return source.source + "/" + path;
}

}  // namespace

SnippetContext endpoint_context(const Answers& answers, const EndpointVariables& endpoint) {
  SnippetContext context;
  context.values = answers;
  auto set = [&](std::string name, Value value) { context.values.set(std::move(name), std::move(value)); };
  set("method", upper(endpoint.method));
  set("method_lower", endpoint.method);
  set("path", endpoint.path);
  set("path_regex", endpoint.path_regex);
  set("sample_path", endpoint.sample_path);
  set("operation_id", endpoint.operation_id);
  set("summary", endpoint.summary);
  set("description", endpoint.description);
  set("tag", endpoint.tag);
  set("status", static_cast<std::int64_t>(endpoint.status));
  set("status_description", endpoint.status_description);
  set("request_schema", endpoint.request_schema);
  set("response_schema", endpoint.response_schema);
  set("request_example", endpoint.request_example);
  set("response_example", endpoint.response_example);

  std::vector<Answers> parameters;
  for (std::size_t i = 0; i < endpoint.path_parameters.size(); ++i) {
    Answers parameter;
    parameter.set("name", endpoint.path_parameters[i]);
    parameter.set("description", path_parameter_description(endpoint.path_parameters[i]));
    parameter.set("sample", std::string(sample_parameter_value));
    parameter.set("index", static_cast<std::int64_t>(i + 1));
    parameters.push_back(std::move(parameter));
  }
  context.set_list("path_parameters", std::move(parameters));
  std::vector<Answers> schemas;
  for (const std::string& name : endpoint.created_schemas) {
    Answers schema;
    schema.set("name", name);
    schema.set("description", created_schema_description(name));
    schemas.push_back(std::move(schema));
  }
  context.set_list("new_schemas", std::move(schemas));
  return context;
}

Result<void> check_endpoint_snippets(const Template& source) {
  if (!source.manifest.endpoints) return {};
  auto answers = sample_answers(source.manifest);
  if (!answers) return std::unexpected(answers.error());
  // Two samples, so every branch of an if on parameters or bodies is rendered once.
  EndpointVariables bare{
      "get",    "/things", {},         "/things", "/things", "getThings", "Get things", "Gets things.",
      "things", 200,       "Success.", "",        "",        "",          "",           {}};
  EndpointVariables full{"post",
                         "/things/{thingId}",
                         {"thingId"},
                         "/things/([^/]+)",
                         "/things/1",
                         "postThingsByThingId",
                         "Post things by thingId",
                         "Posts a thing.",
                         "things",
                         201,
                         "Created.",
                         "ThingCreate",
                         "Thing",
                         R"({"name":"example"})",
                         R"({"name":"example"})",
                         {"ThingCreate", "Thing"}};
  for (const EndpointInsert& insert : source.manifest.endpoints->inserts) {
    auto file = std::ranges::find(source.files, insert.snippet, &TemplateFile::path);
    if (file == source.files.end()) {
      return fail("template-error", "snippet '" + insert.snippet + "' is not a file of the template", insert.where,
                  "add the file, or fix the path (relative to the template folder)");
    }
    for (const EndpointVariables* sample : {&bare, &full}) {
      auto rendered = render_snippet(file->content, endpoint_context(*answers, *sample),
                                     {snippet_label(source, insert.snippet), 1, 1, {}});
      if (!rendered) return std::unexpected(rendered.error());
    }
  }
  return {};
}

}  // namespace apictl::scaffold
