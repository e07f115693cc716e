// PydanticModels: bindings per scope (assignments, annotations, loop targets, parameters, definitions, imports)
// and a small abstract evaluation of expressions over them. Anything the file does not make certain is unknown.
#include "migrate/pydantic_models.hpp"

#include <algorithm>
#include <array>

#include "migrate/python_tokens.hpp"

namespace apictl::migrate {

namespace {

constexpr std::size_t npos = TokenizedSource::npos;
constexpr std::size_t none = PythonScope::none;
// How deep lookups may nest (names defined by names, classes by base classes): keeps the stack small on any input.
constexpr std::size_t max_depth = 100;

template <std::size_t N>
bool one_of(std::string_view text, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), text) != list.end();
}

constexpr std::array<std::string_view, 3> model_bases = {"BaseModel", "BaseSettings", "GenericModel"};
// Classmethods that build an instance (v1 names and their v2 successors).
constexpr std::array<std::string_view, 9> instance_factories = {
    "parse_obj", "parse_raw",      "parse_file",          "from_orm",       "construct",
    "validate",  "model_validate", "model_validate_json", "model_construct"};
constexpr std::array<std::string_view, 29> builtin_callables = {
    "dict",      "list",    "set",   "tuple",      "str",        "int",       "float", "bool", "bytes",  "bytearray",
    "frozenset", "complex", "range", "len",        "sorted",     "enumerate", "zip",   "map",  "filter", "repr",
    "format",    "print",   "open",  "isinstance", "issubclass", "hash",      "id",    "abs",  "round"};
// Modules whose values are never Pydantic models: a `.json()` on what they return is theirs.
constexpr std::array<std::string_view, 17> foreign_modules = {
    "json", "requests", "httpx",  "aiohttp", "urllib",     "os",     "re",      "csv",    "yaml",
    "toml", "tomllib",  "pickle", "sqlite3", "subprocess", "shutil", "pathlib", "logging"};
// Modules whose classes are never models (typing helpers, enums, dataclasses, dates...).
constexpr std::array<std::string_view, 12> plain_class_modules = {
    "typing",          "typing_extensions", "abc",     "enum", "dataclasses", "collections",
    "collections.abc", "datetime",          "decimal", "uuid", "pathlib",     "ipaddress"};
constexpr std::array<std::string_view, 11> sequence_types = {"List",       "list",     "Sequence",       "Iterable",
                                                             "Set",        "set",      "FrozenSet",      "frozenset",
                                                             "Collection", "Iterator", "MutableSequence"};
constexpr std::array<std::string_view, 3> validator_decorators = {"validator", "root_validator", "field_validator"};

bool is_pydantic_module(std::string_view module) {
  return (module == "pydantic" || module.starts_with("pydantic.") || module == "pydantic_settings") &&
         !module.starts_with("pydantic.v1");
}

bool is_v1_module(std::string_view module) { return module == "pydantic.v1" || module.starts_with("pydantic.v1."); }

Value of(ValueKind kind, std::string_view model = {}) { return Value{kind, model, ValueKind::unknown, {}}; }

// A value used where a type is expected: the instances it describes.
Value instance_of(const Value& type) {
  switch (type.kind) {
    case ValueKind::model_class:
      return of(ValueKind::model, type.model);
    case ValueKind::plain_class:
    case ValueKind::builtin_type:
    case ValueKind::foreign_module:
    case ValueKind::other:
      return of(ValueKind::other);
    case ValueKind::v1_model:
      return of(ValueKind::v1_model);
    default:
      return of(ValueKind::unknown);
  }
}

bool is_model_like(ValueKind kind) {
  return kind == ValueKind::model || kind == ValueKind::model_class || kind == ValueKind::model_sequence ||
         kind == ValueKind::model_factory;
}

// What a name holds when it has several bindings: what they agree on, "other" when none can be a model, else
// unknown.
Value combine(const std::vector<Value>& values) {
  if (values.empty()) return of(ValueKind::unknown);
  const Value& first = values.front();
  bool same = std::all_of(values.begin(), values.end(), [&](const Value& v) {
    return v.kind == first.kind && v.returns == first.returns && v.returns_model == first.returns_model;
  });
  if (same) {
    bool same_model = std::all_of(values.begin(), values.end(), [&](const Value& v) { return v.model == first.model; });
    return same_model ? first : of(first.kind);
  }
  bool none_model = std::none_of(values.begin(), values.end(), [](const Value& v) {
    return is_model_like(v.kind) || v.kind == ValueKind::unknown || v.kind == ValueKind::v1_model ||
           v.kind == ValueKind::function;
  });
  return none_model ? of(ValueKind::other) : of(ValueKind::unknown);
}

// Counts one level of recursion for as long as it lives.
class Nesting {
 public:
  explicit Nesting(std::size_t& depth) : depth_(depth) { ++depth_; }
  ~Nesting() { --depth_; }
  Nesting(const Nesting&) = delete;
  Nesting& operator=(const Nesting&) = delete;
  bool too_deep() const { return depth_ > max_depth; }

