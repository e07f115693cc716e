// Values of template variables and the answers table.
#include "scaffold/value.hpp"

namespace apictl::scaffold {

std::string value_text(const Value& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* number = std::get_if<std::int64_t>(&value)) return std::to_string(*number);
  return std::get<bool>(value) ? "true" : "false";
}

bool value_truthy(const Value& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return !text->empty();
  if (const auto* number = std::get_if<std::int64_t>(&value)) return *number != 0;
  return std::get<bool>(value);
}

void Answers::set(std::string name, Value value) {
  for (auto& [key, existing] : entries_) {
    if (key == name) {
      existing = std::move(value);
      return;
    }
  }
  entries_.emplace_back(std::move(name), std::move(value));
}

const Value* Answers::find(std::string_view name) const {
  for (const auto& [key, value] : entries_) {
    if (key == name) return &value;
  }
  return nullptr;
}

}  // namespace apictl::scaffold
