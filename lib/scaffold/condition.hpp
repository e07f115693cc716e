// Conditions in template.toml (`when = "docker and db != 'none'"`): which files and hooks apply.
#pragma once

#include <string_view>

#include "diagnostic.hpp"
#include "scaffold/value.hpp"

namespace apictl::scaffold {

// Evaluates a condition against the answers. Grammar, loosest first:
//   or-expr  := and-expr ("or" and-expr)*
//   and-expr := unary ("and" unary)*
//   unary    := "not" unary | "(" or-expr ")" | operand (("==" | "!=") operand)?
//   operand  := variable | 'text' | "text" | integer | true | false
// A lone operand is judged by its truth (a bool itself, a non-empty string, a non-zero int); == and !=
// compare the rendered texts. An unknown variable or a syntax error is an error at `where`.
Result<bool> evaluate_condition(std::string_view condition, const Answers& values, const SourcePosition& where);

}  // namespace apictl::scaffold