 private:
  std::size_t& depth_;
};

}  // namespace

PydanticModels::PydanticModels(const PythonModule& module) : module_(module), source_(module.source()) {
  read_imports();
  children_.resize(module_.scopes().size());
  for (std::size_t s = 1; s < module_.scopes().size(); ++s) {
    const PythonScope& scope = module_.scopes()[s];
    children_[scope.parent].push_back(s);
    if (scope.parent != 0) continue;
    // A name defined twice at module level (or as a class and a function) is no one class.
    auto [at, inserted] = module_classes_.emplace(scope.name, s);
    if (!inserted || scope.kind != ScopeKind::class_definition) at->second = none;
  }
}

void PydanticModels::read_imports() {
  bool from_pydantic = false;
  for (const ImportStatement& statement : module_.imports()) {
    for (const ImportEntry& entry : statement.entries) {
      imported_names_.insert(entry.bound_name());
      if (statement.is_from) {
        if (is_pydantic_module(statement.module)) pydantic_names_[entry.bound_name()] = entry.name;
        if (is_v1_module(statement.module)) v1_names_.insert(entry.bound_name());
        continue;
      }
      if (entry.name == "pydantic" || (entry.name.starts_with("pydantic.") && !is_v1_module(entry.name)))
        pydantic_modules_.insert(entry.alias.empty() ? std::string_view("pydantic") : entry.alias);
    }
    if (statement.is_from && statement.module == "pydantic" && !statement.star) from_pydantic = true;
  }
  if (!from_pydantic && !pydantic_modules_.empty()) qualifier_ = std::string(*pydantic_modules_.begin()) + ".";
}

std::optional<std::pair<std::string_view, std::size_t>> PydanticModels::pydantic_symbol(std::size_t index) const {
  if (!source_.is_kind(index, TokenKind::name)) return std::nullopt;
  std::size_t before = source_.previous_code(index);
  if (before != npos && source_.is_op(before, ".")) return std::nullopt;
  std::string_view name = source_.text(index);
  if (auto found = pydantic_names_.find(name); found != pydantic_names_.end())
    return std::pair{found->second, index + 1};
  if (pydantic_modules_.contains(name) && source_.is_op(index + 1, ".") &&
      source_.is_kind(index + 2, TokenKind::name) && source_.text(index + 2) != "v1")
    return std::pair{source_.text(index + 2), index + 3};
  return std::nullopt;
}

std::optional<std::size_t> PydanticModels::module_class(std::string_view name) const {
  auto found = module_classes_.find(name);
  if (found == module_classes_.end() || found->second == none) return std::nullopt;
  return found->second;
}

// ---- bindings -------------------------------------------------------------------------------------------------

const PydanticModels::Bindings& PydanticModels::bindings_of(std::size_t scope) {
  if (auto found = bindings_.find(scope); found != bindings_.end()) return found->second;
  Bindings bindings;
  const PythonScope& own = module_.scopes()[scope];
  const auto& lines = module_.lines();
  for (std::size_t p = 0; p < own.parameters.size(); ++p) {
    Binding binding;
    binding.kind = Binding::Kind::parameter;
    binding.scope = scope;
    binding.parameter = p;
    bindings[own.parameters[p].name].push_back(binding);
  }
  std::size_t first_line = scope == 0 ? 0 : own.header_line + 1;
  for (std::size_t l = first_line; l < own.body_end_line; ++l) {
    if (lines[l].scope != scope) continue;
    if (std::size_t child = module_.scope_with_header(l); child != none) {
      Binding binding;
      binding.kind = Binding::Kind::definition;
      binding.scope = child;
      bindings[module_.scopes()[child].name].push_back(binding);
      continue;
    }
    if (source_.is_op(lines[l].first, "@")) {
      bind_anywhere(bindings, scope, lines[l].first, lines[l].end);
      continue;
    }
    bind_statement(bindings, scope, lines[l].first, lines[l].end);
  }
  if (own.inline_body) bind_statement(bindings, scope, own.colon_token + 1, lines[own.header_line].end);
  return bindings_.emplace(scope, std::move(bindings)).first->second;
}

