// Checking one exchange against the contract: the operation it reaches, its parameters (coerced from text as
// their style says), its request body, and the response's status, headers, content type and body.
#include "contract/conformance.hpp"
#include "util/ascii.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <utility>

#include "contract/parse.hpp"

namespace apictl::contract {

namespace {

using Json = nlohmann::ordered_json;

// Enough to show what is wrong with a body without flooding the log when every item of a long list is.
constexpr std::size_t max_violations_per_value = 10;

constexpr std::array<ConformanceRule, 18> rules = {{
    {"path-undocumented", "no path of the contract matches the request path"},
    {"method-undocumented", "the path is documented, but not for the request's method"},
    {"request-parameter-missing", "a required path, query, header or cookie parameter is absent"},
    {"request-parameter-schema", "a parameter's value, read as its schema and style say, breaks its schema"},
    {"request-body-missing", "the request body is required but the request has none"},
    {"request-body-undocumented", "the request has a body but the operation documents no request body"},
    {"request-content-type-undocumented", "the request's Content-Type is not documented for its body"},
    {"request-body-invalid-json", "the request body is declared as JSON but does not parse"},
    {"request-body-schema", "the request body breaks its schema (readOnly properties are not required)"},
    {"response-status-undocumented", "the status code is documented neither exactly, nor by range, nor by default"},
    {"response-header-missing", "a header the response documents as required is absent"},
    {"response-header-schema", "a documented response header's value breaks its schema"},
    {"response-body-undocumented", "the response has a body but the contract documents no content for it"},
    {"response-body-missing", "the contract documents content for the response but it has no body"},
    {"response-content-type-undocumented", "the response's Content-Type is not documented for its status"},
    {"response-body-invalid-json", "the response body is declared as JSON but does not parse"},
    {"response-body-schema", "the response body breaks its schema (writeOnly properties are not required)"},
    {"schema-uncheckable", "a schema cannot be compiled for validation, or a value nests too deeply to check"},
}};

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> out;
  while (true) {
    auto at = text.find(separator);
    out.emplace_back(text.substr(0, at));
    if (at == std::string_view::npos) break;
    text.remove_prefix(at + 1);
  }
  return out;
}

// application/x-www-form-urlencoded decoding: '+' is a space, then %XX escapes.
std::string form_decode(std::string_view text) {
  std::string plus(text);
  std::ranges::replace(plus, '+', ' ');
  return percent_decode(plus);
}

struct NameValue {
  std::string name;
  std::string value;
};

std::vector<NameValue> parse_form(std::string_view text) {
  std::vector<NameValue> out;
  if (text.empty()) return out;
  for (const std::string& pair : split(text, '&')) {
    if (pair.empty()) continue;
    auto equals = pair.find('=');
    out.push_back(
        {form_decode(std::string_view(pair).substr(0, equals)),
         equals == std::string::npos ? std::string() : form_decode(std::string_view(pair).substr(equals + 1))});
  }
  return out;
}

std::vector<NameValue> parse_cookies(std::string_view header) {
  std::vector<NameValue> out;
  for (const std::string& pair : split(header, ';')) {
    auto equals = pair.find('=');
    if (equals == std::string::npos) continue;
    out.push_back(
        {trim_blanks(std::string_view(pair).substr(0, equals)), percent_decode(trim_blanks(pair.substr(equals + 1)))});
  }
  return out;
}

std::string comma_list(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// The keys of a `content` or `responses` map, for messages; extensions (x-...) are not documented values.
std::vector<std::string> keys_of(NodeRef map) {
  std::vector<std::string> out;
  for (auto member : map.members()) {
    if (!member.key.starts_with("x-")) out.emplace_back(member.key);
  }
  return out;
}

// The text with every byte that is not part of a well-formed UTF-8 sequence replaced by U+FFFD: requests may
// carry any bytes, and the JSON log (nlohmann refuses to write invalid UTF-8) must still be written.
std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = byte < 0x80           ? 1
                         : (byte >> 5) == 0x6  ? 2
                         : (byte >> 4) == 0xE  ? 3
                         : (byte >> 3) == 0x1E ? 4
                                               : 0;
    bool valid = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k) valid = (static_cast<unsigned char>(text[i + k]) >> 6) == 0x2;
    if (valid && length > 1) {
      // Overlong forms, surrogates and code points beyond U+10FFFF are not UTF-8 either.
      auto second = static_cast<unsigned char>(text[i + 1]);
      valid = !(length == 2 && byte < 0xC2) && !(length == 3 && byte == 0xE0 && second < 0xA0) &&
              !(length == 3 && byte == 0xED && second >= 0xA0) && !(length == 4 && byte == 0xF0 && second < 0x90) &&
              !(length == 4 && (byte > 0xF4 || (byte == 0xF4 && second >= 0x90)));
    }
    if (!valid) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

std::string shorten(std::string_view text, std::size_t limit = 60) {
  if (text.size() <= limit) return std::string(text);
  return std::string(text.substr(0, limit - 3)) + "...";
}

// "/items/0/id" with the indexes of arrays as '*', walking the value the pointer leads through.
std::string pointer_shape(NodeRef root, std::string_view pointer) {
  if (pointer.empty()) return {};
  std::string out;
  NodeRef node = root;
  for (const std::string& escaped : split(pointer.substr(1), '/')) {
    if (node.is_sequence()) {
      std::size_t index = 0;
      std::from_chars(escaped.data(), escaped.data() + escaped.size(), index);
      out += "/*";
      node = node.at(index);
      continue;
    }
    out += "/" + escaped;
    std::string token;
    for (std::size_t i = 0; i < escaped.size(); ++i) {
      if (escaped[i] == '~' && i + 1 < escaped.size()) {
        token += escaped[++i] == '1' ? '/' : '~';
      } else {
        token += escaped[i];
      }
    }
    node = node.get(token);
  }
  return out;
}

// ---- parameters: from text to the JSON value their schema describes ----

// The JSON types a schema allows, looking through $refs and allOf; a missing `type` is guessed from
// `properties` / `items`; empty when the schema does not say.
std::vector<std::string> schema_types(Workspace& workspace, const SpecInfo& spec, NodeRef schema) {
  std::vector<std::string> types;
  auto resolved = workspace.deref(schema);
  if (!resolved) return types;
  for (NodeRef part : composed_schemas(workspace, spec, *resolved, Composition::all_of).schemas) {
    NodeRef type = part["type"];
    if (type.is_string()) types.emplace_back(type.text());
    for (auto item : type.members()) {
      if (item.value.is_string()) types.emplace_back(item.value.text());
    }
    if (!types.empty()) {
      if (spec.version == OasVersion::v3_0 && part["nullable"].as_bool()) types.emplace_back("null");
      return types;
    }
  }
  for (NodeRef part : composed_schemas(workspace, spec, *resolved, Composition::all_of).schemas) {
    if (part["properties"] || part["additionalProperties"]) return {"object"};
    if (part["items"]) return {"array"};
  }
  return types;
}

bool has(const std::vector<std::string>& types, std::string_view type) {
  return std::ranges::find(types, type) != types.end();
}

// A parameter's text as the scalar its schema asks for. A text that is not what the schema wants stays a
// string (or becomes the number or boolean it looks like), so the validator's message says what was found.
Json scalar_value(const std::vector<std::string>& types, const std::string& text) {
  if (types.empty() || has(types, "string")) return text;
  std::int64_t integer = 0;
  if (auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), integer);
      error == std::errc{} && end == text.data() + text.size() && !text.empty()) {
    return integer;
  }
  double number = 0;
  if (auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
      error == std::errc{} && end == text.data() + text.size() && !text.empty() && std::isfinite(number)) {
    return number;
  }
  if (text == "true") return true;
  if (text == "false") return false;
  if (text == "null" && has(types, "null")) return nullptr;
  return text;
}

