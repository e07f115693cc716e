// Answer resolution and validation; the only part of lib/scaffold that talks to the user, through the
// streams it is given.
#include "scaffold/answers.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <istream>
#include <ostream>

#include "scaffold/render.hpp"
#include "util/spelling.hpp"

namespace apictl::scaffold {

namespace {

std::string lowered(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(),
                         [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  return out;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// std::regex reports a match too costly to decide by throwing; such an answer is simply not accepted.
bool full_match(const std::regex& pattern, std::string_view text) {
  try {
    return std::regex_match(text.begin(), text.end(), pattern);
  } catch (const std::regex_error&) {
    return false;
  }
}

const Variable* find_variable(const TemplateManifest& manifest, std::string_view name) {
  for (const Variable& variable : manifest.variables) {
    if (variable.name == name) return &variable;
  }
  return nullptr;
}

// The default, rendered with the answers so far; nullopt when the variable has none.
Result<std::optional<Value>> default_of(const Variable& variable, const Answers& earlier) {
  if (!variable.default_value) return std::optional<Value>();
  const auto* text = std::get_if<std::string>(&*variable.default_value);
  if (!text) return std::optional<Value>(*variable.default_value);
  auto rendered = render_text(*text, earlier, variable.where);
  if (!rendered) return std::unexpected(rendered.error());
  return std::optional<Value>(Value(std::move(*rendered)));
}

std::string question(const Variable& variable, const std::optional<Value>& fallback) {
  std::string line = variable.prompt;
  if (variable.type == VariableType::choice) line += " (" + joined(variable.choices) + ")";
  if (variable.type == VariableType::boolean) {
    bool yes = fallback && std::get<bool>(*fallback);
    line += fallback ? (yes ? " [Y/n]" : " [y/N]") : " [y/n]";
  } else if (fallback) {
    line += " [" + value_text(*fallback) + "]";
  }
  return line + ": ";
}

Result<Value> ask(const Variable& variable, const std::optional<Value>& fallback, std::istream& in, std::ostream& out) {
  if (!variable.help.empty()) out << "  " << variable.help << '\n';
  while (true) {
    out << question(variable, fallback) << std::flush;
    std::string line;
    if (!std::getline(in, line)) {
      out << '\n';
      return fail("cancelled", "no answer for '" + variable.name + "': input ended", {},
                  "nothing was written; pass --set " + variable.name + "=VALUE or --defaults");
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() && fallback) {
      // Every default was checked once rendered; a bad rendered default is asked again like bad input.
      auto checked = parse_answer(variable, value_text(*fallback), "the default");
      if (checked) return checked;
      out << "  " << checked.error().message << "; " << checked.error().hint << '\n';
      continue;
    }
    auto answer = parse_answer(variable, line, "the answer");
    if (answer) return answer;
    out << "  " << answer.error().message;
    if (!answer.error().hint.empty()) out << "; " << answer.error().hint;
    out << '\n';
  }
}

}  // namespace

Result<Value> parse_answer(const Variable& variable, std::string_view text, const std::string& source) {
  SourcePosition nowhere;
  std::string quoted = "'" + std::string(text) + "'";
  switch (variable.type) {
    case VariableType::boolean: {
      std::string word = lowered(text);
      if (word == "true" || word == "yes" || word == "y" || word == "on" || word == "1") return Value(true);
      if (word == "false" || word == "no" || word == "n" || word == "off" || word == "0") return Value(false);
      return fail("invalid-answer", source + " " + quoted + " for '" + variable.name + "' is not a yes/no answer",
                  nowhere, "answer true or false (yes/no, y/n, on/off, 1/0)");
    }
    case VariableType::choice:
      if (std::find(variable.choices.begin(), variable.choices.end(), text) == variable.choices.end()) {
        return fail("invalid-answer", source + " " + quoted + " for '" + variable.name + "' is not one of its choices",
                    nowhere, "choose one of: " + joined(variable.choices));
      }
      return Value(std::string(text));
    case VariableType::integer: {
      std::int64_t number = 0;
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
      if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
        return fail("invalid-answer", source + " " + quoted + " for '" + variable.name + "' is not a whole number",
                    nowhere, "answer digits only, e.g. 8000");
      }
      if ((variable.minimum && number < *variable.minimum) || (variable.maximum && number > *variable.maximum)) {
        std::string range = variable.minimum && variable.maximum
                                ? std::to_string(*variable.minimum) + " to " + std::to_string(*variable.maximum)
                            : variable.minimum ? "at least " + std::to_string(*variable.minimum)
                                               : "at most " + std::to_string(*variable.maximum);
        return fail("invalid-answer", source + " " + quoted + " for '" + variable.name + "' is out of range", nowhere,
                    "answer " + range);
      }
      if (variable.pattern && !full_match(*variable.pattern, text)) {
        return fail("invalid-answer", source + " " + quoted + " for '" + variable.name + "' is not accepted", nowhere,
                    "it must match " + variable.validate);
      }
      return Value(number);
    }
    case VariableType::string:
      if (variable.pattern && !full_match(*variable.pattern, text)) {
        std::string hint = "it must match " + variable.validate;
        if (!variable.help.empty()) hint += " (" + variable.help + ")";
        return fail("invalid-answer", source + " " + quoted + " for '" + variable.name + "' is not accepted", nowhere,
                    hint);
      }
      return Value(std::string(text));
  }
  return Value(std::string(text));
}

Result<Answers> resolve_answers(const TemplateManifest& manifest, const AnswerOptions& options) {
  // Every --set is checked before anything is asked, so a typo does not cost a round of questions.
  Answers given;
  for (const auto& [name, text] : options.given) {
    const Variable* variable = find_variable(manifest, name);
    if (!variable) {
      std::vector<std::string_view> names;
      for (const auto& known : manifest.variables) names.push_back(known.name);
      auto closest = closest_name(names, name);
      std::string list;
      for (auto known : names) list += (list.empty() ? "" : ", ") + std::string(known);
      return fail("invalid-answer",
                  "--set " + name + ": template '" + manifest.name + "' has no variable '" + name + "'", {},
                  closest.empty() ? "its variables: " + list : "did you mean '" + std::string(closest) + "'?");
    }
    auto value = parse_answer(*variable, text, "--set");
    if (!value) return std::unexpected(value.error());
    given.set(name, std::move(*value));
  }

  Answers answers;
  answers.set(std::string(directory_variable), options.directory_name);
  std::vector<std::string> unanswered;
  bool can_ask = options.questions_in && options.questions_out;
  for (const Variable& variable : manifest.variables) {
    if (const Value* value = given.find(variable.name)) {
      answers.set(variable.name, *value);
      continue;
    }
    auto fallback = default_of(variable, answers);
    if (!fallback) return std::unexpected(fallback.error());
    if (options.use_defaults && *fallback) {
      auto checked = parse_answer(variable, value_text(**fallback), "the default");
      if (!checked) {
        Diagnostic diagnostic = checked.error();
        diagnostic.hint = "pass --set " + variable.name + "=VALUE (" + diagnostic.hint + ")";
        return std::unexpected(diagnostic);
      }
      answers.set(variable.name, std::move(*checked));
      continue;
    }
    if (can_ask) {
      auto answer = ask(variable, *fallback, *options.questions_in, *options.questions_out);
      if (!answer) return std::unexpected(answer.error());
      answers.set(variable.name, std::move(*answer));
      continue;
    }
    unanswered.push_back(variable.name);
    // Later defaults may name this one; the default (or a stand-in) keeps them renderable for the message.
    answers.set(variable.name, fallback->value_or(Value(std::string())));
  }
  if (!unanswered.empty()) {
    bool all_have_defaults = std::ranges::all_of(
        unanswered, [&](const std::string& name) { return find_variable(manifest, name)->default_value.has_value(); });
    return fail("missing-answer",
                "no answer for " + joined(unanswered) + " (stdin is not a terminal, so apictl does not ask)", {},
                all_have_defaults || !options.use_defaults
                    ? "pass --set NAME=VALUE for each, or --defaults to take the defaults"
                    : "these have no default: pass --set NAME=VALUE for each");
  }
  return answers;
}

}  // namespace apictl::scaffold