void PydanticModels::bind_statement(Bindings& bindings, std::size_t scope, std::size_t first, std::size_t end) {
  while (first < end && source_[first].kind == TokenKind::comment) ++first;
  if (first >= end) return;
  auto skip = [&](std::size_t i) {
    std::size_t close = source_.partner(i);
    return close != npos && close > i && close < end ? close + 1 : i + 1;
  };
  // Several statements on one line.
  for (std::size_t i = first; i < end; i = skip(i)) {
    if (source_.is_op(i, ";")) {
      bind_statement(bindings, scope, first, i);
      bind_statement(bindings, scope, i + 1, end);
      return;
    }
  }
  auto unknown = [&](std::size_t token) {
    Binding binding;
    binding.kind = Binding::Kind::unknown;
    bindings[source_.text(token)].push_back(binding);
  };
  auto unknown_names = [&](std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
      std::size_t before = source_.previous_code(i);
      if (source_.is_kind(i, TokenKind::name) && !is_python_keyword(source_.text(i)) &&
          !(before != npos && source_.is_op(before, ".")))
        unknown(i);
    }
  };
  std::string_view head = source_.text(first);
  static constexpr std::array<std::string_view, 12> compound = {"if",     "elif",    "else", "while", "for",   "try",
                                                                "except", "finally", "with", "async", "match", "case"};
  if (source_[first].kind == TokenKind::name && one_of(head, compound)) {
    // The header up to its `:`, then an inline body.
    std::size_t colon = first;
    while (colon < end && !source_.is_op(colon, ":")) {
      if (source_.is_name(colon, "lambda")) {
        while (colon < end && !source_.is_op(colon, ":")) colon = skip(colon);
        if (colon < end) ++colon;
        continue;
      }
      colon = skip(colon);
    }
    std::size_t header_first = source_.is_name(first, "async") ? first + 1 : first;
    std::string_view keyword = source_.text(header_first);
    if (keyword == "for") {
      std::size_t in = header_first + 1;
      while (in < colon && !source_.is_name(in, "in")) in = skip(in);
      if (in == header_first + 2 && source_.is_kind(header_first + 1, TokenKind::name)) {
        Binding binding;
        binding.kind = Binding::Kind::loop_item;
        binding.first = in + 1;
        binding.end = colon;
        binding.scope = scope;
        bindings[source_.text(header_first + 1)].push_back(binding);
      } else {
        bind_targets(bindings, header_first + 1, in);
      }
    } else if (keyword == "with" || keyword == "except") {
      for (std::size_t i = header_first; i < colon; i = skip(i)) {
        if (!source_.is_name(i, "as")) continue;
        std::size_t target_end = i + 1;
        while (target_end < colon && !source_.is_op(target_end, ",")) target_end = skip(target_end);
        bind_targets(bindings, i + 1, target_end);
      }
    } else if (keyword == "case") {
      unknown_names(header_first + 1, colon);
    }
    bind_anywhere(bindings, scope, header_first, colon);
    if (colon < end) bind_statement(bindings, scope, colon + 1, end);
    return;
  }
  if (head == "import" || head == "from") {
    std::string_view module;
    std::size_t i = first + 1;
    if (head == "from") {
      std::size_t module_first = i;
      while (i < end && !source_.is_name(i, "import")) ++i;
      if (i >= end) return;
      module = source_.span(module_first, i - 1);
      ++i;
    }
    while (i < end) {
      if (!source_.is_kind(i, TokenKind::name)) {
        ++i;
        continue;
      }
      std::size_t last = i;
      while (source_.is_op(last + 1, ".") && source_.is_kind(last + 2, TokenKind::name)) last += 2;
      std::string_view name = source_.span(i, last);
      std::size_t bound_token = i;
      if (source_.is_name(last + 1, "as") && source_.is_kind(last + 2, TokenKind::name)) {
        bound_token = last + 2;
        last += 2;
      }
      Binding binding;
      binding.kind = Binding::Kind::import;
      binding.module = module;
      binding.name = name;
      bindings[source_.text(bound_token)].push_back(binding);
      i = last + 1;
    }
    return;
  }
  if (head == "global" || head == "nonlocal") {
    for (std::size_t i = first + 1; i < end; ++i) {
      if (!source_.is_kind(i, TokenKind::name)) continue;
      declared_elsewhere_.insert(source_.text(i));
      unknown(i);
    }
    return;
  }
  // Annotated assignment: `name: T` or `name: T = value`; the annotation is what the name holds.
  if (source_[first].kind == TokenKind::name && !is_python_keyword(head) && source_.is_op(first + 1, ":")) {
    std::size_t equals = first + 2;
    while (equals < end && !source_.is_op(equals, "=")) equals = skip(equals);
    Binding binding;
    binding.kind = Binding::Kind::annotation;
    binding.first = first + 2;
    binding.end = equals;
    binding.scope = scope;
    bindings[head].push_back(binding);
    if (equals < end) bind_anywhere(bindings, scope, equals + 1, end);
    return;
  }
  std::vector<std::size_t> equals;
  std::size_t augmented = npos;
  for (std::size_t i = first; i < end; i = skip(i)) {
    if (source_.is_op(i, "=")) equals.push_back(i);
    if (source_[i].kind == TokenKind::op && source_.text(i) != "=" && source_.text(i) != ":=" &&
        is_assignment_operator(source_.text(i)) && augmented == npos && equals.empty())
      augmented = i;
  }
  if (!equals.empty()) {
    std::size_t target_first = first;
    for (std::size_t eq : equals) {
      std::size_t target_last = source_.previous_code(eq);
      if (target_last == target_first && source_[target_first].kind == TokenKind::name) {
        Binding binding;
        binding.kind = Binding::Kind::value;
        binding.first = equals.back() + 1;
        binding.end = end;
        binding.scope = scope;
        bindings[source_.text(target_first)].push_back(binding);
      } else {
        bind_targets(bindings, target_first, eq);
      }
      target_first = eq + 1;
    }
    bind_anywhere(bindings, scope, equals.back() + 1, end);
    return;
  }
  if (augmented != npos) {
    bind_targets(bindings, first, augmented);
    bind_anywhere(bindings, scope, augmented + 1, end);
    return;
  }
  bind_anywhere(bindings, scope, first, end);
}

