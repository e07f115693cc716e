// Answering requests from the contract alone: operation matching, status and example choice (Prefer), content
// negotiation (Accept), bodies and headers from examples or schema samples.
#include "dev/mock_responder.hpp"
#include "util/ascii.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

#include <nlohmann/json.hpp>

#include "contract/conformance.hpp"
#include "contract/schema_sample.hpp"

namespace apictl::dev {

namespace {

using Json = nlohmann::ordered_json;
using contract::NodeRef;

// JSON text; a string that is not valid UTF-8 (a request's bytes echoed in a message) gets U+FFFD, not an
// exception.
std::string json_text(const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
  return out;
}

// The status a `responses` key stands for: "404" -> 404, "4XX" -> 400; nullopt for "default" and junk.
std::optional<int> status_of(std::string_view key) {
  if (key.size() != 3 || key[0] < '1' || key[0] > '5') return std::nullopt;
  if ((key[1] == 'X' || key[1] == 'x') && (key[2] == 'X' || key[2] == 'x')) return (key[0] - '0') * 100;
  int status = 0;
  auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), status);
  if (error != std::errc{} || end != key.data() + key.size()) return std::nullopt;
  return status;
}

http::Response problem(int status, std::string title, std::string detail, Json extra = Json::object()) {
  Json body{{"title", std::move(title)}, {"status", status}, {"detail", std::move(detail)}};
  for (auto& [key, value] : extra.items()) body[key] = value;
  http::Response response;
  response.status = status;
  response.headers.push_back({"Content-Type", "application/problem+json"});
  response.body = json_text(body);
  return response;
}

// Preferences from every Prefer header ("code=404, example=cat" or with ';'), names lower-cased, quotes dropped.
std::vector<std::pair<std::string, std::string>> preferences(const http::Headers& headers) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const http::Header& header : headers) {
    if (!http::iequals(header.name, "Prefer")) continue;
    std::string_view text = header.value;
    while (!text.empty()) {
      auto end = text.find_first_of(",;");
      std::string item = trim_blanks(text.substr(0, end));
      text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
      auto equals = item.find('=');
      std::string name = ascii_lower(trim_blanks(std::string_view(item).substr(0, equals)));
      std::string value = equals == std::string::npos ? std::string() : trim_blanks(item.substr(equals + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
      if (!name.empty()) out.emplace_back(std::move(name), std::move(value));
    }
  }
  return out;
}

std::optional<std::string> preference(const std::vector<std::pair<std::string, std::string>>& list,
                                      std::string_view name) {
  for (const auto& [key, value] : list) {
    if (key == name) return value;
  }
  return std::nullopt;
}

struct MediaRange {
  std::string type;  // "application/json", "application/*", "*/*"
  double quality = 1;
};

std::vector<MediaRange> accepted_ranges(std::string_view accept) {
  std::vector<MediaRange> out;
  while (!accept.empty()) {
    auto end = accept.find(',');
    std::string_view item = accept.substr(0, end);
    accept = end == std::string_view::npos ? std::string_view{} : accept.substr(end + 1);
    MediaRange range{http::media_type(item), 1};
    if (range.type.empty()) continue;
    for (auto at = item.find(';'); at != std::string_view::npos; at = item.find(';', at + 1)) {
      std::string parameter = ascii_lower(trim_blanks(item.substr(at + 1, item.find(';', at + 1) - at - 1)));
      if (parameter.starts_with("q=")) {
        double quality = 1;
        auto [ptr, error] = std::from_chars(parameter.data() + 2, parameter.data() + parameter.size(), quality);
        if (error == std::errc{}) range.quality = std::clamp(quality, 0.0, 1.0);
      }
    }
    out.push_back(std::move(range));
  }
  return out;
}

// How specifically `range` matches `type` (2 exact, 1 "type/*", 0 "*/*"), -1 when it does not. A documented
// type that is itself a range ("application/*") matches the ranges that overlap it.
int specificity(std::string_view range, std::string_view type) {
  if (range == type) return 2;
  std::string_view range_major = range.substr(0, range.find('/'));
  std::string_view type_major = type.substr(0, type.find('/'));
  if (range == "*/*") return 0;
  if (range.ends_with("/*") && range_major == type_major) return 1;
  if (type.ends_with("/*") && range_major == type_major) return 1;
  if (type == "*/*") return 0;
  return -1;
}

// The quality the Accept ranges give a documented type: that of the most specific range matching it.
double quality_of(const std::vector<MediaRange>& ranges, std::string_view type) {
  int best = -1;
  double quality = 0;
  for (const MediaRange& range : ranges) {
    int level = specificity(range.type, type);
    if (level > best) {
      best = level;
      quality = range.quality;
    }
  }
  return best < 0 ? 0 : quality;
}

// A concrete Content-Type for a documented type that is a range: the client's own choice when it named one,
// else JSON for "*/*" and "application/*", else "<major>/plain" or octet-stream.
std::string concrete_type(std::string_view documented, const std::vector<MediaRange>& ranges) {
  if (!documented.ends_with("/*")) return std::string(documented);
  for (const MediaRange& range : ranges) {
    if (!range.type.ends_with("/*") && range.quality > 0 && specificity(documented, range.type) >= 0) {
      return range.type;
    }
  }
  if (documented == "*/*" || documented == "application/*") return "application/json";
  if (documented == "text/*") return "text/plain";
  return std::string(documented.substr(0, documented.find('/'))) + "/octet-stream";
}

// A header's value as the simple style writes it: arrays as "a,b", objects as "k,v,k,v" (exploded "k=v,k=v").
std::string header_text(const Json& value, bool explode) {
  auto scalar = [](const Json& item) { return item.is_string() ? item.get<std::string>() : json_text(item); };
  std::string out;
  if (value.is_array()) {
    std::vector<std::string> items;
    for (const Json& item : value) items.push_back(scalar(item));
    out = join(items, ",");
  } else if (value.is_object()) {
    std::vector<std::string> items;
    for (const auto& [key, item] : value.items()) {
      if (explode) {
        items.push_back(key + "=" + scalar(item));
      } else {
        items.push_back(key);
        items.push_back(scalar(item));
      }
    }
    out = join(items, ",");
  } else {
    out = scalar(value);
  }
  // A line break in a header value would end the header: examples must not be able to inject one.
  std::ranges::replace(out, '\r', ' ');
  std::ranges::replace(out, '\n', ' ');
  return out;
}

}  // namespace

