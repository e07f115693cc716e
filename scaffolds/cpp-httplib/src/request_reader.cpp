// Reading and checking request input; see request_reader.hpp.
#include "request_reader.hpp"

#include <charconv>
#include <system_error>

namespace {{ namespace }} {

namespace {

// The shortest text that reads back as `value`: 0, 12.5.
std::string number_text(double value) {
  char buffer[32];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return error == std::errc() ? std::string(buffer, end) : std::to_string(value);
}

std::string characters_text(std::size_t count) {
  return std::to_string(count) + (count == 1 ? " character" : " characters");
}

std::size_t characters(std::string_view utf8) {
  std::size_t count = 0;
  for (char byte : utf8) {
    if ((static_cast<unsigned char>(byte) & 0xC0) != 0x80) ++count;  // not a continuation byte
  }
  return count;
}

}  // namespace

std::int64_t RequestReader::path_integer(std::size_t index, std::string_view name, IntegerRule rule) {
  std::string where = "path." + std::string(name);
  if (index >= request_.matches.size()) {
    note(where, "is not captured by the route");
    return 0;
  }
  return integer_from_text(request_.matches[index].str(), where, rule);
}

std::int64_t RequestReader::query_integer(std::string_view name, std::int64_t fallback, IntegerRule rule) {
  std::string key(name);
  if (!request_.has_param(key.c_str())) return fallback;
  return integer_from_text(request_.get_param_value(key.c_str()), "query." + key, rule);
}

std::string RequestReader::body_text(std::string_view field, TextRule rule) {
  const nlohmann::json* value = body_field(field);
  if (!value) return {};
  std::string where = "body." + std::string(field);
  if (!value->is_string()) {
    note(where, "must be a string");
    return {};
  }
  const auto& text = value->get_ref<const std::string&>();
  std::size_t length = characters(text);
  if (length < rule.min_length) {
    note(where, "must be at least " + characters_text(rule.min_length) + " long");
  } else if (length > rule.max_length) {
    note(where, "must be at most " + characters_text(rule.max_length) + " long");
  }
  return text;
}

double RequestReader::body_number(std::string_view field, NumberRule rule) {
  const nlohmann::json* value = body_field(field);
  if (!value) return 0;
  std::string where = "body." + std::string(field);
  if (!value->is_number()) {
    note(where, "must be a number");
    return 0;
  }
  double number = value->get<double>();
  if (rule.minimum && number < *rule.minimum) {
    note(where, "must be at least " + number_text(*rule.minimum));
  } else if (rule.maximum && number > *rule.maximum) {
    note(where, "must be at most " + number_text(*rule.maximum));
  }
  return number;
}

std::int64_t RequestReader::body_integer(std::string_view field, IntegerRule rule) {
  const nlohmann::json* value = body_field(field);
  if (!value) return 0;
  std::string where = "body." + std::string(field);
  if (value->is_number_unsigned() &&
      value->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    note(where, "is too large");
    return 0;
  }
  if (!value->is_number_integer()) {
    note(where, "must be an integer");
    return 0;
  }
  return checked_integer(value->get<std::int64_t>(), where, rule);
}

bool RequestReader::body_boolean(std::string_view field) {
  const nlohmann::json* value = body_field(field);
  if (!value) return false;
  if (!value->is_boolean()) {
    note("body." + std::string(field), "must be true or false");
    return false;
  }
  return value->get<bool>();
}

std::string RequestReader::problems() const {
  std::string joined;
  for (const auto& problem : problems_) joined += (joined.empty() ? "" : "; ") + problem;
  return joined;
}

const nlohmann::json* RequestReader::body_field(std::string_view field) {
  if (!body_) {
    // Parsed without exceptions: a malformed body is a validation problem like any other.
    body_ = nlohmann::json::parse(request_.body, nullptr, false);
    if (body_->is_discarded()) {
      note("body", "is not valid JSON");
    } else if (!body_->is_object()) {
      note("body", "must be a JSON object");
    }
  }
  if (!body_->is_object()) return nullptr;  // already noted, once for the whole body
  auto found = body_->find(field);
  if (found == body_->end()) {
    note("body." + std::string(field), "is required");
    return nullptr;
  }
  return &*found;
}

std::int64_t RequestReader::integer_from_text(std::string_view text, std::string where, const IntegerRule& rule) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    note(std::move(where), "must be an integer, not '" + std::string(text) + "'");
    return 0;
  }
  return checked_integer(value, std::move(where), rule);
}

std::int64_t RequestReader::checked_integer(std::int64_t value, std::string where, const IntegerRule& rule) {
  if (rule.minimum && value < *rule.minimum) {
    note(std::move(where), "must be at least " + std::to_string(*rule.minimum));
  } else if (rule.maximum && value > *rule.maximum) {
    note(std::move(where), "must be at most " + std::to_string(*rule.maximum));
  }
  return value;
}

void RequestReader::note(std::string where, std::string what) { problems_.push_back(where + ": " + what); }

}  // namespace {{ namespace }}