// Names an assignment target list binds (as unknown): `a`, `a, *b`, `(a, [b, c])`; `x.y` and `x[i]` bind nothing.
void PydanticModels::bind_targets(Bindings& bindings, std::size_t first, std::size_t end) {
  Nesting nesting(nesting_);
  if (nesting.too_deep()) return;
  auto skip = [&](std::size_t i) {
    std::size_t close = source_.partner(i);
    return close != npos && close > i && close < end ? close + 1 : i + 1;
  };
  std::size_t element = first;
  while (element < end) {
    std::size_t element_end = element;
    while (element_end < end && !source_.is_op(element_end, ",")) element_end = skip(element_end);
    std::size_t a = element;
    while (a < element_end && (source_[a].kind == TokenKind::comment || source_.is_op(a, "*"))) ++a;
    std::size_t b = element_end;
    while (b > a && source_[b - 1].kind == TokenKind::comment) --b;
    if (b == a + 1 && source_.is_kind(a, TokenKind::name)) {
      Binding binding;
      binding.kind = Binding::Kind::unknown;
      bindings[source_.text(a)].push_back(binding);
    } else if (b > a && (source_.is_op(a, "(") || source_.is_op(a, "[")) && source_.partner(a) == b - 1) {
      bind_targets(bindings, a + 1, b - 1);
    }
    element = element_end + 1;
  }
}

// Bindings inside expressions: `name := ...`, lambda parameters, comprehension targets.
void PydanticModels::bind_anywhere(Bindings& bindings, std::size_t scope, std::size_t first, std::size_t end) {
  auto unknown = [&](std::size_t token) {
    Binding binding;
    binding.kind = Binding::Kind::unknown;
    bindings[source_.text(token)].push_back(binding);
  };
  for (std::size_t i = first; i < end; ++i) {
    if (source_.is_op(i, ":=") && i > first && source_.is_kind(i - 1, TokenKind::name)) {
      unknown(i - 1);
    } else if (source_.is_name(i, "lambda")) {
      for (std::size_t j = i + 1; j < end && !source_.is_op(j, ":"); ++j)
        if (source_.is_kind(j, TokenKind::name)) unknown(j);
    } else if (source_.is_name(i, "for")) {
      std::size_t in = i + 1;
      while (in < end && !source_.is_name(in, "in")) ++in;
      if (in >= end) continue;
      if (in == i + 2 && source_.is_kind(i + 1, TokenKind::name)) {
        // The iterable runs to the next clause or to the end of the comprehension.
        std::size_t iterable_end = in + 1;
        while (iterable_end < end) {
          if (source_.is_name(iterable_end, "for") || source_.is_name(iterable_end, "if") ||
              source_.is_name(iterable_end, "async"))
            break;
          std::string_view text = source_.text(iterable_end);
          if (source_[iterable_end].kind == TokenKind::op && (text == ")" || text == "]" || text == "}" || text == ","))
            break;
          std::size_t close = source_.partner(iterable_end);
          iterable_end = close != npos && close > iterable_end ? close + 1 : iterable_end + 1;
        }
        Binding binding;
        binding.kind = Binding::Kind::loop_item;
        binding.first = in + 1;
        binding.end = iterable_end;
        binding.scope = scope;
        bindings[source_.text(i + 1)].push_back(binding);
      } else {
        bind_targets(bindings, i + 1, in);
      }
    }
  }
}

// ---- values ---------------------------------------------------------------------------------------------------

Value PydanticModels::lookup(std::string_view name, std::size_t scope) {
  auto key = std::pair{scope, name};
  if (auto found = lookups_.find(key); found != lookups_.end()) return found->second;
  // A cycle (`a = b; b = a`) or a very long chain of names is not worth following: unknown.
  if (in_progress_.contains(key) || in_progress_.size() + classes_in_progress_.size() > max_depth)
    return of(ValueKind::unknown);
  in_progress_.insert(key);
  Value result = of(ValueKind::unknown);
  bool found = false;
  bool first = true;
  for (std::size_t s = scope; s != none; s = module_.scopes()[s].parent) {
    // Methods do not see their class's names.
    if (!first && module_.scopes()[s].kind == ScopeKind::class_definition) continue;
    first = false;
    const Bindings& bindings = bindings_of(s);
    auto hit = bindings.find(name);
    if (hit == bindings.end()) continue;
    std::vector<Value> values;
    for (const Binding& binding : hit->second) values.push_back(value_of(binding));
    result = combine(values);
    found = true;
    break;
  }
  if (!found && one_of(name, builtin_callables)) result = of(ValueKind::builtin_type);
  if (declared_elsewhere_.contains(name)) result = of(ValueKind::unknown);
  in_progress_.erase(key);
  lookups_[key] = result;
  return result;
}