// The schema of property `name` of an object schema (through allOf), or of its additionalProperties.
NodeRef property_schema(Workspace& workspace, const SpecInfo& spec, NodeRef schema, std::string_view name) {
  auto resolved = workspace.deref(schema);
  if (!resolved) return {};
  auto parts = composed_schemas(workspace, spec, *resolved, Composition::all_of).schemas;
  for (NodeRef part : parts) {
    if (NodeRef property = part["properties"][name]) return property;
  }
  for (NodeRef part : parts) {
    if (part["additionalProperties"].is_mapping()) return part["additionalProperties"];
  }
  return {};
}

NodeRef items_schema(Workspace& workspace, const SpecInfo& spec, NodeRef schema) {
  auto resolved = workspace.deref(schema);
  if (!resolved) return {};
  for (NodeRef part : composed_schemas(workspace, spec, *resolved, Composition::all_of).schemas) {
    if (part["items"]) return part["items"];
  }
  return {};
}

std::vector<std::string> property_names(Workspace& workspace, const SpecInfo& spec, NodeRef schema) {
  std::vector<std::string> names;
  auto resolved = workspace.deref(schema);
  if (!resolved) return names;
  for (NodeRef part : composed_schemas(workspace, spec, *resolved, Composition::all_of).schemas) {
    for (auto member : part["properties"].members()) names.emplace_back(member.key);
  }
  return names;
}

