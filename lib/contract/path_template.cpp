// Parsing path templates character by character, so every error can say which character is wrong.
#include "contract/path_template.hpp"

#include <algorithm>
#include <cctype>

namespace apictl::contract {

namespace {

// Characters RFC 3986 allows in a path segment (pchar) besides letters and digits; '%' starts an escape.
bool is_segment_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("-._~!$&'()*+,;=:@%").find(c) != std::string_view::npos;
}

bool is_parameter_char(char c, bool first) {
  if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') return true;
  return !first && (std::isdigit(static_cast<unsigned char>(c)) || c == '-');
}

}  // namespace

std::string PathTemplate::shape() const {
  std::string out;
  for (const PathSegment& segment : segments) {
    out += '/';
    for (const PathPart& part : segment) out += part.parameter ? "{}" : part.text;
  }
  return out.empty() ? "/" : out;
}

std::string PathTemplate::with_samples(std::string_view sample) const {
  std::string out;
  for (const PathSegment& segment : segments) {
    out += '/';
    for (const PathPart& part : segment) out += part.parameter ? std::string(sample) : part.text;
  }
  return out.empty() ? "/" : out;
}

std::string PathTemplate::regex() const {
  std::string out;
  for (const PathSegment& segment : segments) {
    out += '/';
    for (const PathPart& part : segment) {
      if (part.parameter) {
        out += "([^/]+)";
        continue;
      }
      for (char c : part.text) {
        if (std::string_view(".^$|?*+()[]{}\\").find(c) != std::string_view::npos) out += '\\';
        out += c;
      }
    }
  }
  return out.empty() ? "/" : out;
}

std::vector<std::string> PathTemplate::literal_segments() const {
  std::vector<std::string> out;
  for (const PathSegment& segment : segments) {
    if (segment.size() == 1 && !segment.front().parameter) out.push_back(segment.front().text);
  }
  return out;
}

Result<PathTemplate> parse_path_template(std::string_view text) {
  const std::string label = "PATH '" + std::string(text) + "'";
  auto refuse = [&](const std::string& why, std::string hint = "write a path template such as /pets/{petId}") {
    return fail("bad-path", label + " " + why, {}, std::move(hint));
  };
  if (text.empty() || text.front() != '/') return refuse("does not start with '/'");
  PathTemplate result;
  result.text = std::string(text);
  if (text == "/") return result;
  if (text.back() == '/')
    return refuse("ends with '/'", "drop the trailing '/' (lint rule path-keys-no-trailing-slash)");
  std::size_t i = 1;
  while (i <= text.size()) {
    PathSegment segment;
    while (i < text.size() && text[i] != '/') {
      char c = text[i];
      if (c == '{') {
        std::size_t close = text.find('}', i + 1);
        std::size_t stop = text.find_first_of("/{", i + 1);
        if (close == std::string_view::npos || (stop != std::string_view::npos && stop < close)) {
          return refuse("has a '{' at character " + std::to_string(i + 1) + " that is not closed in its segment");
        }
        std::string_view name = text.substr(i + 1, close - i - 1);
        if (name.empty()) return refuse("has an unnamed parameter '{}' at character " + std::to_string(i + 1));
        for (std::size_t k = 0; k < name.size(); ++k) {
          if (!is_parameter_char(name[k], k == 0)) {
            return refuse(
                "has a parameter '{" + std::string(name) + "}' whose name is not letters, digits, '_' and '-'",
                "name it like an identifier, e.g. {petId} or {pet_id}");
          }
        }
        if (std::ranges::find(result.parameters, name) != result.parameters.end()) {
          return refuse("names the parameter '" + std::string(name) + "' twice");
        }
        if (!segment.empty() && segment.back().parameter) {
          return refuse("has two parameters with nothing between them at character " + std::to_string(i + 1),
                        "separate them with literal text, e.g. {name}.{ext}");
        }
        result.parameters.emplace_back(name);
        segment.push_back(PathPart{true, std::string(name)});
        i = close + 1;
        continue;
      }
      if (c == '}') return refuse("has a '}' at character " + std::to_string(i + 1) + " that closes nothing");
      if (c == '?' || c == '#') {
        return refuse("holds a query or fragment ('" + std::string(1, c) + "')",
                      "declare query parameters in the contract, not in the path");
      }
      if (!is_segment_char(c)) {
        return refuse("has the character '" + std::string(1, c) + "' at character " + std::to_string(i + 1) +
                      ", which a URL path cannot hold unescaped");
      }
      if (segment.empty() || segment.back().parameter) segment.push_back(PathPart{false, {}});
      segment.back().text += c;
      ++i;
    }
    if (segment.empty()) return refuse("has an empty segment ('//')");
    result.segments.push_back(std::move(segment));
    ++i;  // past the '/'
  }
  return result;
}

}  // namespace apictl::contract
