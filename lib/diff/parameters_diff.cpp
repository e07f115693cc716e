// Parameters (path, query, header, cookie): added, removed, required, serialization style, and their schemas.
#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include "diff/families.hpp"
#include "diff/lifecycle.hpp"
#include "diff/schema_diff.hpp"

namespace apictl::diff {

using contract::NodeRef;

namespace {

std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }

struct Parameter {
  NodeRef node;  // after following its $ref
  std::string_view location;
  std::string_view name;
  bool path_level = false;  // declared on the Path Item, so every operation under the path has it
};

// Header names are case-insensitive; path parameters are matched by their place in the template, since
// /pets/{id} and /pets/{petId} are the same endpoint.
std::string match_key(std::string_view location, std::string_view name, std::string_view path) {
  std::string key(location);
  key += ':';
  if (location == "header") {
    for (char c : name) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  } else if (location == "path") {
    std::string needle = "{" + std::string(name) + "}";
    auto at = path.find(needle);
    if (at == std::string_view::npos) return key + std::string(name);
    key += "#" + std::to_string(std::count(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(at), '{'));
  } else {
    key += name;
  }
  return key;
}

// Path Item parameters, overridden by the operation's own (same name and location), keyed for matching.
std::map<std::string, Parameter> parameters_of(Side& side, const contract::Operation& operation) {
  std::map<std::string, Parameter> out;
  for (NodeRef list : {operation.path_item["parameters"], operation.node["parameters"]}) {
    bool path_level = list == operation.path_item["parameters"];
    for (auto item : list.members()) {
      NodeRef parameter = side.deref(item.value);
      if (!parameter.is_mapping()) continue;
      std::string_view location = parameter["in"].text();
      std::string_view name = parameter["name"].text();
      out[match_key(location, name, operation.path)] = Parameter{parameter, location, name, path_level};
    }
  }
  return out;
}

std::string_view effective_style(const Parameter& parameter) {
  if (NodeRef style = parameter.node["style"]) return style.text();
  return parameter.location == "query" || parameter.location == "cookie" ? "form" : "simple";
}

bool effective_explode(const Parameter& parameter) {
  if (NodeRef explode = parameter.node["explode"]) return explode.as_bool();
  return effective_style(parameter) == "form";
}

// The schema of a parameter. Like oasdiff, `content` parameters' media type schemas are not compared (yet).
NodeRef schema_of(const Parameter& parameter) { return parameter.node["schema"]; }

void diff_parameter_lifecycle(Comparison& comparison, const OperationPair& op, NodeRef before, NodeRef after,
                              const std::string& label, const std::string& subject) {
  NodeRef stability = op.revision.node["x-stability-level"];
  NodeRef sunset = after["x-sunset"];
  switch (judge_deprecation(before, after, stability, comparison.options())) {
    case Deprecation::none:
    case Deprecation::invalid_stability:  // reported once for the operation
      break;
    case Deprecation::deprecated:
    case Deprecation::deprecated_with_sunset:
      comparison.emit("request-parameter-deprecated", op.key, label + " deprecated", subject, before, after);
      break;
    case Deprecation::sunset_missing:
      comparison.emit("request-parameter-deprecated-sunset-missing", op.key,
                      label + " deprecated without x-sunset; the deprecation policy requires one", subject, before,
                      after);
      break;
    case Deprecation::sunset_invalid:
      comparison.emit("request-parameter-sunset-parse", op.key,
                      label + " x-sunset " + in_quotes(sunset.text()) + " is not a date", subject, before, sunset);
      break;
    case Deprecation::sunset_too_small:
      comparison.emit("request-parameter-sunset-date-too-small", op.key,
                      label + " x-sunset " + std::string(sunset.text()) + " is sooner than the policy allows", subject,
                      before, sunset);
      break;
    case Deprecation::reactivated:
      comparison.emit("request-parameter-reactivated", op.key, label + " no longer deprecated", subject, before, after);
      break;
  }
  switch (judge_sunset_change(before, after, stability, comparison.options())) {
    case SunsetChange::none:
      break;
    case SunsetChange::deleted:
      comparison.emit("request-parameter-sunset-deleted", op.key, label + " x-sunset deleted", subject,
                      before["x-sunset"], after);
      break;
    case SunsetChange::invalid:
      comparison.emit("request-parameter-sunset-parse", op.key, label + " x-sunset is not a date", subject,
                      before["x-sunset"], sunset);
      break;
    case SunsetChange::too_small:
      comparison.emit("request-parameter-sunset-date-changed-too-small", op.key,
                      label + " x-sunset moved from " + std::string(before["x-sunset"].text()) + " to " +
                          std::string(sunset.text()) + ", sooner than the policy allows",
                      subject, before["x-sunset"], sunset);
      break;
  }
}

}  // namespace

