// Reading a request's input (path and query parameters, a JSON body) under the contract's constraints.
// Every problem is collected, so one 422 answer names each invalid field: "body.price: must be at least 0".
#pragma once

#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {{ namespace }} {

// minLength and maxLength, counted in characters (UTF-8 code points) as JSON Schema does.
struct TextRule {
  std::size_t min_length = 0;
  std::size_t max_length = std::numeric_limits<std::size_t>::max();
};

// minimum and maximum, inclusive.
struct NumberRule {
  std::optional<double> minimum;
  std::optional<double> maximum;
};

struct IntegerRule {
  std::optional<std::int64_t> minimum;
  std::optional<std::int64_t> maximum;
};

// Each reader returns the value, or notes the problem and returns an empty value; check valid() before
// using any of them.
class RequestReader {
 public:
  explicit RequestReader(const httplib::Request& request) : request_(request) {}

  // The path segment captured by the route's `index`-th {placeholder} (counting from 1), as an integer.
  std::int64_t path_integer(std::size_t index, std::string_view name, IntegerRule rule = {});

  // An optional query parameter; `fallback` when the request has none.
  std::int64_t query_integer(std::string_view name, std::int64_t fallback, IntegerRule rule = {});

  // Required fields of the body, a JSON object.
  std::string body_text(std::string_view field, TextRule rule = {});
  double body_number(std::string_view field, NumberRule rule = {});
  std::int64_t body_integer(std::string_view field, IntegerRule rule = {});
  bool body_boolean(std::string_view field);

  bool valid() const { return problems_.empty(); }

  // Every problem, "where: what", joined by "; ".
  std::string problems() const;

 private:
  // The field's value; nullptr (and the problem noted) when the body is not an object or lacks the field.
  const nlohmann::json* body_field(std::string_view field);
  std::int64_t integer_from_text(std::string_view text, std::string where, const IntegerRule& rule);
  std::int64_t checked_integer(std::int64_t value, std::string where, const IntegerRule& rule);
  void note(std::string where, std::string what);

  const httplib::Request& request_;
  std::optional<nlohmann::json> body_;  // parsed on first use
  std::vector<std::string> problems_;
};

}  // namespace {{ namespace }}
