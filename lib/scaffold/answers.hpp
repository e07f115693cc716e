// Deciding every variable's value: --set answers, defaults, or questions on a terminal; all validated.
#pragma once

#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "diagnostic.hpp"
#include "scaffold/template.hpp"
#include "scaffold/value.hpp"

namespace apictl::scaffold {

struct AnswerOptions {
  std::vector<std::pair<std::string, std::string>> given;  // --set NAME=VALUE, in the order given
  bool use_defaults = false;                               // --defaults: take each default without asking
  std::string directory_name;                              // the target folder's name: {{ directory }}
  // Where to ask when stdin is a terminal; null means never ask.
  std::istream* questions_in = nullptr;
  std::ostream* questions_out = nullptr;
};

// Parses and validates one answer for `variable`: int and bool by their type (bool: true/false, yes/no,
// y/n, on/off, 1/0), choice by its choices, string and int by the `validate` regex. `source` names where
// the text came from ("--set project_name", "default of ...") for the message.
Result<Value> parse_answer(const Variable& variable, std::string_view text, const std::string& source);

// Decides every variable in template order. Given answers win; then --defaults; then a question on the
// terminal (default shown, re-asked on bad input); without a terminal, the unanswered variables are an
// error naming them all. The result also holds `directory`.
Result<Answers> resolve_answers(const TemplateManifest& manifest, const AnswerOptions& options);

}  // namespace apictl::scaffold