// Building the answer to one request.
class MockResponder::Reply {
 public:
  Reply(const MockResponder& mock, const http::Request& request)
      : mock_(mock), workspace_(*mock.workspace_), request_(request), preferences_(preferences(request.headers)) {
    if (auto accept = http::find_header(request.headers, "Accept")) ranges_ = accepted_ranges(*accept);
  }

  http::Response build() {
    http::Response response = answer();
    if (mock_.options_.cors) {
      if (auto origin = http::find_header(request_.headers, "Origin");
          origin && !http::find_header(response.headers, "Access-Control-Allow-Origin")) {
        response.headers.push_back({"Access-Control-Allow-Origin", "*"});
      }
    }
    return response;
  }

 private:
  http::Response answer() {
    auto match = mock_.table_.match(request_.method, request_.path());
    bool preflight = mock_.options_.cors && http::iequals(request_.method, "OPTIONS") &&
                     http::find_header(request_.headers, "Access-Control-Request-Method").has_value();
    if (!match) {
      const contract::MatchMiss& miss = match.error();
      if (miss.failure == contract::MatchFailure::no_path) {
        std::vector<std::string> nearest = mock_.table_.nearest_paths(request_.path(), 3);
        std::string detail =
            "no operation of the contract matches " + request_.method + " " + std::string(request_.path());
        if (!nearest.empty()) detail += "; nearest documented paths: " + join(nearest, ", ");
        return problem(404, "Not Found", std::move(detail), Json{{"nearestPaths", nearest}});
      }
      if (preflight) return preflight_answer(miss.allowed);
      http::Response response = problem(
          405, "Method Not Allowed",
          "the contract documents " + miss.path + " for " + join(miss.allowed, ", ") + ", not for " + request_.method,
          Json{{"allowed", miss.allowed}});
      response.headers.push_back({"Allow", join(miss.allowed, ", ")});
      return response;
    }
    match_ = &*match;
    return operation_answer();
  }

  http::Response preflight_answer(const std::vector<std::string>& allowed) {
    http::Response response;
    response.status = 204;
    auto origin = http::find_header(request_.headers, "Origin");
    response.headers.push_back({"Access-Control-Allow-Origin", origin ? std::string(*origin) : "*"});
    response.headers.push_back({"Access-Control-Allow-Methods", join(allowed, ", ")});
    if (auto wanted = http::find_header(request_.headers, "Access-Control-Request-Headers")) {
      response.headers.push_back({"Access-Control-Allow-Headers", std::string(*wanted)});
    }
    response.headers.push_back({"Access-Control-Max-Age", "600"});
    response.headers.push_back({"Vary", "Origin"});
    return response;
  }

