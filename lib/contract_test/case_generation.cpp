// Case generation: an assignment of values to the operation's inputs, rendered into a request, for each
// thing worth trying.
#include "contract_test/case_generation.hpp"

#include <optional>
#include <set>

#include "contract/conformance.hpp"
#include "contract/schema_sample.hpp"
#include "contract_test/parameter_encoding.hpp"
#include "contract_test/schema_values.hpp"

namespace apictl::contract_test {

namespace {

using Json = nlohmann::ordered_json;
using contract::NodeRef;

// Values for the operation's inputs: one slot per parameter (nullopt: not sent) and the body.
struct Assignment {
  std::vector<std::optional<Json>> parameters;
  std::optional<Json> body;
};

// The request body the cases send: the first JSON media type the operation documents, else form-urlencoded,
// else the first one (sent only when an example gives it as text).
struct BodySpec {
  std::string media_type;
  NodeRef media;
  NodeRef schema;
  bool required = false;
};

std::optional<BodySpec> body_of(contract::Workspace& workspace, const contract::OperationEntry& operation) {
  auto request_body = workspace.deref(operation.operation["requestBody"]);
  if (!request_body || !request_body->is_mapping()) return std::nullopt;
  NodeRef content = (*request_body)["content"];
  if (content.size() == 0) return std::nullopt;
  std::optional<BodySpec> chosen;
  for (auto [key, media] : content.members()) {
    std::string type = http::media_type(key);
    if (contract::is_json_media_type(type)) {
      chosen = BodySpec{std::string(key), media, media["schema"], false};
      break;
    }
    if (type == "application/x-www-form-urlencoded" && !chosen)
      chosen = BodySpec{std::string(key), media, media["schema"], false};
  }
  if (!chosen) {
    auto first = *content.members().begin();
    chosen = BodySpec{std::string(first.key), first.value, first.value["schema"], false};
  }
  chosen->required = (*request_body)["required"].as_bool();
  return chosen;
}

// The examples a Parameter or Media Type Object gives: `example`, else each value of `examples`.
std::vector<Json> examples_of(contract::Workspace& workspace, NodeRef node) {
  std::vector<Json> out;
  if (NodeRef example = node["example"]) {
    out.push_back(contract::node_to_json(example));
    return out;
  }
  for (auto member : node["examples"].members()) {
    auto example = workspace.deref(member.value);
    if (example && (*example)["value"]) out.push_back(contract::node_to_json((*example)["value"]));
  }
  return out;
}

class CaseBuilder {
 public:
  CaseBuilder(contract::Workspace& workspace, const contract::SpecInfo& spec, const contract::OperationEntry& operation,
              const CaseOptions& options)
      : workspace_(workspace),
        operation_(operation),
        options_(options),
        values_(workspace, spec),
        parameters_(operation_parameters(workspace, operation.path_item, operation.operation)),
        body_(body_of(workspace, operation)) {}

  std::vector<TestCase> build() {
    add_example_cases();
    Assignment all = full_assignment();
    add("all fields", all);
    add("required only", required_assignment());
    for (std::size_t i = 0; i < parameters_.size(); ++i) {
      const ParameterSpec& parameter = parameters_[i];
      for (SchemaValue& variant : values_.variants(parameter.schema)) {
        if (variant.value.is_null()) continue;  // a parameter cannot carry null
        Assignment changed = all;
        changed.parameters[i] = std::move(variant.value);
        add(parameter.in + " '" + parameter.name + "': " + variant.label, changed);
      }
    }
    if (body_ && body_->schema) {
      for (SchemaValue& variant : values_.variants(body_->schema)) {
        Assignment changed = all;
        changed.body = std::move(variant.value);
        add("body " + variant.label, changed);
      }
    }
    add_random_cases();
    return std::move(cases_);
  }

 private:
  void add_example_cases() {
    bool any = false;
    Assignment base = full_assignment();
    for (std::size_t i = 0; i < parameters_.size(); ++i) {
      auto examples = examples_of(workspace_, parameters_[i].definition);
      if (examples.empty()) continue;
      base.parameters[i] = examples.front();
      any = true;
    }
    std::vector<Json> bodies;
    if (body_) {
      bodies = examples_of(workspace_, body_->media);
      auto schema = workspace_.deref(body_->schema);
      if (bodies.empty() && schema && schema->is_mapping()) {
        if (NodeRef example = (*schema)["example"]) bodies.push_back(contract::node_to_json(example));
      }
    }
    if (bodies.empty()) {
      if (any) add("examples", base);
      return;
    }
    for (std::size_t i = 0; i < bodies.size(); ++i) {
      Assignment with_body = base;
      with_body.body = std::move(bodies[i]);
      add(bodies.size() > 1 ? "examples (body example " + std::to_string(i + 1) + ")" : "examples", with_body);
    }
  }