// How a parameter is serialised (OpenAPI's style values, with their defaults per location).
struct Serialisation {
  std::string style;
  bool explode = false;
};

Serialisation serialisation_of(NodeRef parameter, std::string_view in) {
  Serialisation out;
  out.style = parameter["style"].is_string()      ? std::string(parameter["style"].text())
              : (in == "query" || in == "cookie") ? "form"
                                                  : "simple";
  out.explode = parameter["explode"].is_bool() ? parameter["explode"].as_bool() : out.style == "form";
  return out;
}

// Splits a serialised array or object value into its pieces, as the style writes them.
std::vector<std::string> pieces(const Serialisation& how, std::string_view text, std::string_view name) {
  if (how.style == "label") {
    if (text.starts_with('.')) text.remove_prefix(1);
    return split(text, how.explode ? '.' : ',');
  }
  if (how.style == "matrix") {
    // ";id=3,4,5" or, exploded, ";id=3;id=4;id=5"
    std::vector<std::string> out;
    if (text.starts_with(';')) text.remove_prefix(1);
    for (const std::string& part : split(text, ';')) {
      std::string_view value = part;
      std::string prefix = std::string(name) + "=";
      if (value.starts_with(prefix)) value.remove_prefix(prefix.size());
      for (std::string& piece : split(value, how.explode ? ';' : ',')) out.push_back(std::move(piece));
    }
    return out;
  }
  if (how.style == "spaceDelimited") return split(text, ' ');
  if (how.style == "pipeDelimited") return split(text, '|');
  return split(text, ',');
}

}  // namespace

// ---- Violation ----

std::string Violation::key() const {
  std::string out = rule + '\x1f' + operation + '\x1f' + where + '\x1f' + pointer_shape + '\x1f' + detail;
  if (schema) out += '\x1f' + schema->keyword + '\x1f' + schema->schema.file + '#' + schema->schema.pointer;
  return out;
}

std::string Violation::text() const {
  std::string out = operation + ": " + where;
  if (!pointer.empty()) out += " " + pointer;
  out += ": " + message + " [" + rule;
  if (schema) {
    out += "; " + schema->keyword + (schema->keyword.empty() ? "" : " at ") + schema->schema.file + ":" +
           std::to_string(schema->schema.line) + ":" + std::to_string(schema->schema.column);
  }
  return out + "]";
}

nlohmann::ordered_json Violation::to_json() const {
  Json out;
  out["rule"] = rule;
  out["operation"] = operation;
  out["operationId"] = operation_id.empty() ? Json(nullptr) : Json(operation_id);
  out["where"] = where;
  out["pointer"] = pointer;
  out["message"] = message;
  if (schema) {
    out["schema"] = Json{{"keyword", schema->keyword},
                         {"pointer", schema->schema.pointer},
                         {"file", schema->schema.file},
                         {"line", schema->schema.line},
                         {"column", schema->schema.column}};
  } else {
    out["schema"] = nullptr;
  }
  out["request"] = Json{{"method", method}, {"target", target}};
  out["status"] = status;
  return out;
}