Value PydanticModels::value_of(const Binding& binding) {
  switch (binding.kind) {
    case Binding::Kind::value:
      return evaluate(binding.first, binding.end, binding.scope);
    case Binding::Kind::annotation:
      return annotation_value(binding.first, binding.end, binding.scope);
    case Binding::Kind::loop_item: {
      Value iterable = evaluate(binding.first, binding.end, binding.scope);
      return iterable.kind == ValueKind::model_sequence ? of(ValueKind::model, iterable.model) : of(ValueKind::unknown);
    }
    case Binding::Kind::parameter:
      return parameter_value(binding.scope, binding.parameter);
    case Binding::Kind::definition: {
      const PythonScope& defined = module_.scopes()[binding.scope];
      if (defined.kind == ScopeKind::class_definition) return class_value(binding.scope);
      Value function = of(ValueKind::function);
      if (defined.returns_first != none) {
        Value returns = annotation_value(defined.returns_first, defined.returns_end, defined.parent);
        function.returns = returns.kind;
        function.returns_model = returns.model;
      }
      return function;
    }
    case Binding::Kind::import:
      return import_value(binding.module, binding.name);
    case Binding::Kind::unknown:
      break;
  }
  return of(ValueKind::unknown);
}

Value PydanticModels::import_value(std::string_view module, std::string_view name) {
  if (module.empty()) {
    if (name == "pydantic" || (name.starts_with("pydantic.") && !is_v1_module(name)))
      return of(ValueKind::pydantic_module);
    if (is_v1_module(name)) return of(ValueKind::v1_model);
    if (one_of(name.substr(0, name.find('.')), foreign_modules)) return of(ValueKind::foreign_module);
    return of(ValueKind::unknown);
  }
  if (is_v1_module(module)) return of(ValueKind::v1_model);
  if (is_pydantic_module(module)) {
    if (one_of(name, model_bases)) return of(ValueKind::model_class, name);
    return of(ValueKind::other);
  }
  if (one_of(module, foreign_modules)) return of(ValueKind::builtin_type);
  if (one_of(module, plain_class_modules) && name != "Any") return of(ValueKind::plain_class);
  return of(ValueKind::unknown);
}

Value PydanticModels::parameter_value(std::size_t function, std::size_t index) {
  const PythonScope& scope = module_.scopes()[function];
  const Parameter& parameter = scope.parameters[index];
  if (parameter.stars > 0) return of(ValueKind::other);  // a tuple or a dict
  if (parameter.annotation_end > parameter.annotation_first)
    return annotation_value(parameter.annotation_first, parameter.annotation_end, scope.parent);
  const PythonScope& parent = module_.scopes()[scope.parent];
  if (index != 0 || parent.kind != ScopeKind::class_definition) return of(ValueKind::unknown);
  // The first parameter of a method: the instance, or the class for classmethods and validators.
  bool class_receiver = false;
  for (std::size_t line : scope.decorator_lines) {
    std::size_t name = module_.lines()[line].first + 1;
    if (source_.is_name(name, "staticmethod")) return of(ValueKind::unknown);
    if (source_.is_name(name, "classmethod")) class_receiver = true;
    if (auto symbol = pydantic_symbol(name);
        symbol && (one_of(symbol->first, validator_decorators) || symbol->first == "model_validator"))
      class_receiver = true;
  }
  Value owner = class_value(scope.parent);
  return class_receiver ? owner : instance_of(owner);
}

Value PydanticModels::class_value(std::size_t scope) {
  switch (class_kind(scope)) {
    case ClassKind::model:
      return of(ValueKind::model_class, module_.scopes()[scope].name);
    case ClassKind::plain:
      return of(ValueKind::plain_class);
    case ClassKind::v1_model:
      return of(ValueKind::v1_model);
    case ClassKind::unknown:
      break;
  }
  return of(ValueKind::unknown);
}

