// Values of template variables (string, int, bool) and the ordered set of answers a project is made from.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace apictl::scaffold {

// A choice variable's value is a string; project::AnswerValue is the same variant, so answers travel to
// apictl.toml without conversion.
using Value = std::variant<std::string, std::int64_t, bool>;

// The text a placeholder renders: strings as they are, ints in decimal, bools as true/false.
std::string value_text(const Value& value);

// Truth in a condition: a bool itself, a non-empty string, a non-zero int.
bool value_truthy(const Value& value);

// Named values in the order they were decided (the template's variable order), looked up by name.
class Answers {
 public:
  void set(std::string name, Value value);
  const Value* find(std::string_view name) const;
  const std::vector<std::pair<std::string, Value>>& entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string, Value>> entries_;
};

}  // namespace apictl::scaffold