std::span<const ConformanceRule> conformance_rules() { return rules; }

bool is_json_media_type(std::string_view media_type) {
  return media_type == "application/json" || media_type == "text/json" || media_type.ends_with("+json");
}

NodeRef documented_media_type(NodeRef content, std::string_view media_type) {
  std::string wanted = ascii_lower(media_type);
  std::string range = wanted.substr(0, wanted.find('/')) + "/*";
  NodeRef by_range;
  NodeRef any;
  for (auto [key, value] : content.members()) {
    std::string documented = http::media_type(key);
    if (documented == wanted) return value;
    if (documented == range && !by_range) by_range = value;
    if (documented == "*/*" && !any) any = value;
  }
  return by_range ? by_range : any;
}

NodeRef documented_response(NodeRef responses, int status) {
  if (NodeRef exact = responses[std::to_string(status)]) return exact;
  if (status >= 100 && status <= 599) {
    std::string range = std::to_string(status / 100) + "XX";
    if (NodeRef found = responses[range]) return found;
    if (NodeRef found = responses[ascii_lower(range)]) return found;
  }
  return responses["default"];
}

// ---- the checks of one exchange ----

class ContractChecker::Run {
 public:
  Run(const ContractChecker& checker, const http::Exchange& exchange, std::vector<Violation>& out)
      : checker_(checker), workspace_(*checker.workspace_), spec_(checker.spec_), exchange_(exchange), out_(out) {}

  void check() {
    const http::Request& request = exchange_.request;
    auto match = checker_.table_.match(request.method, request.path());
    if (!match) {
      bool preflight = http::iequals(request.method, "OPTIONS") &&
                       http::find_header(request.headers, "Access-Control-Request-Method").has_value();
      if (preflight) return;
      if (match.error().failure == MatchFailure::no_path) {
        add("path-undocumented", request.method + " " + std::string(request.path()), "", "request path",
            "no path of the contract matches " + std::string(request.path()));
      } else {
        add("method-undocumented", request.method + " " + match.error().path, "", "request method",
            match.error().message());
      }
      return;
    }
    match_ = &*match;
    operation_ = match->operation->name();
    operation_id_ = match->operation->operation_id;
    check_parameters();
    check_request_body();
    check_response();
  }

 private:
  Violation& add(std::string rule, std::string operation, std::string operation_id, std::string where,
                 std::string message) {
    Violation violation;
    violation.rule = std::move(rule);
    violation.operation = valid_utf8(operation);
    violation.operation_id = std::move(operation_id);
    violation.where = valid_utf8(where);
    violation.message = valid_utf8(message);
    violation.method = valid_utf8(exchange_.request.method);
    violation.target = valid_utf8(exchange_.request.target);
    violation.status = exchange_.response.status;
    out_.push_back(std::move(violation));
    return out_.back();
  }

  Violation& add(std::string rule, std::string where, std::string message) {
    return add(std::move(rule), operation_, operation_id_, std::move(where), std::move(message));
  }

