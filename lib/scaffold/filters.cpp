// Case conversion filters for placeholders, ASCII only: they name files, packages and identifiers.
#include "scaffold/filters.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include <nlohmann/json.hpp>

namespace apictl::scaffold {

namespace {

bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool is_upper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
bool is_lower(char c) { return std::islower(static_cast<unsigned char>(c)) != 0; }
char to_lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
char to_upper(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }

std::string lowered(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(), to_lower);
  return out;
}

std::string uppered(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(), to_upper);
  return out;
}

std::string capitalised(std::string_view word) {
  std::string out = lowered(word);
  if (!out.empty()) out[0] = to_upper(out[0]);
  return out;
}

std::string joined(const std::vector<std::string>& words, std::string_view separator,
                   std::string (*shape)(std::string_view)) {
  std::string out;
  for (const auto& word : words) {
    if (!out.empty()) out += separator;
    out += shape(word);
  }
  return out;
}

std::string trimmed(std::string_view text) {
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

// A JSON string literal, quotes included: also a valid YAML, Python and TOML string for the same text.
std::string json_quoted(std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out = "\"";
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      out += "\\u00";
      out += hex[byte >> 4];
      out += hex[byte & 0xf];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

void append_python(std::string& out, const nlohmann::ordered_json& value) {
  if (value.is_object()) {
    out += '{';
    bool first = true;
    for (const auto& [key, item] : value.items()) {
      out += first ? "" : ", ";
      out += json_quoted(key) + ": ";
      append_python(out, item);
      first = false;
    }
    out += '}';
  } else if (value.is_array()) {
    out += '[';
    for (std::size_t i = 0; i < value.size(); ++i) {
      out += i == 0 ? "" : ", ";
      append_python(out, value[i]);
    }
    out += ']';
  } else if (value.is_boolean()) {
    out += value.get<bool>() ? "True" : "False";
  } else if (value.is_null()) {
    out += "None";
  } else if (value.is_string()) {
    out += json_quoted(value.get_ref<const std::string&>());
  } else {
    out += value.dump();
  }
}

// JSON text as the Python literal of the same value (true -> True, null -> None); other text as a str.
std::string python_literal(std::string_view text) {
  auto value = nlohmann::ordered_json::parse(text, nullptr, false);
  if (value.is_discarded() || text.empty()) return json_quoted(text);
  std::string out;
  append_python(out, value);
  return out;
}

constexpr std::string_view names[] = {"lower",    "upper", "snake", "kebab", "pascal", "camel",
                                      "constant", "title", "trim",  "json",  "python"};

}  // namespace

std::span<const std::string_view> filter_names() { return names; }

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (!is_alnum(c)) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
      continue;
    }
    if (!word.empty() && is_upper(c)) {
      char previous = word.back();
      bool lower_to_upper = is_lower(previous) || std::isdigit(static_cast<unsigned char>(previous));
      bool acronym_end = is_upper(previous) && i + 1 < text.size() && is_lower(text[i + 1]);
      if (lower_to_upper || acronym_end) {
        words.push_back(std::move(word));
        word.clear();
      }
    }
    word += c;
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::optional<std::string> apply_filter(std::string_view name, std::string_view text) {
  if (name == "lower") return lowered(text);
  if (name == "upper") return uppered(text);
  if (name == "trim") return trimmed(text);
  if (name == "json") return json_quoted(text);
  if (name == "python") return python_literal(text);
  auto words = split_words(text);
  if (name == "snake") return joined(words, "_", lowered);
  if (name == "kebab") return joined(words, "-", lowered);
  if (name == "constant") return joined(words, "_", uppered);
  if (name == "pascal") return joined(words, "", capitalised);
  if (name == "title") return joined(words, " ", capitalised);
  if (name == "camel") {
    std::string out = joined(words, "", capitalised);
    if (!out.empty()) out[0] = to_lower(out[0]);
    return out;
  }
  return std::nullopt;
}

}  // namespace apictl::scaffold
