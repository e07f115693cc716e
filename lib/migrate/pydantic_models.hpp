// PydanticModels: what one Python file shows about Pydantic: which names are Pydantic's, which classes are
// models, and whether an expression is known to be a model (instance or class), known not to be one, or unknown.
// The analysis is flow-insensitive and conservative: a name is a model only when every binding of it in its scope
// says so, so a rewrite that trusts it cannot change a non-model.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "migrate/python_module.hpp"

namespace apictl::migrate {

enum class ValueKind {
  unknown,          // the file does not tell
  other,            // known not to be a model: literals, builtins, instances of plain classes, HTTP responses...
  model,            // an instance of a Pydantic (v1-style) model
  model_class,      // a model class
  model_sequence,   // a list/sequence/set of model instances
  model_factory,    // a bound classmethod that returns an instance (`Item.parse_obj`), or `item.copy`
  plain_class,      // a class known not to be a model
  builtin_type,     // dict, list, str, sorted... called: other
  function,         // a function of this file; called: its return annotation
  foreign_module,   // json, requests, httpx...: anything reached through it is other
  pydantic_module,  // `import pydantic`: `pydantic.BaseModel` is a model class
  v1_model,         // something of `pydantic.v1`: deliberately left on v1, never rewritten
};

struct Value {
  ValueKind kind = ValueKind::unknown;
  std::string_view model;                  // the model class name, for model kinds
  ValueKind returns = ValueKind::unknown;  // function: what a call gives
  std::string_view returns_model;
};

enum class ClassKind { model, plain, unknown, v1_model };

class PydanticModels {
 public:
  explicit PydanticModels(const PythonModule& module);

  // The Pydantic name a reference at token `index` stands for: `Field` after `from pydantic import Field`,
  // `pydantic.Field` after `import pydantic`; with the index one past the reference. Nothing for pydantic.v1.
  std::optional<std::pair<std::string_view, std::size_t>> pydantic_symbol(std::size_t index) const;
  // Whether some import binds `name` in the module (any import, Pydantic or not).
  bool is_imported(std::string_view name) const { return imported_names_.contains(name); }
  // How the file refers to Pydantic names it does not import yet: "" (bare names, added to `from pydantic
  // import`) or "pydantic." (only `import pydantic` is there).
  const std::string& qualifier() const { return qualifier_; }

  ClassKind class_kind(std::size_t scope);
  // A model class that derives (here or through its bases in this file) from BaseSettings.
  bool is_settings(std::size_t scope, std::size_t depth = 0);
  // Whether the model's Config (or a base model's in this file) sets orm_mode / from_attributes to True.
  bool has_from_attributes(std::size_t scope, std::size_t depth = 0);
  // The class scope named `name` defined at module level, if exactly one.
  std::optional<std::size_t> module_class(std::string_view name) const;

  // The value of the expression in tokens [first, end) as seen from `scope`.
  Value evaluate(std::size_t first, std::size_t end, std::size_t scope);
  // Where the primary expression (atom and trailers) ending just before token `end` starts, or npos.
  std::size_t primary_start(std::size_t end) const;
  // The primary expression starting at `first`: one past its atom and the trailers before `limit`.
  std::size_t primary_end(std::size_t first, std::size_t limit) const;

 private:
  struct Binding {
    enum class Kind { value, annotation, loop_item, parameter, definition, import, unknown } kind = Kind::unknown;
    std::size_t first = 0, end = 0;  // tokens of the value, annotation or iterable
    std::size_t scope = 0;           // where those tokens are evaluated; the defined scope for `definition`
    std::size_t parameter = 0;       // index into the function's parameters
    std::string_view module;         // import: the module, or "" for `import x`
    std::string_view name;           // import: the imported name
  };
  using Bindings = std::map<std::string_view, std::vector<Binding>, std::less<>>;

  void read_imports();
  const Bindings& bindings_of(std::size_t scope);
  void bind_statement(Bindings& bindings, std::size_t scope, std::size_t first, std::size_t end);
  void bind_anywhere(Bindings& bindings, std::size_t scope, std::size_t first, std::size_t end);
  void bind_targets(Bindings& bindings, std::size_t first, std::size_t end);
  Value lookup(std::string_view name, std::size_t scope);
  Value value_of(const Binding& binding);
  Value annotation_value(std::size_t first, std::size_t end, std::size_t scope);
  Value parameter_value(std::size_t function, std::size_t index);
  Value class_value(std::size_t scope);
  Value import_value(std::string_view module, std::string_view name);
  Value trailer(Value base, std::size_t index, std::size_t& next);
  bool has_pydantic_decorator(std::size_t class_scope) const;

  const PythonModule& module_;
  const TokenizedSource& source_;
  std::map<std::string_view, std::string_view, std::less<>> pydantic_names_;  // local name -> Pydantic name
  std::set<std::string_view, std::less<>> pydantic_modules_;                  // local names of `pydantic`
  std::set<std::string_view, std::less<>> v1_names_;                          // names bound from pydantic.v1
  std::set<std::string_view, std::less<>> imported_names_;
  std::set<std::string_view, std::less<>> declared_elsewhere_;  // global/nonlocal names: never trusted
  std::string qualifier_;
  std::map<std::size_t, Bindings> bindings_;
  std::map<std::pair<std::size_t, std::string_view>, Value> lookups_;
  std::set<std::pair<std::size_t, std::string_view>> in_progress_;
  std::map<std::size_t, ClassKind> class_kinds_;
  std::set<std::size_t> classes_in_progress_;
  std::size_t nesting_ = 0;                         // depth of evaluate/annotation_value/bind_targets calls
  std::vector<std::vector<std::size_t>> children_;  // scopes directly inside each scope
  std::map<std::string_view, std::size_t, std::less<>>
      module_classes_;  // module-level class -> scope (none: ambiguous)
};

}  // namespace apictl::migrate