  // Checks `value` (the root of a parsed body or a coerced parameter) against `schema`; `rule` names violations.
  void validate(NodeRef schema, Direction direction, NodeRef value, const std::string& rule, const std::string& where,
                const std::string& shown_value = {}) {
    auto found = checker_.validator_->check(schema, direction, value, max_violations_per_value);
    if (!found) {
      Violation& violation = add("schema-uncheckable", where, found.error().message);
      NodeRef blame = workspace_.deref(schema).value_or(schema);
      violation.schema = Violation::SchemaRule{"", blame.position()};
      return;
    }
    for (const ExampleViolation& problem : *found) {
      std::string message = problem.problem;
      if (!shown_value.empty() && problem.pointer.empty()) message += " (value '" + shorten(shown_value) + "')";
      Violation& violation = add(rule, where, std::move(message));
      violation.pointer = problem.pointer;
      violation.pointer_shape = pointer_shape(value, problem.pointer);
      if (problem.keyword == "required") {
        auto open = problem.problem.find('\'');
        auto close = problem.problem.rfind('\'');
        if (open != std::string::npos && close > open) {
          violation.detail = problem.problem.substr(open + 1, close - open - 1);
        }
      }
      if (problem.schema) {
        violation.schema = Violation::SchemaRule{problem.keyword, problem.schema.position()};
      } else if (!problem.keyword.empty()) {
        violation.schema = Violation::SchemaRule{problem.keyword, workspace_.deref(schema).value_or(schema).position()};
      }
    }
  }

  // Checks a JSON value built by the checker (a coerced parameter or header).
  void validate_json(NodeRef schema, Direction direction, const Json& value, const std::string& rule,
                     const std::string& where, const std::string& shown_value) {
    auto document = parse_json(where, value.dump(-1, ' ', false, Json::error_handler_t::replace));
    if (!document) return;  // cannot happen: nlohmann writes valid JSON
    validate(schema, direction, (*document)->root(), rule, where, shown_value);
  }

  // ---- parameters ----

  void check_parameters() {
    // Operation parameters override path-level ones with the same name and location.
    std::vector<NodeRef> parameters;
    auto collect = [&](NodeRef list) {
      for (auto item : list.members()) {
        auto parameter = workspace_.deref(item.value);
        if (!parameter || !parameter->is_mapping() || !(*parameter)["name"].is_string()) continue;
        auto same = std::ranges::find_if(parameters, [&](NodeRef earlier) {
          return earlier["name"].text() == (*parameter)["name"].text() &&
                 earlier["in"].text() == (*parameter)["in"].text();
        });
        if (same != parameters.end()) {
          *same = *parameter;
        } else {
          parameters.push_back(*parameter);
        }
      }
    };
    collect(match_->operation->path_item["parameters"]);
    collect(match_->operation->operation["parameters"]);
    query_ = parse_form(exchange_.request.query());
    if (auto cookie = http::find_header(exchange_.request.headers, "Cookie")) cookies_ = parse_cookies(*cookie);
    for (NodeRef parameter : parameters) check_parameter(parameter);
  }

