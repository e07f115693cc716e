// The operation table: a segment trie over `paths`, built once, and server base paths tried longest first.
#include "contract/operation_match.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "util/spelling.hpp"

namespace apictl::contract {

namespace {

// A request matching many templates at once is pathological; precedence only needs the first few.
constexpr std::size_t max_candidates = 64;
// Server variables with long enums multiply: enough base paths for any real contract.
constexpr std::size_t max_server_urls = 64;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Splits one template segment into literal text and parameters: "{name}.{ext}" -> name, ".", ext. An unclosed
// '{' is literal text (the strict checks belong to lint). Literal text is decoded, as request segments are.
PathSegment parse_segment(std::string_view segment) {
  PathSegment parts;
  std::string literal;
  std::size_t i = 0;
  while (i < segment.size()) {
    std::size_t close = segment[i] == '{' ? segment.find('}', i) : std::string_view::npos;
    if (close == std::string_view::npos || close == i + 1) {
      literal += segment[i++];
      continue;
    }
    if (!literal.empty()) parts.push_back({false, percent_decode(literal)});
    literal.clear();
    parts.push_back({true, std::string(segment.substr(i + 1, close - i - 1))});
    i = close + 1;
  }
  if (!literal.empty() || parts.empty()) parts.push_back({false, percent_decode(literal)});
  return parts;
}

bool is_literal(const PathSegment& segment) { return segment.size() == 1 && !segment.front().parameter; }

// The same parts with parameter names ignored: "{id}" and "{petId}" share a trie node.
bool same_shape(const PathSegment& a, const PathSegment& b) {
  return std::ranges::equal(a, b, [](const PathPart& x, const PathPart& y) {
    return x.parameter == y.parameter && (x.parameter || x.text == y.text);
  });
}

// More literal characters first, then fewer parameters: "{name}.json" before "{name}.{ext}" before "{file}".
auto precedence(const PathSegment& segment) {
  std::size_t literal_chars = 0;
  std::size_t parameters = 0;
  for (const PathPart& part : segment) {
    if (part.parameter) {
      ++parameters;
    } else {
      literal_chars += part.text.size();
    }
  }
  return std::tuple(-static_cast<long>(literal_chars), parameters);
}

// Matches `text` from `at` against parts[index...]; each parameter takes a non-empty run, longest first.
// Adjacent parameters ("{a}{b}") backtrack over every split: `budget` bounds the work a hostile template costs.
bool match_parts(const PathSegment& parts, std::size_t index, std::string_view text, std::size_t at,
                 std::vector<std::string>& captures, int& budget) {
  if (--budget < 0) return false;
  if (index == parts.size()) return at == text.size();
  const PathPart& part = parts[index];
  if (!part.parameter) {
    if (text.substr(at, part.text.size()) != part.text) return false;
    return match_parts(parts, index + 1, text, at + part.text.size(), captures, budget);
  }
  for (std::size_t end = text.size(); end > at; --end) {
    // A literal after the parameter must start where the parameter ends: skip the impossible ends quickly.
    if (index + 1 < parts.size() && !parts[index + 1].parameter &&
        text.substr(end, parts[index + 1].text.size()) != parts[index + 1].text) {
      continue;
    }
    captures.emplace_back(text.substr(at, end - at));
    if (match_parts(parts, index + 1, text, end, captures, budget)) return true;
    captures.pop_back();
  }
  return false;
}

// The path a server url names, after the scheme and authority: "https://api.example.com/v1/" -> "/v1".
// Relative urls that do not start with '/' ("." or "v1") name no base apictl can know.
std::string url_path(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  if (auto scheme = url.find("://"); scheme != std::string_view::npos) {
    url.remove_prefix(scheme + 3);
    auto slash = url.find('/');
    url = slash == std::string_view::npos ? std::string_view{} : url.substr(slash);
  } else if (url.starts_with("//")) {
    url.remove_prefix(2);
    auto slash = url.find('/');
    url = slash == std::string_view::npos ? std::string_view{} : url.substr(slash);
  } else if (!url.starts_with('/')) {
    return {};
  }
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  return std::string(url);
}

// A server's url with its variables replaced: by every enum value when there is an enum, else by the default.
std::vector<std::string> expand_server_url(NodeRef server) {
  std::vector<std::string> urls{std::string(server["url"].text())};
  NodeRef variables = server["variables"];
  for (auto [name, variable] : variables.members()) {
    std::vector<std::string> values;
    for (auto item : variable["enum"].members()) {
      if (item.value.is_scalar()) values.emplace_back(item.value.text());
    }
    if (values.empty() && variable["default"].is_scalar()) values.emplace_back(variable["default"].text());
    if (values.empty()) continue;
    std::string placeholder = "{" + std::string(name) + "}";
    std::vector<std::string> expanded;
    for (const std::string& url : urls) {
      if (url.find(placeholder) == std::string::npos) {
        expanded.push_back(url);
        continue;
      }
      for (const std::string& value : values) {
        std::string out = url;
        for (auto at = out.find(placeholder); at != std::string::npos; at = out.find(placeholder, at + value.size())) {
          out.replace(at, placeholder.size(), value);
        }
        if (expanded.size() < max_server_urls) expanded.push_back(std::move(out));
      }
    }
    urls = std::move(expanded);
  }
  return urls;
}

// The base paths of a `servers` list; nullopt when the list is absent or empty (the level inherits).
std::optional<std::vector<std::string>> server_bases(NodeRef servers) {
  if (!servers.is_sequence() || servers.size() == 0) return std::nullopt;
  std::vector<std::string> bases;
  for (auto server : servers.members()) {
    if (!server.value["url"].is_string()) continue;
    for (const std::string& url : expand_server_url(server.value)) {
      std::string base = url_path(url);
      // A variable without a default or enum leaves "{...}" in the path: no literal base to strip.
      if (base.find('{') != std::string::npos) continue;
      if (std::ranges::find(bases, base) == bases.end()) bases.push_back(std::move(base));
    }
  }
  return bases;
}

// The request path without an absolute-form target's scheme and authority; "" becomes "/".
std::string_view request_path(std::string_view path) {
  if (path.starts_with("http://") || path.starts_with("https://")) {
    path.remove_prefix(path.find("://") + 3);
    auto slash = path.find('/');
    path = slash == std::string_view::npos ? std::string_view("/") : path.substr(slash);
  }
  path = path.substr(0, path.find_first_of("?#"));
  return path.empty() ? std::string_view("/") : path;
}

}  // namespace

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> segments;
  if (path.starts_with('/')) path.remove_prefix(1);
  if (path.empty()) return segments;
  while (true) {
    auto slash = path.find('/');
    segments.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int high = hex_value(text[i + 1]);
      int low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::optional<std::string_view> OperationMatch::parameter(std::string_view name) const {
  for (const PathParameter& parameter : parameters) {
    if (parameter.name == name) return std::string_view(parameter.value);
  }
  return std::nullopt;
}

std::string MatchMiss::message() const {
  if (failure == MatchFailure::no_path) return "no path of the contract matches";
  std::string list;
  for (const std::string& method : allowed) list += (list.empty() ? "" : ", ") + method;
  return "path matches but method not documented (allowed: " + list + ")";
}

OperationTable::OperationTable(Workspace& workspace, const SpecInfo& spec) {
  nodes_.emplace_back();
  NodeRef root = workspace.root().root();
  std::vector<std::string> root_bases = server_bases(root["servers"]).value_or(std::vector<std::string>{});
  for (auto [path, written] : root["paths"].members()) {
    auto item = workspace.deref(written);
    if (!item || !item->is_mapping() || !path.starts_with('/')) continue;
    std::vector<std::string> path_bases = server_bases((*item)["servers"]).value_or(root_bases);
    std::vector<std::size_t> indexes;
    for (auto [method, written_operation] : item->members()) {
      if (!is_http_method(method, spec.version)) continue;
      auto operation = workspace.deref(written_operation);
      if (!operation || !operation->is_mapping()) continue;
      indexes.push_back(operations_.size());
      operations_.push_back(OperationEntry{upper(method), std::string(path),
                                           std::string((*operation)["operationId"].text()), *operation, *item});
      operation_bases_.push_back(server_bases((*operation)["servers"]).value_or(path_bases));
      for (const std::string& base : operation_bases_.back()) {
        if (!base.empty() && std::ranges::find(bases_, base) == bases_.end()) bases_.push_back(base);
      }
    }
    add_path(path, std::move(indexes));
  }
  std::ranges::stable_sort(bases_, [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (TrieNode& node : nodes_) {
    std::ranges::stable_sort(node.templated,
                             [](const auto& a, const auto& b) { return precedence(a.first) < precedence(b.first); });
  }
}

void OperationTable::add_path(std::string_view path, std::vector<std::size_t> operations) {
  PathPattern pattern{std::string(path), {}, std::move(operations)};
  std::size_t node = 0;
  for (const std::string& text : split_path(path)) {
    PathSegment segment = parse_segment(text);
    for (const PathPart& part : segment) {
      if (part.parameter) pattern.parameters.push_back(part.text);
    }
    std::size_t next = nodes_.size();
    if (is_literal(segment)) {
      auto [slot, inserted] = nodes_[node].literal.try_emplace(segment.front().text, next);
      if (!inserted) next = slot->second;
    } else {
      auto& templated = nodes_[node].templated;
      auto found = std::ranges::find_if(templated, [&](const auto& entry) { return same_shape(entry.first, segment); });
      if (found != templated.end()) {
        next = found->second;
      } else {
        templated.emplace_back(std::move(segment), next);
      }
    }
    if (next == nodes_.size()) nodes_.emplace_back();
    node = next;
  }
  nodes_[node].paths.push_back(paths_.size());
  paths_.push_back(std::move(pattern));
}

void OperationTable::collect(std::size_t node, const std::vector<std::string>& segments, std::size_t at,
                             std::vector<std::string>& captures, const std::string& base,
                             std::vector<Candidate>& out) const {
  if (out.size() >= max_candidates) return;
  const TrieNode& here = nodes_[node];
  if (at == segments.size()) {
    for (std::size_t path : here.paths) out.push_back(Candidate{path, base, captures});
    return;
  }
  const std::string& segment = segments[at];
  if (auto literal = here.literal.find(segment); literal != here.literal.end()) {
    collect(literal->second, segments, at + 1, captures, base, out);
  }
  for (const auto& [pattern, child] : here.templated) {
    std::size_t before = captures.size();
    int budget = 10'000;
    if (match_parts(pattern, 0, segment, 0, captures, budget)) collect(child, segments, at + 1, captures, base, out);
    captures.resize(before);
  }
}

std::vector<OperationTable::Candidate> OperationTable::candidates(std::string_view path) const {
  path = request_path(path);
  std::vector<Candidate> out;
  std::vector<std::string> captures;
  auto try_path = [&](std::string_view rest, const std::string& base) {
    std::vector<std::string> segments = split_path(rest);
    for (std::string& segment : segments) segment = percent_decode(segment);
    collect(0, segments, 0, captures, base, out);
  };
  for (const std::string& base : bases_) {
    if (path == base) {
      try_path("/", base);
    } else if (path.starts_with(base) && path[base.size()] == '/') {
      try_path(path.substr(base.size()), base);
    }
  }
  try_path(path, "");
  return out;
}

bool OperationTable::base_allowed(std::size_t operation, const std::string& base) const {
  return base.empty() || std::ranges::find(operation_bases_[operation], base) != operation_bases_[operation].end();
}

std::expected<OperationMatch, MatchMiss> OperationTable::match(std::string_view method, std::string_view path) const {
  std::vector<Candidate> found = candidates(path);
  auto matched = [&](std::size_t operation, const Candidate& candidate, bool head_as_get) {
    OperationMatch result;
    result.operation = &operations_[operation];
    result.base_path = candidate.base;
    result.head_as_get = head_as_get;
    const auto& names = paths_[candidate.path].parameters;
    for (std::size_t i = 0; i < names.size() && i < candidate.captures.size(); ++i) {
      result.parameters.push_back({names[i], candidate.captures[i]});
    }
    return result;
  };
  auto find_method = [&](const std::string& wanted) -> std::optional<std::pair<std::size_t, const Candidate*>> {
    for (const Candidate& candidate : found) {
      for (std::size_t operation : paths_[candidate.path].operations) {
        if (operations_[operation].method == wanted && base_allowed(operation, candidate.base)) {
          return std::pair(operation, &candidate);
        }
      }
    }
    return std::nullopt;
  };
  std::string wanted = upper(method);
  if (auto hit = find_method(wanted)) return matched(hit->first, *hit->second, false);
  if (wanted == "HEAD") {
    if (auto hit = find_method("GET")) return matched(hit->first, *hit->second, true);
  }
  for (const Candidate& candidate : found) {
    MatchMiss miss{MatchFailure::method_not_documented, paths_[candidate.path].path, {}};
    for (std::size_t operation : paths_[candidate.path].operations) {
      if (base_allowed(operation, candidate.base)) miss.allowed.push_back(operations_[operation].method);
    }
    if (!miss.allowed.empty()) return std::unexpected(std::move(miss));
  }
  return std::unexpected(MatchMiss{});
}

std::vector<std::string> OperationTable::nearest_paths(std::string_view path, std::size_t limit) const {
  path = request_path(path);
  for (const std::string& base : bases_) {
    if (path.starts_with(base) && (path.size() == base.size() || path[base.size()] == '/')) {
      path.remove_prefix(base.size());
      break;
    }
  }
  std::string wanted = path.empty() ? "/" : percent_decode(path);
  std::vector<std::string> segments = split_path(wanted);
  std::vector<std::pair<std::size_t, std::size_t>> ranked;  // distance, index into paths_
  for (std::size_t i = 0; i < paths_.size(); ++i) {
    if (paths_[i].operations.empty()) continue;
    // "/pets/{petId}/photo" against "/pets/7/photos": the parameter takes the request's "7", so only the
    // spelling of the literal parts counts.
    std::string comparable;
    std::vector<std::string> template_segments = split_path(paths_[i].path);
    for (std::size_t s = 0; s < template_segments.size(); ++s) {
      PathSegment parsed = parse_segment(template_segments[s]);
      bool lone_parameter = parsed.size() == 1 && parsed.front().parameter;
      comparable += "/" + (lone_parameter && s < segments.size() ? segments[s] : template_segments[s]);
    }
    if (comparable.empty()) comparable = "/";
    std::size_t distance = edit_distance(wanted, comparable);
    if (distance <= std::max<std::size_t>(4, comparable.size() / 2)) ranked.emplace_back(distance, i);
  }
  std::ranges::stable_sort(ranked, [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (const auto& [distance, index] : ranked) {
    if (out.size() == limit) break;
    if (std::ranges::find(out, paths_[index].path) == out.end()) out.push_back(paths_[index].path);
  }
  return out;
}

}  // namespace apictl::contract