ClassKind PydanticModels::class_kind(std::size_t scope) {
  if (auto found = class_kinds_.find(scope); found != class_kinds_.end()) return found->second;
  if (classes_in_progress_.contains(scope) || in_progress_.size() + classes_in_progress_.size() > max_depth)
    return ClassKind::unknown;
  classes_in_progress_.insert(scope);
  const PythonScope& own = module_.scopes()[scope];
  ClassKind kind = ClassKind::plain;
  if (own.bases_open != none) {
    bool any_model = false, any_v1 = false, any_unknown = false;
    std::size_t close = source_.partner(own.bases_open);
    std::size_t part = own.bases_open + 1;
    while (part < close) {
      std::size_t part_end = part;
      while (part_end < close && !source_.is_op(part_end, ",")) {
        std::size_t partner = source_.partner(part_end);
        part_end = partner != npos && partner > part_end ? partner + 1 : part_end + 1;
      }
      std::size_t first = part;
      while (first < part_end && source_[first].kind == TokenKind::comment) ++first;
      bool keyword = source_.is_kind(first, TokenKind::name) && source_.is_op(first + 1, "=");  // metaclass=...
      if (first < part_end && !keyword && !source_.is_op(first, "**")) {
        Value base = evaluate(first, part_end, own.parent);
        if (base.kind == ValueKind::model_class)
          any_model = true;
        else if (base.kind == ValueKind::v1_model)
          any_v1 = true;
        else if (base.kind != ValueKind::plain_class && base.kind != ValueKind::builtin_type &&
                 base.kind != ValueKind::other)
          any_unknown = true;
      }
      part = part_end + 1;
    }
    if (any_model)
      kind = ClassKind::model;
    else if (any_v1)
      kind = ClassKind::v1_model;
    else if (any_unknown)
      kind = has_pydantic_decorator(scope) ? ClassKind::model : ClassKind::unknown;
  }
  classes_in_progress_.erase(scope);
  class_kinds_[scope] = kind;
  return kind;
}

// Pydantic's validator decorators only make sense on a model: evidence enough when the base is imported from
// another file of the project.
bool PydanticModels::has_pydantic_decorator(std::size_t class_scope) const {
  for (std::size_t s : children_[class_scope]) {
    const PythonScope& scope = module_.scopes()[s];
    for (std::size_t line : scope.decorator_lines) {
      auto symbol = pydantic_symbol(module_.lines()[line].first + 1);
      if (symbol && (symbol->first == "validator" || symbol->first == "root_validator")) return true;
    }
  }
  return false;
}

bool PydanticModels::is_settings(std::size_t scope, std::size_t depth) {
  if (depth > max_depth || class_kind(scope) != ClassKind::model) return false;
  const PythonScope& own = module_.scopes()[scope];
  std::size_t close = source_.partner(own.bases_open);
  for (std::size_t i = own.bases_open + 1; i < close; ++i) {
    auto symbol = pydantic_symbol(i);
    if (symbol && symbol->first == "BaseSettings") return true;
    if (source_.is_kind(i, TokenKind::name) && !source_.is_op(source_.previous_code(i), ".")) {
      auto base = module_class(source_.text(i));
      if (base && *base < scope && is_settings(*base, depth + 1)) return true;
    }
  }
  return false;
}

bool PydanticModels::has_from_attributes(std::size_t scope, std::size_t depth) {
  if (depth > max_depth) return false;
  const PythonScope& own = module_.scopes()[scope];
  const auto& lines = module_.lines();
  for (std::size_t l = own.header_line + 1; l < own.body_end_line; ++l) {
    std::size_t first = lines[l].first;
    std::size_t child = module_.scope_with_header(l);
    bool in_config = lines[l].scope != scope && module_.scopes()[lines[l].scope].name == "Config" &&
                     module_.scopes()[lines[l].scope].parent == scope;
    if (child == none && in_config &&
        (source_.is_name(first, "orm_mode") || source_.is_name(first, "from_attributes")) &&
        source_.is_op(first + 1, "=") && source_.is_name(first + 2, "True"))
      return true;
    if (lines[l].scope == scope && source_.is_name(first, "model_config")) {
      for (std::size_t t = first; t + 2 < lines[l].end; ++t)
        if (source_.is_name(t, "from_attributes") && source_.is_op(t + 1, "=") && source_.is_name(t + 2, "True"))
          return true;
    }
  }
  if (own.bases_open == none) return false;
  for (std::size_t i = own.bases_open + 1; i < source_.partner(own.bases_open); ++i) {
    if (!source_.is_kind(i, TokenKind::name)) continue;
    auto base = module_class(source_.text(i));
    if (base && *base < scope && has_from_attributes(*base, depth + 1)) return true;
  }
  return false;
}

std::size_t PydanticModels::primary_start(std::size_t end) const {
  if (end == 0) return npos;
  std::size_t i = source_.previous_code(end);
  while (i != npos) {
    const Token& token = source_[i];
    if (token.kind == TokenKind::op && (source_.text(i) == ")" || source_.text(i) == "]")) {
      std::size_t open = source_.partner(i);
      if (open == npos) return npos;
      std::size_t before = source_.previous_code(open);
      bool trailer =
          before != npos &&
          ((source_[before].kind == TokenKind::name && !is_python_keyword(source_.text(before))) ||
           source_.is_op(before, ")") || source_.is_op(before, "]") || source_[before].kind == TokenKind::string);
      if (!trailer) return open;
      i = before;
      continue;
    }
    if (token.kind == TokenKind::op && source_.text(i) == "}") return source_.partner(i);
    if ((token.kind == TokenKind::name && (!is_python_keyword(source_.text(i)) || source_.text(i) == "None" ||
                                           source_.text(i) == "True" || source_.text(i) == "False")) ||
        token.kind == TokenKind::number || token.kind == TokenKind::string) {
      std::size_t before = source_.previous_code(i);
      if (before != npos && source_.is_op(before, ".") && token.kind == TokenKind::name) {
        std::size_t object = source_.previous_code(before);
        if (object == npos) return npos;
        i = object;
        continue;
      }
      if (before != npos && token.kind == TokenKind::string && source_[before].kind == TokenKind::string) {
        i = before;
        continue;
      }
      return i;
    }
    return npos;
  }
  return npos;
}