  void check_parameter(NodeRef parameter) {
    std::string name(parameter["name"].text());
    std::string in(parameter["in"].text());
    if (in == "header" && (http::iequals(name, "Accept") || http::iequals(name, "Content-Type") ||
                           http::iequals(name, "Authorization"))) {
      return;  // OpenAPI: such header parameters are ignored (content negotiation and security describe them)
    }
    std::string where = in + " parameter '" + name + "'";
    bool required = in == "path" || parameter["required"].as_bool();
    NodeRef schema = parameter["schema"];
    NodeRef content;
    if (!schema && parameter["content"].size() > 0) {
      content = parameter["content"].at(0);
      schema = content["schema"];
    }
    std::vector<std::string> types = schema_types(workspace_, spec_, schema);
    Serialisation how = serialisation_of(parameter, in);
    bool object = has(types, "object") && !has(types, "string");
    bool array = has(types, "array") && !has(types, "string");

    // The raw values the request carries for it.
    std::vector<std::string> values;
    Json exploded_object = Json::object();  // form/explode and deepObject objects spread over several names
    if (in == "path") {
      if (auto value = match_->parameter(name)) values.emplace_back(*value);
    } else if (in == "query") {
      for (const NameValue& pair : query_) {
        if (pair.name == name) values.push_back(pair.value);
        if (object && how.style == "deepObject" && pair.name.starts_with(name + "[") && pair.name.ends_with(']')) {
          std::string property = pair.name.substr(name.size() + 1, pair.name.size() - name.size() - 2);
          exploded_object[property] = scalar_value(
              schema_types(workspace_, spec_, property_schema(workspace_, spec_, schema, property)), pair.value);
        }
      }
      if (object && how.style == "form" && how.explode && !content) {
        for (const std::string& property : property_names(workspace_, spec_, schema)) {
          for (const NameValue& pair : query_) {
            if (pair.name != property) continue;
            exploded_object[property] = scalar_value(
                schema_types(workspace_, spec_, property_schema(workspace_, spec_, schema, property)), pair.value);
            break;
          }
        }
      }
    } else if (in == "header") {
      for (const http::Header& header : exchange_.request.headers) {
        if (http::iequals(header.name, name)) values.push_back(header.value);
      }
    } else if (in == "cookie") {
      for (const NameValue& pair : cookies_) {
        if (pair.name == name) values.push_back(pair.value);
      }
    } else {
      return;  // an unknown location: lint reports it
    }
    bool spread = object && !content && ((how.style == "form" && how.explode) || how.style == "deepObject");
    bool present = spread ? !exploded_object.empty() : !values.empty();
    if (!present) {
      if (required) add("request-parameter-missing", where, "required " + where + " is missing");
      return;
    }
    if (!schema) return;
    Json value;
    std::string shown = values.empty() ? std::string() : values.front();
    if (content) {
      auto document = parse_json(where, values.front());
      if (!document) {
        add("request-parameter-schema", where, "is not valid JSON: " + document.error().message);
        return;
      }
      validate(schema, Direction::request, (*document)->root(), "request-parameter-schema", where);
      return;
    }
    if (spread) {
      value = std::move(exploded_object);
    } else if (array && (in == "query" || in == "cookie") && how.style == "form" && how.explode) {
      // form/explode repeats the name (?id=1&id=2); the other styles put every item in one value.
      std::vector<std::string> item_types = schema_types(workspace_, spec_, items_schema(workspace_, spec_, schema));
      value = Json::array();
      for (const std::string& text : values) value.push_back(scalar_value(item_types, text));
    } else {
      value = value_of(schema, types, how, values.front(), name);
    }
    validate_json(schema, Direction::request, value, "request-parameter-schema", where, shown);
  }

  // One serialised value (a path segment, a header, a form/explode=false query value) as the JSON value its
  // schema describes: arrays and objects split as the style writes them, scalars coerced.
  Json value_of(NodeRef schema, const std::vector<std::string>& types, const Serialisation& how, std::string text,
                const std::string& name) {
    bool object = has(types, "object") && !has(types, "string");
    bool array = has(types, "array") && !has(types, "string");
    if (array) {
      std::vector<std::string> item_types = schema_types(workspace_, spec_, items_schema(workspace_, spec_, schema));
      Json out = Json::array();
      for (const std::string& piece : pieces(how, text, name))
        out.push_back(scalar_value(item_types, trim_blanks(piece)));
      return out;
    }
    if (object) {
      std::vector<std::string> parts = pieces(how, text, name);
      Json out = Json::object();
      auto property_types = [&](const std::string& property) {
        return schema_types(workspace_, spec_, property_schema(workspace_, spec_, schema, property));
      };
      if (how.explode && how.style != "form") {  // simple/label/matrix explode: "R=100,G=200"
        for (const std::string& part : parts) {
          auto equals = part.find('=');
          std::string property = trim_blanks(std::string_view(part).substr(0, equals));
          std::string value = equals == std::string::npos ? std::string() : trim_blanks(part.substr(equals + 1));
          out[property] = scalar_value(property_types(property), value);
        }
      } else {  // "R,100,G,200"
        for (std::size_t i = 0; i + 1 < parts.size(); i += 2) {
          std::string property = trim_blanks(parts[i]);
          out[property] = scalar_value(property_types(property), trim_blanks(parts[i + 1]));
        }
      }
      return out;
    }
    if (how.style == "label" && text.starts_with('.')) text.erase(0, 1);
    if (how.style == "matrix" && text.starts_with(";" + name + "=")) text.erase(0, name.size() + 2);
    return scalar_value(types, text);
  }

  // ---- request body ----