  Assignment full_assignment() {
    Assignment out;
    for (const ParameterSpec& parameter : parameters_) out.parameters.push_back(values_.full(parameter.schema));
    if (body_ && body_->schema) out.body = values_.full(body_->schema);
    return out;
  }

  Assignment required_assignment() {
    Assignment out;
    for (const ParameterSpec& parameter : parameters_) {
      out.parameters.push_back(parameter.required ? std::optional<Json>(values_.required_only(parameter.schema))
                                                  : std::nullopt);
    }
    if (body_ && body_->schema && body_->required) out.body = values_.required_only(body_->schema);
    return out;
  }

  void add_random_cases() {
    SeededRandom random = SeededRandom::for_operation(options_.seed, operation_.name());
    // Stop when the schemas cannot give new requests (an operation without inputs has one).
    std::size_t attempts = 0;
    for (std::size_t n = 1; cases_.size() < options_.max_requests && attempts < options_.max_requests * 4; ++attempts) {
      Assignment assignment;
      for (const ParameterSpec& parameter : parameters_) {
        if (!parameter.required && random.one_in(2)) {
          assignment.parameters.emplace_back(std::nullopt);
          continue;
        }
        Json value = values_.random(parameter.schema, random);
        if (value.is_null()) value = values_.full(parameter.schema);
        assignment.parameters.emplace_back(std::move(value));
      }
      if (body_ && body_->schema && (body_->required || !random.one_in(4))) {
        assignment.body = values_.random(body_->schema, random);
      }
      if (add("random " + std::to_string(n), assignment)) ++n;
    }
  }

  // Renders the assignment as a request and keeps it unless an identical one is already there.
  bool add(std::string label, const Assignment& assignment) {
    if (cases_.size() >= options_.max_requests) return false;
    http::Request request = render(assignment);
    std::string identity = request.target + '\x1f' + request.body;
    for (const http::Header& header : request.headers) identity += '\x1f' + header.name + ':' + header.value;
    if (!seen_.insert(identity).second) return false;
    cases_.push_back(TestCase{std::move(label), std::move(request)});
    return true;
  }

  http::Request render(const Assignment& assignment) const {
    http::Request request;
    request.method = operation_.method;
    std::vector<std::pair<std::string, std::string>> path_values;
    std::vector<std::string> query;
    std::vector<std::string> cookies;
    for (std::size_t i = 0; i < parameters_.size(); ++i) {
      const ParameterSpec& parameter = parameters_[i];
      if (!assignment.parameters[i]) continue;
      const Json& value = *assignment.parameters[i];
      if (parameter.in == "path") {
        path_values.emplace_back(parameter.name, encode_path_parameter(parameter, value));
      } else if (parameter.in == "query") {
        for (std::string& pair : encode_query_parameter(parameter, value)) query.push_back(std::move(pair));
      } else if (parameter.in == "header") {
        request.headers.push_back({parameter.name, encode_header_parameter(parameter, value)});
      } else if (parameter.in == "cookie") {
        cookies.push_back(encode_header_parameter(parameter, value));
      }
    }
    request.target = fill_path(path_values);
    for (std::size_t i = 0; i < query.size(); ++i) request.target += (i ? "&" : "?") + query[i];
    if (!cookies.empty()) {
      std::string cookie;
      for (const std::string& pair : cookies) cookie += (cookie.empty() ? "" : "; ") + pair;
      request.headers.push_back({"Cookie", cookie});
    }
    if (assignment.body && body_) {
      if (auto body = encode_body(body_->media_type, *assignment.body)) {
        request.body = std::move(*body);
        request.headers.push_back({"Content-Type", body_->media_type});
      }
    }
    return request;
  }

  // The path template with each {name} replaced; a name no parameter describes gets "1".
  std::string fill_path(const std::vector<std::pair<std::string, std::string>>& values) const {
    std::string out;
    const std::string& path = operation_.path;
    for (std::size_t i = 0; i < path.size(); ++i) {
      auto close = path[i] == '{' ? path.find('}', i) : std::string::npos;
      if (close == std::string::npos) {
        out += path[i];
        continue;
      }
      std::string name = path.substr(i + 1, close - i - 1);
      auto value = std::ranges::find_if(values, [&](const auto& v) { return v.first == name; });
      out += value != values.end() ? value->second : "1";
      i = close;
    }
    return out;
  }

  contract::Workspace& workspace_;
  const contract::OperationEntry& operation_;
  const CaseOptions& options_;
  SchemaValues values_;
  std::vector<ParameterSpec> parameters_;
  std::optional<BodySpec> body_;
  std::vector<TestCase> cases_;
  std::set<std::string> seen_;
};

}  // namespace

std::vector<TestCase> generate_cases(contract::Workspace& workspace, const contract::SpecInfo& spec,
                                     const contract::OperationEntry& operation, const CaseOptions& options) {
  return CaseBuilder(workspace, spec, operation, options).build();
}

}  // namespace apictl::contract_test
