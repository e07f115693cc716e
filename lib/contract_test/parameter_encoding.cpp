// Parameter serialisation (OpenAPI 3 "Style Values"), the inverse of what contract::ContractChecker reads back.
#include "contract_test/parameter_encoding.hpp"

#include <algorithm>

#include "contract/conformance.hpp"
#include "http/message.hpp"
#include "util/percent_encoding.hpp"

namespace apictl::contract_test {

namespace {

using Json = nlohmann::ordered_json;

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? std::string(separator) : "") + parts[i];
  return out;
}

std::string value_text(const ParameterSpec& parameter, const Json& value) {
  if (parameter.json_content) return value.dump(-1, ' ', false, Json::error_handler_t::replace);
  return scalar_text(value);
}

// The pieces of an array or object value, each encoded with `encode`: items, or for objects "key,value" pairs
// ("key=value" when exploded).
template <typename Encode>
std::vector<std::string> pieces(const Json& value, bool explode, Encode encode) {
  std::vector<std::string> out;
  if (value.is_array()) {
    for (const Json& item : value) out.push_back(encode(scalar_text(item)));
  } else if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      if (explode) {
        out.push_back(encode(key) + "=" + encode(scalar_text(item)));
      } else {
        out.push_back(encode(key));
        out.push_back(encode(scalar_text(item)));
      }
    }
  }
  return out;
}

// Header values may not carry CR, LF or other control characters; generated values never do, examples might.
std::string header_safe(std::string text) {
  std::ranges::replace_if(
      text, [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }, ' ');
  return text;
}

}  // namespace

std::vector<ParameterSpec> operation_parameters(contract::Workspace& workspace, contract::NodeRef path_item,
                                                contract::NodeRef operation) {
  std::vector<ParameterSpec> out;
  auto collect = [&](contract::NodeRef list) {
    for (auto member : list.members()) {
      auto resolved = workspace.deref(member.value);
      if (!resolved || !resolved->is_mapping() || !(*resolved)["name"].is_string()) continue;
      ParameterSpec spec;
      spec.definition = *resolved;
      spec.name = std::string((*resolved)["name"].text());
      spec.in = std::string((*resolved)["in"].text());
      if (spec.in != "path" && spec.in != "query" && spec.in != "header" && spec.in != "cookie") continue;
      if (spec.in == "header" && (http::iequals(spec.name, "Accept") || http::iequals(spec.name, "Content-Type") ||
                                  http::iequals(spec.name, "Authorization"))) {
        continue;
      }
      bool query_like = spec.in == "query" || spec.in == "cookie";
      spec.style = (*resolved)["style"].is_string() ? std::string((*resolved)["style"].text())
                   : query_like                     ? "form"
                                                    : "simple";
      spec.explode = (*resolved)["explode"].is_bool() ? (*resolved)["explode"].as_bool() : spec.style == "form";
      spec.required = spec.in == "path" || (*resolved)["required"].as_bool();
      spec.schema = (*resolved)["schema"];
      if (!spec.schema && (*resolved)["content"].size() > 0) {
        spec.schema = (*resolved)["content"].at(0)["schema"];
        spec.json_content = true;
      }
      auto same =
          std::ranges::find_if(out, [&](const ParameterSpec& p) { return p.name == spec.name && p.in == spec.in; });
      if (same != out.end()) {
        *same = std::move(spec);
      } else {
        out.push_back(std::move(spec));
      }
    }
  };
  collect(path_item["parameters"]);
  collect(operation["parameters"]);
  return out;
}

std::string percent_encode(std::string_view text) { return percent_encoded(text); }

std::string scalar_text(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string encode_path_parameter(const ParameterSpec& parameter, const Json& value) {
  if (parameter.json_content || !value.is_structured()) {
    std::string text = percent_encode(value_text(parameter, value));
    if (parameter.style == "label") return "." + text;
    if (parameter.style == "matrix") return ";" + percent_encode(parameter.name) + "=" + text;
    return text;
  }
  auto items = pieces(value, parameter.explode, percent_encode);
  if (parameter.style == "label") return "." + join(items, parameter.explode ? "." : ",");
  if (parameter.style == "matrix") {
    std::string prefix = ";" + percent_encode(parameter.name) + "=";
    if (parameter.explode && value.is_array()) {
      std::string out;
      for (const std::string& item : items) out += prefix + item;
      return out;
    }
    if (parameter.explode) return ";" + join(items, ";");
    return prefix + join(items, ",");
  }
  return join(items, ",");
}

std::vector<std::string> encode_query_parameter(const ParameterSpec& parameter, const Json& value) {
  std::string name = percent_encode(parameter.name);
  if (parameter.json_content || !value.is_structured()) {
    return {name + "=" + percent_encode(value_text(parameter, value))};
  }
  if (parameter.style == "deepObject" && value.is_object()) {
    std::vector<std::string> out;
    for (const auto& [key, item] : value.items()) {
      out.push_back(name + "[" + percent_encode(key) + "]=" + percent_encode(scalar_text(item)));
    }
    return out;
  }
  if (parameter.style == "form" && parameter.explode) {
    std::vector<std::string> out;
    if (value.is_array()) {
      for (const Json& item : value) out.push_back(name + "=" + percent_encode(scalar_text(item)));
    } else {
      for (const auto& [key, item] : value.items()) {
        out.push_back(percent_encode(key) + "=" + percent_encode(scalar_text(item)));
      }
    }
    return out;
  }
  std::string_view separator = parameter.style == "spaceDelimited"  ? "%20"
                               : parameter.style == "pipeDelimited" ? "%7C"
                                                                    : ",";
  return {name + "=" + join(pieces(value, false, percent_encode), separator)};
}

std::string encode_header_parameter(const ParameterSpec& parameter, const Json& value) {
  auto keep = [](std::string text) { return text; };
  std::string text = parameter.json_content || !value.is_structured()
                         ? value_text(parameter, value)
                         : join(pieces(value, parameter.explode, keep), ",");
  if (parameter.in == "cookie") return percent_encode(parameter.name) + "=" + percent_encode(text);
  return header_safe(std::move(text));
}

std::optional<std::string> encode_body(std::string_view media_type, const Json& value) {
  std::string type = http::media_type(media_type);
  if (contract::is_json_media_type(type)) return value.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (type == "application/x-www-form-urlencoded" && value.is_object()) {
    std::vector<std::string> pairs;
    for (const auto& [key, item] : value.items()) {
      if (item.is_array()) {
        for (const Json& each : item) pairs.push_back(percent_encode(key) + "=" + percent_encode(scalar_text(each)));
      } else {
        pairs.push_back(percent_encode(key) + "=" + percent_encode(scalar_text(item)));
      }
    }
    return join(pairs, "&");
  }
  if (value.is_string()) return value.get<std::string>();
  return std::nullopt;
}

}  // namespace apictl::contract_test