  void check_request_body() {
    const http::Request& request = exchange_.request;
    NodeRef body = workspace_.deref(match_->operation->operation["requestBody"]).value_or(NodeRef{});
    if (request.body.empty()) {
      if (body["required"].as_bool())
        add("request-body-missing", "request body", "the request body is required but the request has none");
      return;
    }
    NodeRef content = body["content"];
    if (!body || content.size() == 0) {
      if (!body) {
        add("request-body-undocumented", "request body",
            "the operation documents no request body, but the request has " + std::to_string(request.body.size()) +
                " bytes");
      }
      return;
    }
    auto content_type = http::find_header(request.headers, "Content-Type");
    if (!content_type) {
      add("request-content-type-undocumented", "request body",
          "the request has a body but no Content-Type header (documented: " + comma_list(keys_of(content)) + ")");
      return;
    }
    std::string type = http::media_type(*content_type);
    NodeRef media = documented_media_type(content, type);
    if (!media) {
      add("request-content-type-undocumented", "request body",
          "content type " + type + " is not documented (documented: " + comma_list(keys_of(content)) + ")");
      return;
    }
    NodeRef schema = media["schema"];
    if (!schema) return;
    if (is_json_media_type(type)) {
      check_json_body(schema, Direction::request, request.body, "request-body", "request body");
    } else if (type == "application/x-www-form-urlencoded") {
      check_form_body(schema, request.body);
    }
  }

  // A form body is an object whose properties are form fields, coerced as exploded form parameters.
  void check_form_body(NodeRef schema, const std::string& text) {
    Json value = Json::object();
    for (const NameValue& pair : parse_form(text)) {
      NodeRef property = property_schema(workspace_, spec_, schema, pair.name);
      std::vector<std::string> types = schema_types(workspace_, spec_, property);
      if (has(types, "array") && !has(types, "string")) {
        if (!value.contains(pair.name)) value[pair.name] = Json::array();
        value[pair.name].push_back(
            scalar_value(schema_types(workspace_, spec_, items_schema(workspace_, spec_, property)), pair.value));
      } else if (!value.contains(pair.name)) {
        value[pair.name] = scalar_value(types, pair.value);
      }
    }
    validate_json(schema, Direction::request, value, "request-body-schema", "request body", "");
  }

  // Parses a JSON body and checks it; `prefix` is "request-body" or "response-body".
  void check_json_body(NodeRef schema, Direction direction, const std::string& text, const std::string& prefix,
                       const std::string& where) {
    auto document = parse_json(where, text);
    if (!document) {
      const Diagnostic& error = document.error();
      std::string at = error.where.line ? " at line " + std::to_string(error.where.line) + " column " +
                                              std::to_string(error.where.column)
                                        : "";
      add(prefix + "-invalid-json", where, error.message + at);
      return;
    }
    validate(schema, direction, (*document)->root(), prefix + "-schema", where);
  }

  // ---- response ----

  void check_response() {
    const http::Response& response = exchange_.response;
    NodeRef responses = match_->operation->operation["responses"];
    NodeRef written = documented_response(responses, response.status);
    if (!written) {
      add("response-status-undocumented", "response " + std::to_string(response.status),
          "status " + std::to_string(response.status) +
              " is not documented (documented: " + comma_list(keys_of(responses)) + ")");
      return;
    }
    auto documented = workspace_.deref(written);
    if (!documented || !documented->is_mapping()) return;
    std::string where = "response " + std::to_string(response.status);
    check_response_headers(*documented, where);
    bool head = match_->head_as_get || http::iequals(exchange_.request.method, "HEAD");
    if (head || response.status == 204 || response.status == 304 || response.status < 200) return;
    check_response_body(*documented, where);
  }

