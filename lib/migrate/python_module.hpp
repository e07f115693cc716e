// PythonModule: the statement structure of a Python file as rewrites need it: logical lines with their
// indentation, the def/class scopes they belong to (decorators, parameters, bases), and import statements.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "migrate/tokenized_source.hpp"

namespace apictl::migrate {

struct LogicalLine {
  std::size_t first = 0;     // index of its first token (never a comment)
  std::size_t end = 0;       // index of its newline token: one past its last code token
  std::uint32_t indent = 0;  // width of the leading blanks, tabs to the next multiple of 8 as Python counts
  std::size_t scope = 0;     // the innermost def/class whose body holds it (0: the module); a header line
                             // belongs to the scope around its definition
};

struct Parameter {
  std::string_view name;
  std::size_t name_token = 0;
  std::size_t first = 0;                                 // first token of the whole parameter (a `*` or `**` included)
  std::size_t end = 0;                                   // one past its last token (the `,` or `)` after it)
  int stars = 0;                                         // 1 for *args, 2 for **kwargs
  std::size_t annotation_first = 0, annotation_end = 0;  // [first, end); empty when there is none
  std::size_t default_first = 0, default_end = 0;
};

enum class ScopeKind { module, class_definition, function };

struct PythonScope {
  static constexpr std::size_t none = static_cast<std::size_t>(-1);

  ScopeKind kind = ScopeKind::module;
  std::string_view name;
  std::size_t parent = none;
  std::size_t header_line = none;            // index into lines()
  std::vector<std::size_t> decorator_lines;  // the `@...` lines right above the header, top first
  std::size_t keyword_token = 0;             // `def`/`class` (`async` precedes `def` when is_async)
  std::size_t name_token = 0;
  std::size_t colon_token = 0;    // the `:` ending the header
  std::size_t body_end_line = 0;  // one past the last line of the body; the body starts after the header
  bool inline_body = false;       // `def f(): return 1`: the body follows the colon on the header line
  // class: the parenthesised bases, when present
  std::size_t bases_open = none;
  // function
  bool is_async = false;
  std::size_t parameters_open = none;
  std::vector<Parameter> parameters;
  std::size_t returns_first = none, returns_end = none;  // the annotation after `->`
};

// An entry of an import statement: `name` or `name as alias`; for `import a.b`, name is "a.b".
struct ImportEntry {
  std::string_view name;
  std::string_view alias;  // empty without `as`
  std::size_t first = 0;   // first and one-past-last token of the entry
  std::size_t end = 0;
  std::string_view bound_name() const;  // the name the entry binds in the module (`a` for `import a.b`)
};

struct ImportStatement {
  bool is_from = false;     // `from M import ...`; otherwise `import ...`
  std::string_view module;  // M, with leading dots of a relative import
  std::size_t line = 0;     // index into lines()
  bool parenthesized = false;
  bool has_comments = false;  // comments between its tokens
  bool star = false;          // `from M import *`
  std::vector<ImportEntry> entries;
};

// One argument of a call: `value`, `name=value`, `*args` or `**kwargs`; token ranges, comments trimmed.
struct CallArgument {
  std::size_t first = 0;                        // first token of the argument
  std::size_t end = 0;                          // one past its last token
  std::size_t keyword = TokenizedSource::npos;  // the name token of `name=value`
  std::size_t value_first = 0;                  // first token of the value (after `name=` or stars)
  int stars = 0;
  std::string_view keyword_name(const TokenizedSource& source) const { return source.text(keyword); }
};

// The arguments between the bracket at `open` and its partner (split at top-level commas; a trailing comma
// makes no empty argument).
std::vector<CallArgument> call_arguments(const TokenizedSource& source, std::size_t open);

class PythonModule {
 public:
  explicit PythonModule(std::string_view text);

  const TokenizedSource& source() const { return source_; }
  std::string_view text() const { return source_.text(); }
  const std::vector<LogicalLine>& lines() const { return lines_; }
  const std::vector<PythonScope>& scopes() const { return scopes_; }
  const std::vector<ImportStatement>& imports() const { return imports_; }

  // The logical line holding token `index`, or PythonScope::none for a comment outside any line.
  std::size_t line_of(std::size_t index) const;
  // The scope defined by the header on line `line`, or PythonScope::none.
  std::size_t scope_with_header(std::size_t line) const { return header_scope_[line]; }
  // The scope whose names token `index` sees: the def/class around it, the function itself for its parameter
  // list and an inline body.
  std::size_t scope_of(std::size_t index) const;
  // Lines [header + 1, body_end_line) of a scope: its body, nested scopes included.
  std::size_t body_first_line(std::size_t scope) const { return scopes_[scope].header_line + 1; }

  // Byte offsets of the physical line around `offset`: its first byte, and its line break (or the end).
  std::size_t physical_line_start(std::size_t offset) const;
  std::size_t physical_line_end(std::size_t offset) const;
  // Just past the line break ending the physical line around `offset`.
  std::size_t next_physical_line(std::size_t offset) const;
  // The start of the physical line before the one starting at `line_start` (0 stays 0).
  std::size_t previous_physical_line(std::size_t line_start) const;
  // The leading blanks of the physical line around `offset`.
  std::string_view indentation_at(std::size_t offset) const;

 private:
  void build_lines();
  void build_scopes();
  void parse_header(PythonScope& scope, std::size_t line);
  void parse_parameters(PythonScope& scope, std::size_t open);
  void parse_imports();

  TokenizedSource source_;
  std::vector<LogicalLine> lines_;
  std::vector<PythonScope> scopes_;
  std::vector<ImportStatement> imports_;
  std::vector<std::size_t> token_line_;    // logical line of each token (none for comments between lines)
  std::vector<std::size_t> header_scope_;  // the scope each line is the header of, or none
};

}  // namespace apictl::migrate
