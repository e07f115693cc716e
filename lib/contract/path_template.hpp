// Path templates as `apictl add endpoint` takes them ("/pets/{petId}"): checked strictly, split into
// segments, with the parameter names and the forms other parts need (a sample URL, a regex, a shape).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"

namespace apictl::contract {

struct PathPart {
  bool parameter = false;
  std::string text;  // the literal text, or the parameter's name
};

// One '/'-separated segment: literal text and parameters, e.g. "{name}.{ext}" is three parts.
using PathSegment = std::vector<PathPart>;

struct PathTemplate {
  std::string text;                     // as given, e.g. "/pets/{petId}"
  std::vector<PathSegment> segments;    // empty for "/"
  std::vector<std::string> parameters;  // in order of appearance

  // "/pets/{}": the template with parameter names dropped, so "/pets/{id}" and "/pets/{petId}" compare equal
  // (OpenAPI treats them as the same path).
  std::string shape() const;
  // The path with each parameter replaced by `sample` ("/pets/1"), for a test to call.
  std::string with_samples(std::string_view sample) const;
  // An ECMAScript regex matching the path, one capture group per parameter ("/pets/([^/]+)").
  std::string regex() const;
  // The literal segments, e.g. {"pets"} for "/pets/{petId}".
  std::vector<std::string> literal_segments() const;
};

// Checks and splits a path template: it starts with '/', has no empty segment, no trailing '/' (except "/"
// itself), no query or fragment, no spaces; every '{' is closed before the next '/' or '{'; parameter names
// are letters, digits, '_' and '-', not starting with a digit or '-', and appear once.
Result<PathTemplate> parse_path_template(std::string_view text);

}  // namespace apictl::contract