  void check_response_headers(NodeRef documented, const std::string& where) {
    for (auto [name, written] : documented["headers"].members()) {
      if (http::iequals(name, "Content-Type")) continue;  // OpenAPI: described by `content`, ignored here
      auto header = workspace_.deref(written);
      if (!header || !header->is_mapping()) continue;
      std::string header_where = where + " header '" + std::string(name) + "'";
      auto value = http::find_header(exchange_.response.headers, name);
      if (!value) {
        if ((*header)["required"].as_bool()) {
          add("response-header-missing", header_where, "required header '" + std::string(name) + "' is missing");
        }
        continue;
      }
      NodeRef schema = (*header)["schema"];
      if (!schema && (*header)["content"].size() > 0) {
        auto document = parse_json(header_where, std::string(*value));
        if (!document) {
          add("response-header-schema", header_where, "is not valid JSON: " + document.error().message);
        } else {
          validate((*header)["content"].at(0)["schema"], Direction::response, (*document)->root(),
                   "response-header-schema", header_where);
        }
        continue;
      }
      if (!schema) continue;
      std::vector<std::string> types = schema_types(workspace_, spec_, schema);
      Serialisation how{"simple", (*header)["explode"].as_bool()};
      Json coerced = value_of(schema, types, how, trim_blanks(*value), std::string(name));
      validate_json(schema, Direction::response, coerced, "response-header-schema", header_where, std::string(*value));
    }
  }

  void check_response_body(NodeRef documented, const std::string& where) {
    const http::Response& response = exchange_.response;
    NodeRef content = documented["content"];
    std::string body_where = where + " body";
    if (response.body.empty()) {
      if (content.size() > 0 && response.body_complete) {
        add("response-body-missing", body_where,
            "the contract documents content (" + comma_list(keys_of(content)) + ") but the response has no body");
      }
      return;
    }
    if (content.size() == 0) {
      add("response-body-undocumented", body_where,
          "the contract documents no content for " + where + ", but the response has a body");
      return;
    }
    auto content_type = http::find_header(response.headers, "Content-Type");
    if (!content_type) {
      add("response-content-type-undocumented", body_where,
          "the response has a body but no Content-Type header (documented: " + comma_list(keys_of(content)) + ")");
      return;
    }
    std::string type = http::media_type(*content_type);
    NodeRef media = documented_media_type(content, type);
    if (!media) {
      add("response-content-type-undocumented", body_where,
          "content type " + type + " is not documented for " + where + " (documented: " + comma_list(keys_of(content)) +
              ")");
      return;
    }
    if (!response.body_complete || !is_json_media_type(type)) return;
    NodeRef schema = media["schema"];
    if (!schema) return;
    check_json_body(schema, Direction::response, response.body, "response-body", body_where);
  }

  const ContractChecker& checker_;
  Workspace& workspace_;
  const SpecInfo& spec_;
  const http::Exchange& exchange_;
  std::vector<Violation>& out_;
  const OperationMatch* match_ = nullptr;
  std::string operation_;
  std::string operation_id_;
  std::vector<NameValue> query_;
  std::vector<NameValue> cookies_;
};

ContractChecker::ContractChecker(std::shared_ptr<Workspace> workspace, SpecInfo spec)
    : workspace_(std::move(workspace)),
      spec_(spec),
      table_(*workspace_, spec_),
      validator_(std::make_unique<SchemaValidator>(*workspace_, spec_)) {}

ContractChecker::~ContractChecker() = default;

Result<std::unique_ptr<ContractChecker>> ContractChecker::create(std::shared_ptr<Workspace> workspace) {
  auto spec = detect_version(workspace->root());
  if (!spec) return std::unexpected(std::move(spec.error()));
  if (spec->version == OasVersion::swagger_2_0) {
    return fail("unsupported-version", "contract checking reads OpenAPI 3.x documents, and this one is Swagger 2.0",
                spec->version_node.position(), "convert the contract to OpenAPI 3 (for example with swagger2openapi)");
  }
  return std::unique_ptr<ContractChecker>(new ContractChecker(std::move(workspace), *spec));
}

std::vector<Violation> ContractChecker::check(const http::Exchange& exchange) const {
  std::vector<Violation> out;
  Run(*this, exchange, out).check();
  return out;
}

}  // namespace apictl::contract
