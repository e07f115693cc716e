// Placeholder filters: `{{ name | snake }}` and friends, each a pure function of the text.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace apictl::scaffold {

// The filter names, for error hints and docs: lower, upper, snake, kebab, pascal, camel, constant, title,
// trim, json (a quoted, escaped JSON string: safe inside YAML, Python and TOML too), python (JSON text as
// the Python literal of the same value, e.g. an endpoint's request_example; other text as a quoted str).
std::span<const std::string_view> filter_names();

// Applies filter `name` to `text`; nullopt when there is no such filter.
std::optional<std::string> apply_filter(std::string_view name, std::string_view text);

// The words of an identifier-like text: split at anything but letters and digits, at a lower-to-upper
// change ("petStore") and at the end of an acronym ("HTTPServer" -> HTTP, Server).
std::vector<std::string> split_words(std::string_view text);

}  // namespace apictl::scaffold