  // A response documented for the operation: its key in `responses`, the status to send, the Response Object.
  struct Choice {
    std::string key;
    int status = 200;
    NodeRef response;
  };

  std::optional<Choice> choice_for_key(std::string_view key, std::optional<int> wanted) {
    NodeRef written = match_->operation->operation["responses"][key];
    auto response = workspace_.deref(written);
    if (!response || !response->is_mapping()) return std::nullopt;
    int status = wanted.value_or(status_of(key).value_or(200));
    return Choice{std::string(key), status, *response};
  }

  // The documented responses in the order the default choice prefers them: exact 2xx codes (lowest first),
  // "2XX", `default`, then every other code (lowest first).
  std::vector<std::string> preferred_keys() {
    std::vector<std::pair<int, std::string>> ranked;
    for (auto member : match_->operation->operation["responses"].members()) {
      std::string key(member.key);
      auto status = status_of(key);
      bool range = status && (key[1] == 'X' || key[1] == 'x');
      int rank = 0;
      if (status && !range && *status / 100 == 2) {
        rank = *status;
      } else if (range && *status == 200) {
        rank = 1000;
      } else if (key == "default") {
        rank = 2000;
      } else if (status) {
        rank = 3000 + *status + (range ? 99 : 0);
      } else {
        continue;  // x- extensions
      }
      ranked.emplace_back(rank, std::move(key));
    }
    std::ranges::stable_sort(ranked, [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> out;
    for (auto& [rank, key] : ranked) out.push_back(std::move(key));
    return out;
  }

  http::Response operation_answer() {
    const contract::OperationEntry& operation = *match_->operation;
    NodeRef responses = operation.operation["responses"];
    std::optional<Choice> chosen;
    std::optional<std::string> wanted_code = preference(preferences_, "code");
    std::optional<std::string> wanted_example = preference(preferences_, "example");
    std::vector<std::string> keys = preferred_keys();
    if (wanted_code) {
      int code = 0;
      auto [end, error] = std::from_chars(wanted_code->data(), wanted_code->data() + wanted_code->size(), code);
      NodeRef written;
      if (error == std::errc{} && end == wanted_code->data() + wanted_code->size() && code >= 100 && code <= 599) {
        written = contract::documented_response(responses, code);
      }
      if (!written) {
        return problem(400, "Preference cannot be satisfied",
                       "the contract documents no response " + *wanted_code + " for " + operation.name() +
                           " (documented: " + join(keys, ", ") + ")",
                       Json{{"documented", keys}});
      }
      chosen = choice_for_key(written.key(), code);
    } else if (!keys.empty()) {
      chosen = choice_for_key(keys.front(), std::nullopt);
    }
    if (!chosen) {
      return problem(501, "Not Implemented", "the contract documents no response for " + operation.name());
    }
    if (wanted_example) {
      // Without a preferred code the example may sit in any response: the first (in preference order) wins.
      std::vector<Choice> searched{*chosen};
      if (!wanted_code) {
        for (const std::string& key : keys) {
          if (key != chosen->key) {
            if (auto other = choice_for_key(key, std::nullopt)) searched.push_back(*other);
          }
        }
      }
      for (const Choice& candidate : searched) {
        for (auto [type, media] : candidate.response["content"].members()) {
          if (auto value = named_example(media, *wanted_example)) {
            return respond_with(candidate, std::string(type), media, *value);
          }
        }
      }
      return problem(400, "Preference cannot be satisfied",
                     "no example named '" + *wanted_example + "' is documented for " + operation.name() +
                         (wanted_code ? " response " + *wanted_code : std::string()));
    }
    NodeRef content = chosen->response["content"];
    if (content.size() == 0) return respond_with(*chosen, "", NodeRef{}, std::nullopt);
    // Content negotiation: the documented type the Accept header rates highest; document order breaks ties.
    std::string best_type;
    NodeRef best_media;
    double best_quality = 0;
    for (auto [type, media] : content.members()) {
      double quality = ranges_.empty() ? 1 : quality_of(ranges_, http::media_type(type));
      if (quality > best_quality) {
        best_quality = quality;
        best_type = std::string(type);
        best_media = media;
      }
    }
    if (!best_media) {
      std::vector<std::string> documented;
      for (auto member : content.members()) documented.emplace_back(member.key);
      return problem(406, "Not Acceptable",
                     "the response " + chosen->key + " of " + operation.name() + " is documented as " +
                         join(documented, ", ") + ", none of which the Accept header allows",
                     Json{{"available", documented}});
    }
    return respond_with(*chosen, best_type, best_media, std::nullopt);
  }

  // The value of the example named `name` of a Media Type Object (its $ref followed); nullopt when absent.
  std::optional<NodeRef> named_example(NodeRef media, std::string_view name) {
    auto media_object = workspace_.deref(media);
    if (!media_object) return std::nullopt;
    NodeRef entry = (*media_object)["examples"][name];
    if (!entry) return std::nullopt;
    auto example = workspace_.deref(entry);
    if (!example || !(*example)["value"]) return std::nullopt;
    return (*example)["value"];
  }

  // The body value for a media type: `example`, else the first `examples` entry with a value, else a sample of
  // the schema; nullopt when the media type says nothing.
  std::optional<Json> body_value(NodeRef media) {
    if (NodeRef example = media["example"]) return contract::node_to_json(example);
    for (auto entry : media["examples"].members()) {
      auto example = workspace_.deref(entry.value);
      if (example && (*example)["value"]) return contract::node_to_json((*example)["value"]);
    }
    if (NodeRef schema = media["schema"]) return contract::sample_for_schema(workspace_, schema);
    return std::nullopt;
  }

  http::Response respond_with(const Choice& choice, const std::string& documented_type, NodeRef media,
                              std::optional<NodeRef> example) {
    http::Response response;
    response.status = choice.status;
    add_headers(choice.response, response);
    if (documented_type.empty()) return response;
    auto media_object = workspace_.deref(media);
    if (media_object) media = *media_object;
    std::string type = concrete_type(http::media_type(documented_type), ranges_);
    // Keep parameters written in the contract ("application/json; charset=utf-8") when the type is concrete.
    std::string content_type = documented_type.find('*') == std::string::npos ? documented_type : type;
    response.headers.push_back({"Content-Type", content_type});
    std::optional<Json> value = example ? std::optional<Json>(contract::node_to_json(*example)) : body_value(media);
    bool head = match_->head_as_get || http::iequals(request_.method, "HEAD");
    if (head || choice.status == 204 || choice.status == 304) return response;
    if (!value) {
      response.body = contract::is_json_media_type(type) ? "{}" : "example";
    } else if (contract::is_json_media_type(type) || !value->is_string()) {
      response.body = json_text(*value);
    } else {
      response.body = value->get<std::string>();
    }
    return response;
  }

  void add_headers(NodeRef documented, http::Response& response) {
    for (auto [name, written] : documented["headers"].members()) {
      if (http::iequals(name, "Content-Type")) continue;
      auto header = workspace_.deref(written);
      if (!header || !header->is_mapping()) continue;
      std::optional<Json> value = body_value(*header);
      if (!value && (*header)["content"].size() > 0) {
        auto media = workspace_.deref((*header)["content"].at(0));
        if (media) value = body_value(*media);
        if (value) {
          response.headers.push_back({std::string(name), json_text(*value)});
          continue;
        }
      }
      if (!value) continue;
      response.headers.push_back({std::string(name), header_text(*value, (*header)["explode"].as_bool())});
    }
  }

  const MockResponder& mock_;
  contract::Workspace& workspace_;
  const http::Request& request_;
  std::vector<std::pair<std::string, std::string>> preferences_;
  std::vector<MediaRange> ranges_;
  const contract::OperationMatch* match_ = nullptr;
};

MockResponder::MockResponder(std::shared_ptr<contract::Workspace> workspace, contract::SpecInfo spec,
                             MockOptions options)
    : workspace_(std::move(workspace)), spec_(spec), options_(options), table_(*workspace_, spec_) {}

Result<std::unique_ptr<MockResponder>> MockResponder::create(std::shared_ptr<contract::Workspace> workspace,
                                                             MockOptions options) {
  auto spec = contract::detect_version(workspace->root());
  if (!spec) return std::unexpected(std::move(spec.error()));
  if (spec->version == contract::OasVersion::swagger_2_0) {
    return fail("unsupported-version", "the mock server reads OpenAPI 3.x documents, and this one is Swagger 2.0",
                spec->version_node.position(), "convert the contract to OpenAPI 3 (for example with swagger2openapi)");
  }
  return std::unique_ptr<MockResponder>(new MockResponder(std::move(workspace), *spec, options));
}

http::Response MockResponder::respond(const http::Request& request) const { return Reply(*this, request).build(); }

}  // namespace apictl::dev