std::size_t PydanticModels::primary_end(std::size_t first, std::size_t limit) const {
  std::size_t end = first;
  const Token& token = source_[first];
  if (token.kind == TokenKind::name || token.kind == TokenKind::number) {
    end = first + 1;
  } else if (token.kind == TokenKind::string) {
    end = first + 1;
    while (source_.is_kind(end, TokenKind::string)) ++end;
  } else if (source_.is_op(first, "(") || source_.is_op(first, "[") || source_.is_op(first, "{")) {
    std::size_t close = source_.partner(first);
    if (close == npos) return first;
    end = close + 1;
  } else {
    return first;
  }
  while (end < limit) {
    if (source_.is_op(end, ".") && source_.is_kind(end + 1, TokenKind::name)) {
      end += 2;
    } else if (source_.is_op(end, "(") || source_.is_op(end, "[")) {
      std::size_t close = source_.partner(end);
      if (close == npos || close >= limit) break;
      end = close + 1;
    } else {
      break;
    }
  }
  return std::min(end, limit);
}

Value PydanticModels::evaluate(std::size_t first, std::size_t end, std::size_t scope) {
  Nesting nesting(nesting_);
  if (nesting.too_deep()) return of(ValueKind::unknown);
  while (first < end && source_[first].kind == TokenKind::comment) ++first;
  while (end > first && source_[end - 1].kind == TokenKind::comment) --end;
  if (first >= end) return of(ValueKind::unknown);
  if (source_.is_name(first, "await")) ++first;
  if (first >= end) return of(ValueKind::unknown);
  if (source_.is_name(first, "not") || source_.is_name(first, "lambda")) return of(ValueKind::other);
  std::size_t primary = primary_end(first, end);
  if (primary != end) return of(ValueKind::unknown);  // operators, conditionals: not worth guessing
  Value value = of(ValueKind::unknown);
  const Token& atom = source_[first];
  std::size_t next = first + 1;
  if (atom.kind == TokenKind::name) {
    std::string_view name = source_.text(first);
    if (name == "None" || name == "True" || name == "False") {
      value = of(ValueKind::other);
    } else if (is_python_keyword(name)) {
      return of(ValueKind::unknown);
    } else {
      value = lookup(name, scope);
      if (v1_names_.contains(name) && value.kind == ValueKind::unknown) value = of(ValueKind::v1_model);
    }
  } else if (atom.kind == TokenKind::number || atom.kind == TokenKind::string) {
    value = of(ValueKind::other);
    while (source_.is_kind(next, TokenKind::string)) ++next;
  } else if (source_.is_op(first, "[") || source_.is_op(first, "{")) {
    value = of(ValueKind::other);
    next = source_.partner(first) + 1;
  } else if (source_.is_op(first, "(")) {
    std::size_t close = source_.partner(first);
    bool tuple = close == first + 1;
    for (std::size_t i = first + 1; i < close && !tuple; ++i) {
      if (source_.is_op(i, ",") || source_.is_name(i, "for")) tuple = true;
      std::size_t partner = source_.partner(i);
      if (partner != npos && partner > i) i = partner;
    }
    value = tuple ? of(ValueKind::other) : evaluate(first + 1, close, scope);
    next = close + 1;
  }
  while (next < end) value = trailer(value, next, next);
  return value;
}

Value PydanticModels::trailer(Value base, std::size_t index, std::size_t& next) {
  if (source_.is_op(index, ".")) {
    next = index + 2;
    std::string_view attribute = source_.text(index + 1);
    switch (base.kind) {
      case ValueKind::model_class:
        return one_of(attribute, instance_factories) ? of(ValueKind::model_factory, base.model)
                                                     : of(ValueKind::unknown);
      case ValueKind::model:
        if (attribute == "copy" || attribute == "model_copy") return of(ValueKind::model_factory, base.model);
        if (attribute == "dict" || attribute == "json" || attribute == "model_dump" || attribute == "model_dump_json")
          return of(ValueKind::builtin_type);
        return of(ValueKind::unknown);
      case ValueKind::foreign_module:
        return of(ValueKind::foreign_module);
      case ValueKind::pydantic_module:
        if (one_of(attribute, model_bases)) return of(ValueKind::model_class, attribute);
        return attribute == "v1" ? of(ValueKind::v1_model) : of(ValueKind::other);
      case ValueKind::v1_model:
        return of(ValueKind::v1_model);
      default:
        return of(ValueKind::unknown);
    }
  }
  std::size_t close = source_.partner(index);
  next = close == npos ? index + 1 : close + 1;
  if (source_.is_op(index, "(")) {
    switch (base.kind) {
      case ValueKind::model_class:
      case ValueKind::model_factory:
        return of(ValueKind::model, base.model);
      case ValueKind::function: {
        Value result = of(base.returns, base.returns_model);
        return result;
      }
      case ValueKind::builtin_type:
      case ValueKind::plain_class:
      case ValueKind::foreign_module:
        return of(ValueKind::other);
      case ValueKind::v1_model:
        return of(ValueKind::v1_model);
      default:
        return of(ValueKind::unknown);
    }
  }
  if (source_.is_op(index, "[")) {
    switch (base.kind) {
      case ValueKind::model_sequence: {
        bool slice = false;
        for (std::size_t i = index + 1; i < close; ++i) {
          if (source_.is_op(i, ":")) slice = true;
          std::size_t partner = source_.partner(i);
          if (partner != npos && partner > i) i = partner;
        }
        return slice ? base : of(ValueKind::model, base.model);
      }
      case ValueKind::model_class:  // a generic model parametrized: Page[Item]
      case ValueKind::plain_class:
      case ValueKind::v1_model:
        return base;
      default:
        return of(ValueKind::unknown);
    }
  }
  return of(ValueKind::unknown);
}