void diff_parameters(Comparison& comparison, const OperationPair& op) {
  auto before = parameters_of(comparison.base(), op.base);
  auto after = parameters_of(comparison.revision(), op.revision);
  for (const auto& [key, parameter] : before) {
    std::string label = std::string(parameter.location) + " parameter " + in_quotes(parameter.name);
    std::string subject = "parameter " + key;
    auto match = after.find(key);
    if (match == after.end()) {
      std::string_view id = "request-parameter-removed";
      std::string message = label + " removed";
      switch (judge_removal(parameter.node, comparison.options())) {
        case Removal::without_deprecation:
          break;
        case Removal::with_deprecation:
          id = "request-parameter-removed-with-deprecation";
          message += " after its deprecation";
          break;
        case Removal::before_sunset:
          id = "request-parameter-removed-before-sunset";
          message += " before its sunset " + std::string(parameter.node["x-sunset"].text());
          break;
        case Removal::sunset_invalid:
          id = "request-parameter-sunset-parse";
          message += "; its x-sunset is not a date";
          break;
      }
      comparison.emit(id, op.key, message, subject, parameter.node, {});
      continue;
    }
    const Parameter& now = match->second;
    diff_parameter_lifecycle(comparison, op, parameter.node, now.node, label, subject);
    bool required_before = parameter.node["required"].as_bool();
    bool required_after = now.node["required"].as_bool();
    if (required_before != required_after) {
      comparison.emit(required_after ? "request-parameter-became-required" : "request-parameter-became-optional",
                      op.key, label + (required_after ? " became required" : " became optional"), subject,
                      parameter.node["required"], now.node["required"]);
    }
    // A new style brings its own default explode; only an explode change under the same style is reported.
    if (effective_style(parameter) != effective_style(now)) {
      comparison.emit("request-parameter-style-changed", op.key,
                      label + " style changed from " + in_quotes(effective_style(parameter)) + " to " +
                          in_quotes(effective_style(now)),
                      subject, parameter.node, now.node);
    } else if (effective_explode(parameter) != effective_explode(now)) {
      comparison.emit("request-parameter-explode-changed", op.key,
                      label + " explode changed to " + (effective_explode(now) ? "true" : "false"), subject,
                      parameter.node, now.node);
    }
    SchemaScope scope{op.key,
                      parameter.location == "header" ? SchemaSite::header_parameter : SchemaSite::query_parameter,
                      subject, label};
    compare_schemas(comparison, scope, schema_of(parameter), schema_of(now));
  }
  for (const auto& [key, parameter] : after) {
    if (before.contains(key)) continue;
    std::string label = std::string(parameter.location) + " parameter " + in_quotes(parameter.name);
    bool required = parameter.node["required"].as_bool();
    std::string_view id = parameter.location == "path" ? "new-request-path-parameter"
                          : required                   ? "new-required-request-parameter"
                                                       : "new-optional-request-parameter";
    std::string message = label + (required ? " added as required" : " added as optional");
    // Added on the Path Item: a default parameter of every operation under the path.
    if (parameter.path_level && parameter.location != "path") {
      id = required ? "new-required-request-default-parameter-to-existing-path"
                    : "new-optional-request-default-parameter-to-existing-path";
      message += " to every operation of the path";
    }
    comparison.emit(id, op.key, message, "parameter " + key, {}, parameter.node);
  }
}

}  // namespace apictl::diff