Value PydanticModels::annotation_value(std::size_t first, std::size_t end, std::size_t scope) {
  Nesting nesting(nesting_);
  if (nesting.too_deep()) return of(ValueKind::unknown);
  while (first < end && source_[first].kind == TokenKind::comment) ++first;
  while (end > first && source_[end - 1].kind == TokenKind::comment) --end;
  if (first >= end) return of(ValueKind::unknown);
  // A forward reference: "Item".
  if (end == first + 1 && source_[first].kind == TokenKind::string) {
    std::string_view text = source_.text(first);
    if (text.size() < 2 || (text.front() != '"' && text.front() != '\'')) return of(ValueKind::unknown);
    std::string_view name = text.substr(1, text.size() - 2);
    bool identifier = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    });
    return identifier && !is_python_keyword(name) ? instance_of(lookup(name, scope)) : of(ValueKind::unknown);
  }
  auto split = [&](std::size_t from, std::size_t to, std::string_view separator) {
    std::vector<std::pair<std::size_t, std::size_t>> parts;
    std::size_t part = from;
    for (std::size_t i = from; i < to;) {
      if (source_.is_op(i, separator)) {
        parts.emplace_back(part, i);
        part = i + 1;
      }
      std::size_t partner = source_.partner(i);
      i = partner != npos && partner > i && partner < to ? partner + 1 : i + 1;
    }
    parts.emplace_back(part, to);
    return parts;
  };
  auto union_of = [&](const std::vector<std::pair<std::size_t, std::size_t>>& parts) {
    std::vector<Value> values;
    for (auto [a, b] : parts) {
      if (b == a + 1 && source_.is_name(a, "None")) continue;
      values.push_back(annotation_value(a, b, scope));
    }
    if (values.size() == 1) return values[0];
    bool same_model = !values.empty() && std::all_of(values.begin(), values.end(), [&](const Value& v) {
      return v.kind == values[0].kind && is_model_like(v.kind);
    });
    return same_model ? values[0] : of(ValueKind::unknown);
  };
  if (auto parts = split(first, end, "|"); parts.size() > 1) return union_of(parts);
  if (primary_end(first, end) != end) return of(ValueKind::unknown);
  std::size_t last = source_.previous_code(end);
  if (source_.is_op(last, "]") && source_.partner(last) != npos && source_.partner(last) > first) {
    std::size_t open = source_.partner(last);
    std::size_t base_name = source_.previous_code(open);
    std::string_view base = source_.text(base_name);
    auto arguments = split(open + 1, last, ",");
    if (base == "Optional" || base == "Annotated" || base == "Required" || base == "NotRequired" || base == "Final")
      return annotation_value(arguments[0].first, arguments[0].second, scope);
    if (base == "Union") return union_of(arguments);
    if (one_of(base, sequence_types) || base == "Tuple" || base == "tuple") {
      bool homogeneous = arguments.size() == 1 || (arguments.size() == 2 && source_.is_op(arguments[1].first, "...") &&
                                                   arguments[1].second == arguments[1].first + 1);
      Value item = annotation_value(arguments[0].first, arguments[0].second, scope);
      if (homogeneous && item.kind == ValueKind::model) return of(ValueKind::model_sequence, item.model);
      return of(ValueKind::other);
    }
    if (base == "Type" || base == "type") {
      Value item = annotation_value(arguments[0].first, arguments[0].second, scope);
      return item.kind == ValueKind::model ? of(ValueKind::model_class, item.model) : of(ValueKind::unknown);
    }
    if (base == "Dict" || base == "dict" || base == "Mapping" || base == "MutableMapping" || base == "DefaultDict")
      return of(ValueKind::other);
  }
  if (end == first + 1 && (source_.is_name(first, "Any") || source_.is_name(first, "object")))
    return of(ValueKind::unknown);
  return instance_of(evaluate(first, end, scope));
}

}  // namespace apictl::migrate
