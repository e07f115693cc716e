// pydantic-v2: the rules of the Pydantic v1 -> v2 migration guide that a file shows enough to apply safely.
// Every rule edits tokens of code only (never strings or comments), and leaves code it cannot judge untouched
// with a manual item saying what to do. Imports are fixed up in a second pass over the rewritten text.
#include "migrate/pydantic_v2_rewriter.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "migrate/pydantic_models.hpp"
#include "migrate/python_module.hpp"
#include "migrate/python_tokens.hpp"
#include "migrate/text_edits.hpp"

namespace apictl::migrate {

namespace {

constexpr std::size_t npos = TokenizedSource::npos;
constexpr std::size_t none = PythonScope::none;
constexpr std::size_t line_limit = 88;  // black's width: longer generated lines are split

struct ConfigKey {
  std::string_view v1;
  std::string_view v2;  // "" when the key is dropped (its v1 value is v2's behaviour)
};

// Config keys that keep their meaning under a new name (or the same one).
constexpr std::array<ConfigKey, 19> config_keys = {{
    {"orm_mode", "from_attributes"},
    {"allow_population_by_field_name", "populate_by_name"},
    {"anystr_strip_whitespace", "str_strip_whitespace"},
    {"anystr_lower", "str_to_lower"},
    {"anystr_upper", "str_to_upper"},
    {"min_anystr_length", "str_min_length"},
    {"max_anystr_length", "str_max_length"},
    {"validate_all", "validate_default"},
    {"schema_extra", "json_schema_extra"},
    {"keep_untouched", "ignored_types"},
    {"title", "title"},
    {"validate_assignment", "validate_assignment"},
    {"arbitrary_types_allowed", "arbitrary_types_allowed"},
    {"use_enum_values", "use_enum_values"},
    {"json_encoders", "json_encoders"},
    {"alias_generator", "alias_generator"},
    {"allow_inf_nan", "allow_inf_nan"},
    {"frozen", "frozen"},
    {"extra", "extra"},
}};
// BaseSettings' own Config keys, the same in pydantic-settings' SettingsConfigDict.
constexpr std::array<std::string_view, 6> settings_keys = {"env_prefix",           "env_file",    "env_file_encoding",
                                                           "env_nested_delimiter", "secrets_dir", "case_sensitive"};
// v1 keys with no v2 counterpart: the guide says what replaces each.
constexpr std::array<ConfigKey, 7> removed_config_keys = {{
    {"fields", "declare the aliases with Field(alias=...) on each field"},
    {"error_msg_templates", "customise messages with a custom error handler"},
    {"getter_dict", "from_attributes reads attributes directly; drop the getter_dict"},
    {"json_loads", "parse with model_validate_json, or json.loads then model_validate"},
    {"json_dumps", "serialize with model_dump_json, or json.dumps(model_dump())"},
    {"copy_on_model_validation", "use revalidate_instances"},
    {"post_init_call", "define model_post_init"},
}};

struct MethodRename {
  std::string_view v1;
  std::string_view v2;
  bool on_instance;  // needs an instance (dict, json, copy) or also works on the class (classmethods)
  bool attribute;    // an attribute, not a call (__fields__)
};

constexpr std::array<MethodRename, 13> method_renames = {{
    {"dict", "model_dump", true, false},
    {"json", "model_dump_json", true, false},
    {"copy", "model_copy", true, false},
    {"parse_obj", "model_validate", false, false},
    {"parse_raw", "model_validate_json", false, false},
    {"parse_file", "", false, false},
    {"from_orm", "model_validate", false, false},
    {"construct", "model_construct", false, false},
    {"schema", "model_json_schema", false, false},
    {"schema_json", "", false, false},
    {"update_forward_refs", "model_rebuild", false, false},
    {"__fields__", "model_fields", false, true},
    {"__fields_set__", "model_fields_set", true, true},
}};

// Keyword arguments each v1 method accepts that its v2 successor accepts too.
bool keeps_keyword(std::string_view method, std::string_view keyword) {
  static constexpr std::array<std::string_view, 6> dump = {"include",       "exclude",          "by_alias",
                                                           "exclude_unset", "exclude_defaults", "exclude_none"};
  if (method == "dict") return std::find(dump.begin(), dump.end(), keyword) != dump.end();
  if (method == "json") return keyword == "indent" || std::find(dump.begin(), dump.end(), keyword) != dump.end();
  if (method == "copy") return keyword == "update" || keyword == "deep";
  if (method == "schema") return keyword == "by_alias" || keyword == "ref_template";
  if (method == "construct") return true;
  return false;
}

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view text) {
  return std::find(list.begin(), list.end(), text) != list.end();
}

bool is_identifier(std::string_view text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text[0]))) return false;
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }) &&
         !is_python_keyword(text);
}

// The content of a plain (not bytes, not f-) single-line string literal, when it has no escapes.
std::optional<std::string_view> plain_string(std::string_view token) {
  std::size_t quote = token.find_first_of("'\"");
  if (quote == std::string_view::npos || quote > 2) return std::nullopt;
  for (char c : token.substr(0, quote))
    if ((c | 0x20) != 'r' && (c | 0x20) != 'u') return std::nullopt;
  std::string_view body = token.substr(quote);
  if (body.size() < 2 || body.starts_with("\"\"\"") || body.starts_with("'''") || body.back() != body.front())
    return std::nullopt;
  std::string_view content = body.substr(1, body.size() - 2);
  if (content.find('\\') != std::string_view::npos) return std::nullopt;
  return content;
}

std::string one_line(std::string_view text) {
  std::string out;
  bool blank = false;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
      blank = true;
      continue;
    }
    if (blank && !out.empty()) out += ' ';
    blank = false;
    out += c;
  }
  if (out.size() > 40) out = out.substr(0, 37) + "...";
  return out;
}

class PydanticV2Rewrite {
 public:
  explicit PydanticV2Rewrite(std::string_view text) : module_(text), source_(module_.source()), models_(module_) {
    children_.resize(module_.scopes().size());
    for (std::size_t s = 1; s < module_.scopes().size(); ++s) children_[module_.scopes()[s].parent].push_back(s);
  }

  RewriteOutcome run() {
    RewriteOutcome outcome{std::string(source_.text()), 0, {}};
    for (std::size_t s = 1; s < module_.scopes().size(); ++s) {
      if (module_.scopes()[s].kind == ScopeKind::class_definition) rewrite_class(s);
    }
    rewrite_calls();
    rewrite_methods();
    outcome.edits = static_cast<int>(edits_.count());
    outcome.text = edits_.apply(source_.text(), line_break_of(source_.text()));
    outcome.manual = std::move(manual_);
    return outcome;
  }

 private:
  const PythonScope& scope(std::size_t index) const { return module_.scopes()[index]; }
  const LogicalLine& line(std::size_t index) const { return module_.lines()[index]; }

  void manual(std::size_t token, std::string text) {
    manual_.push_back(
        ManualItem{static_cast<int>(source_[token].line), static_cast<int>(source_[token].column), std::move(text)});
  }

  std::string qualified(std::string_view name) const { return models_.qualifier() + std::string(name); }
  // A replacement for the Pydantic reference [at, end) in the same style: `pydantic.x` stays qualified.
  std::string like_reference(std::size_t at, std::size_t end, std::string_view name) const {
    if (end == at + 3) return std::string(source_.text(at)) + "." + std::string(name);
    return qualified(name);
  }

  // ---- classes: Config and validators ------------------------------------------------------------------------

  void rewrite_class(std::size_t class_scope) {
    ClassKind kind = models_.class_kind(class_scope);
    if (kind == ClassKind::plain || kind == ClassKind::v1_model) return;
    for (std::size_t child : children_[class_scope]) {
      const PythonScope& inner = scope(child);
      if (inner.kind == ScopeKind::class_definition && inner.name == "Config") {
        if (kind == ClassKind::model) {
          convert_config(class_scope, child);
        } else {
          manual(inner.keyword_token, "`class Config` in `" + std::string(scope(class_scope).name) + "`: if `" +
                                          std::string(scope(class_scope).name) +
                                          "` is a Pydantic model, replace it with model_config = ConfigDict(...)");
        }
        continue;
      }
      if (inner.kind != ScopeKind::function) continue;
      auto renamed = std::find_if(method_renames.begin(), method_renames.end(),
                                  [&](const MethodRename& r) { return r.v1 == inner.name && !r.attribute; });
      if (kind == ClassKind::model && renamed != method_renames.end()) {
        // v2 calls its own methods by their new names: an override of the old name would silently stop applying.
        std::string overridden =
            "`" + std::string(scope(class_scope).name) + "` overrides " + std::string(renamed->v1) + "()";
        manual(inner.name_token, renamed->v2.empty() ? overridden + ", which Pydantic v2 removed"
                                                     : overridden + ": migrated callers call " +
                                                           std::string(renamed->v2) + "(), so override that instead");
      }
      for (std::size_t decorator : inner.decorator_lines) {
        auto symbol = models_.pydantic_symbol(line(decorator).first + 1);
        if (!symbol) continue;
        if (symbol->first == "validator") convert_validator(child, decorator, symbol->second);
        if (symbol->first == "root_validator") convert_root_validator(child, decorator, symbol->second);
      }
    }
  }

  void convert_config(std::size_t model, std::size_t config) {
    const PythonScope& header = scope(config);
    std::string model_name(scope(model).name);
    if (header.bases_open != none || header.inline_body || !header.decorator_lines.empty()) {
      manual(header.keyword_token, "`class Config` of `" + model_name +
                                       "` is not a plain list of settings; write model_config = ConfigDict(...) "
                                       "by hand");
      return;
    }
    bool settings = models_.is_settings(model);
    struct Entry {
      std::string key;
      std::string value;
      std::string trailing_comment;
      std::vector<std::string> comments_before;
      bool multi_line = false;
    };
    std::vector<Entry> entries;
    std::vector<std::string> problems;
    std::vector<std::string> pending_comments;
    std::size_t body_first = header.header_line + 1;
    std::size_t previous_end = header.colon_token;
    for (std::size_t l = body_first; l < header.body_end_line; ++l) {
      const LogicalLine& statement = line(l);
      for (std::size_t t = previous_end + 1; t < statement.first; ++t)
        if (source_[t].kind == TokenKind::comment) pending_comments.emplace_back(source_.text(t));
      previous_end = statement.end;
      if (statement.scope != config) {
        if (std::size_t child = module_.scope_with_header(l); child != none && scope(child).parent == config)
          problems.push_back("`" + std::string(scope(child).name) + "` is a " +
                             (scope(child).kind == ScopeKind::function ? "method" : "class"));
        continue;
      }
      std::size_t first = statement.first;
      std::size_t last = statement.end;
      while (last > first && source_[last - 1].kind == TokenKind::comment) --last;
      std::string trailing;
      for (std::size_t t = last; t < statement.end; ++t) trailing += source_.text(t);
      if (source_.is_name(first, "pass") && last == first + 1) {
        if (!trailing.empty()) pending_comments.push_back(trailing);
        continue;
      }
      if (!(source_.is_kind(first, TokenKind::name) && source_.is_op(first + 1, "=") && last > first + 2)) {
        problems.push_back("line " + std::to_string(source_[first].line) + " is not a `name = value` setting");
        continue;
      }
      std::string_view key = source_.text(first);
      std::string_view value = source_.span(first + 2, last - 1);
      Entry entry;
      entry.trailing_comment = trailing;
      entry.comments_before = std::move(pending_comments);
      pending_comments.clear();
      entry.value = std::string(value);
      entry.multi_line = value.find_first_of("\r\n") != std::string_view::npos;
      if (auto removed = std::find_if(removed_config_keys.begin(), removed_config_keys.end(),
                                      [&](const ConfigKey& k) { return k.v1 == key; });
          removed != removed_config_keys.end()) {
        problems.push_back("`" + std::string(key) + "` is gone in v2: " + std::string(removed->v2));
        continue;
      }
      if (key == "allow_mutation") {
        if (value != "False" && value != "True") {
          problems.push_back("`allow_mutation` is not True or False: set frozen= by hand");
          continue;
        }
        entry.key = "frozen";
        entry.value = value == "False" ? "True" : "False";
      } else if (key == "smart_union" || key == "underscore_attrs_are_private") {
        // Both are v2's only behaviour: the setting goes away when it asked for it; its comments stay.
        if (value != "True") {
          problems.push_back("`" + std::string(key) + " = " + std::string(value) + "` has no v2 equivalent");
          continue;
        }
        pending_comments = std::move(entry.comments_before);
        if (!trailing.empty()) pending_comments.push_back(trailing);
        continue;
      } else if (key == "extra") {
        std::optional<std::string> extra = extra_value(first + 2, last);
        if (!extra) {
          problems.push_back("`extra` is not one of Extra.allow/ignore/forbid: set extra= by hand");
          continue;
        }
        entry.key = "extra";
        entry.value = *extra;
      } else if (auto renamed = std::find_if(config_keys.begin(), config_keys.end(),
                                             [&](const ConfigKey& k) { return k.v1 == key; });
                 renamed != config_keys.end()) {
        entry.key = renamed->v2;
      } else if (settings && contains(settings_keys, key)) {
        entry.key = key;
      } else {
        problems.push_back("`" + std::string(key) + "` is not a Pydantic v1 setting this rewrite knows");
        continue;
      }
      entries.push_back(std::move(entry));
    }
    if (!problems.empty()) {
      std::string text = "`class Config` of `" + model_name + "` was left as it is: ";
      for (std::size_t i = 0; i < problems.size(); ++i) text += (i ? "; " : "") + problems[i];
      manual(header.keyword_token, text + "; convert it to model_config = ConfigDict(...) by hand");
      return;
    }

    std::string dict_name = settings ? "SettingsConfigDict" : qualified("ConfigDict");
    std::string_view outer_indent = module_.indentation_at(source_[header.keyword_token].offset);
    std::string inner_indent(header.body_end_line > body_first
                                 ? module_.indentation_at(source_[line(body_first).first].offset)
                                 : std::string(outer_indent) + "    ");
    bool has_comments = !pending_comments.empty();
    for (const Entry& entry : entries)
      if (!entry.trailing_comment.empty() || !entry.comments_before.empty() || entry.multi_line) has_comments = true;
    std::string text = "model_config = " + dict_name + "(";
    if (!has_comments) {
      std::string joined;
      for (std::size_t i = 0; i < entries.size(); ++i)
        joined += (i ? ", " : "") + entries[i].key + "=" + entries[i].value;
      if (outer_indent.size() + text.size() + joined.size() + 1 <= line_limit || entries.empty()) {
        text += joined + ")";
      } else {
        has_comments = true;  // too long for one line: one setting per line, like black
      }
    }
    if (has_comments) {
      text += "\n";
      for (const Entry& entry : entries) {
        for (const std::string& comment : entry.comments_before) text += inner_indent + comment + "\n";
        text += inner_indent + entry.key + "=" + entry.value + ",";
        if (!entry.trailing_comment.empty()) text += "  " + entry.trailing_comment;
        text += "\n";
      }
      for (const std::string& comment : pending_comments) text += inner_indent + comment + "\n";
      text += std::string(outer_indent) + ")";
    }
    std::size_t begin = source_[header.keyword_token].offset;
    std::size_t last_line_end =
        header.body_end_line > body_first ? line(header.body_end_line - 1).end : header.colon_token + 1;
    std::size_t end = source_[last_line_end - 1].end();
    // Trailing comments of the last setting belong to the replaced block.
    edits_.replace(begin, end - begin, text);
  }

  // `Extra.forbid` (or pydantic.Extra.forbid, or the string) as the v2 string value.
  std::optional<std::string> extra_value(std::size_t first, std::size_t end) const {
    if (end == first + 1 && source_[first].kind == TokenKind::string) {
      auto content = plain_string(source_.text(first));
      if (content && (*content == "allow" || *content == "ignore" || *content == "forbid"))
        return std::string(source_.text(first));
      return std::nullopt;
    }
    auto symbol = models_.pydantic_symbol(first);
    if (!symbol || symbol->first != "Extra") return std::nullopt;
    std::size_t dot = symbol->second;
    if (dot + 2 != end || !source_.is_op(dot, ".")) return std::nullopt;
    std::string_view member = source_.text(dot + 1);
    if (member != "allow" && member != "ignore" && member != "forbid") return std::nullopt;
    return "\"" + std::string(member) + "\"";
  }

  // Rebuilt code would drop comments between these tokens.
  bool has_comment(std::size_t first, std::size_t end) const {
    for (std::size_t t = first; t < end; ++t)
      if (source_[t].kind == TokenKind::comment) return true;
    return false;
  }

  bool has_decorator(const PythonScope& function, std::string_view name) const {
    return std::any_of(function.decorator_lines.begin(), function.decorator_lines.end(), [&](std::size_t l) {
      return source_.is_name(line(l).first + 1, name) && line(l).end == line(l).first + 2;
    });
  }

  // Tokens of a function's body: the lines below its header (or the inline body after its colon).
  std::pair<std::size_t, std::size_t> body_tokens(const PythonScope& function) const {
    if (function.inline_body) return {function.colon_token + 1, line(function.header_line).end};
    std::size_t first_line = function.header_line + 1;
    if (first_line >= function.body_end_line) return {0, 0};
    return {line(first_line).first, line(function.body_end_line - 1).end};
  }

  bool has_nested_scopes(std::size_t function) const { return !children_[function].empty(); }

  // `values` of a v1 validator is `info.data` in v2: every read of it, provided it is never rebound.
  bool plan_values_rename(std::size_t function, std::string_view name, std::vector<std::size_t>& uses,
                          std::string& problem) const {
    auto [first, end] = body_tokens(scope(function));
    if (has_nested_scopes(function)) {
      problem = "it defines nested functions";
      return false;
    }
    for (std::size_t t = first; t < end; ++t) {
      if (source_.is_name(t, "info")) {
        problem = "it already uses the name `info`";
        return false;
      }
      if (!source_.is_name(t, name)) continue;
      std::size_t before = source_.previous_code(t);
      if (before != npos && source_.is_op(before, ".")) continue;
      std::size_t after = source_.next_code(t);
      bool assigned =
          after != npos && source_[after].kind == TokenKind::op && is_assignment_operator(source_.text(after));
      bool loop_target = before != npos && (source_.is_name(before, "for") || source_.is_name(before, "as"));
      if (assigned || loop_target || (before != npos && source_.is_name(before, "del"))) {
        problem = "it assigns to `" + std::string(name) + "`";
        return false;
      }
      uses.push_back(t);
    }
    return true;
  }

  void insert_classmethod(const PythonScope& function) {
    if (has_decorator(function, "classmethod")) return;
    std::size_t first = line(function.header_line).first;
    std::size_t at = module_.physical_line_start(source_[first].offset);
    edits_.insert(at, std::string(module_.indentation_at(source_[first].offset)) + "@classmethod\n");
  }

  void convert_validator(std::size_t function, std::size_t decorator, std::size_t reference_end) {
    const PythonScope& f = scope(function);
    std::size_t at = line(decorator).first + 1;
    std::string name(f.name);
    if (!source_.is_op(reference_end, "(")) {
      manual(at, "validator `" + name + "`: @validator needs the field names; convert it to @field_validator by hand");
      return;
    }
    std::size_t close = source_.partner(reference_end);
    if (has_comment(at, close)) {
      manual(at, "validator `" + name + "` was left as @validator: its decorator holds comments");
      return;
    }
    std::vector<std::string> arguments;
    std::vector<std::string> problems;
    bool before = false;
    for (const CallArgument& argument : call_arguments(source_, reference_end)) {
      std::string value(source_.span(argument.value_first, argument.end - 1));
      if (argument.keyword == npos) {
        if (argument.stars || source_[argument.first].kind != TokenKind::string || argument.end != argument.first + 1)
          problems.push_back("its field names are not plain strings");
        arguments.push_back(value);
        continue;
      }
      std::string_view keyword = argument.keyword_name(source_);
      if (keyword == "pre") {
        if (value != "True" && value != "False") problems.push_back("`pre=` is not True or False");
        before = value == "True";
      } else if (keyword == "always") {
        if (value != "False")
          problems.push_back("`always=True` has no v2 equivalent: set validate_default=True on the field instead");
      } else if (keyword == "each_item") {
        if (value != "False")
          problems.push_back("`each_item=True` is gone: validate the items with an Annotated item type instead");
      } else if (keyword == "check_fields") {
        arguments.push_back("check_fields=" + value);
      } else if (keyword != "allow_reuse") {
        problems.push_back("`" + std::string(keyword) + "=` is not a @validator argument this rewrite knows");
      }
    }
    // v1 passes values/field/config by parameter name; v2 passes one ValidationInfo.
    std::vector<std::size_t> values_uses;
    const Parameter* values_parameter = nullptr;
    const auto& parameters = f.parameters;
    bool stars = std::any_of(parameters.begin(), parameters.end(), [](const Parameter& p) { return p.stars > 0; });
    if (stars || parameters.size() < 2 || parameters.size() > 3) {
      problems.push_back("its parameters are not (cls, value) or (cls, value, values)");
    } else if (parameters.size() == 3) {
      if (parameters[2].name != "values") {
        problems.push_back("it takes `" + std::string(parameters[2].name) + "`, which v2 passes as info." +
                           (parameters[2].name == "field" ? "field_name" : "config"));
      } else {
        std::string problem;
        if (plan_values_rename(function, "values", values_uses, problem)) {
          values_parameter = &parameters[2];
        } else {
          problems.push_back(problem + ", so `values` cannot become info.data");
        }
      }
    }
    if (!problems.empty()) {
      std::string text = "validator `" + name + "` was left as @validator: ";
      for (std::size_t i = 0; i < problems.size(); ++i) text += (i ? "; " : "") + problems[i];
      manual(at, text);
      return;
    }
    if (before) arguments.push_back("mode=\"before\"");
    std::string decorator_text = like_reference(at, reference_end, "field_validator") + "(";
    for (std::size_t i = 0; i < arguments.size(); ++i) decorator_text += (i ? ", " : "") + arguments[i];
    decorator_text += ")";
    edits_.replace(source_[at].offset, source_[close].end() - source_[at].offset, decorator_text);
    insert_classmethod(f);
    if (values_parameter) {
      std::size_t first = source_[values_parameter->first].offset;
      std::size_t last = source_[values_parameter->end - 1].end();
      edits_.replace(first, last - first, "info");
      for (std::size_t use : values_uses) edits_.replace(source_[use].offset, source_[use].length, "info.data");
    }
  }

  void convert_root_validator(std::size_t function, std::size_t decorator, std::size_t reference_end) {
    const PythonScope& f = scope(function);
    std::size_t at = line(decorator).first + 1;
    std::string name(f.name);
    std::vector<std::string> problems;
    bool before = false;
    std::size_t decorator_end = reference_end;  // one past the decorator expression
    if (source_.is_op(reference_end, "(")) {
      decorator_end = source_.partner(reference_end) + 1;
      if (has_comment(at, decorator_end)) problems.push_back("its decorator holds comments");
      for (const CallArgument& argument : call_arguments(source_, reference_end)) {
        std::string value(source_.span(argument.value_first, argument.end - 1));
        std::string_view keyword = argument.keyword == npos ? "" : argument.keyword_name(source_);
        if (keyword == "pre") {
          if (value != "True" && value != "False") problems.push_back("`pre=` is not True or False");
          before = value == "True";
        } else if (keyword != "skip_on_failure" && keyword != "allow_reuse") {
          problems.push_back("it has an argument this rewrite does not know");
        }
      }
    }
    if (!problems.empty()) {
      manual(at, "root validator `" + name + "` was left as it is: " + problems.front() +
                     "; convert it to @model_validator by hand");
      return;
    }
    if (before) {
      edits_.replace(source_[at].offset, source_[decorator_end - 1].end() - source_[at].offset,
                     like_reference(at, reference_end, "model_validator") + "(mode=\"before\")");
      insert_classmethod(f);
      return;
    }
    // After validation v2 hands the model itself: `values["x"]` and `values.get("x")` become `self.x`.
    std::string problem = after_validator_problem(function);
    struct Use {
      std::size_t first, last;
      std::string text;
    };
    std::vector<Use> uses;
    if (problem.empty()) {
      std::string_view values = f.parameters[1].name;
      std::string_view cls = f.parameters[0].name;
      auto [first, end] = body_tokens(f);
      for (std::size_t t = first; t < end && problem.empty(); ++t) {
        std::size_t before_token = source_.previous_code(t);
        if (before_token != npos && source_.is_op(before_token, ".")) continue;
        if (source_.is_name(t, cls)) {
          problem = "it uses `" + std::string(cls) + "`";
        } else if (source_.is_name(t, values)) {
          Use use{t, t, ""};
          std::optional<std::string_view> key;
          if (source_.is_op(t + 1, "[") && source_.partner(t + 1) == t + 3 &&
              source_.is_kind(t + 2, TokenKind::string)) {
            key = plain_string(source_.text(t + 2));
            use.last = t + 3;
          } else if (source_.is_op(t + 1, ".") && source_.is_name(t + 2, "get") && source_.is_op(t + 3, "(") &&
                     source_.is_kind(t + 4, TokenKind::string) &&
                     (source_.is_op(t + 5, ")") || source_.is_op(t + 5, ","))) {
            key = plain_string(source_.text(t + 4));
            use.last = source_.partner(t + 3);
          } else if (before_token != npos && source_.is_name(before_token, "return") &&
                     source_.is_kind(t + 1, TokenKind::newline)) {
            use.text = "self";
            uses.push_back(use);
            continue;
          }
          std::size_t after = source_.next_code(use.last);
          bool assigned =
              after != npos && source_[after].kind == TokenKind::op && is_assignment_operator(source_.text(after));
          if (!key || !is_identifier(*key) || assigned) {
            problem = "it uses `" + std::string(values) + "` other than to read fields by name";
            break;
          }
          use.text = "self." + std::string(*key);
          uses.push_back(use);
          t = use.last;
        }
      }
    }
    if (!problem.empty()) {
      manual(at, "root validator `" + name + "` was left as @root_validator: " + problem +
                     "; rewrite it as @model_validator(mode=\"after\") taking self, by hand");
      return;
    }
    edits_.replace(source_[at].offset, source_[decorator_end - 1].end() - source_[at].offset,
                   like_reference(at, reference_end, "model_validator") + "(mode=\"after\")");
    std::size_t open = f.parameters_open;
    std::size_t close = source_.partner(open);
    edits_.replace(source_[open].end(), source_[close].offset - source_[open].end(), "self");
    if (f.returns_first != none) {
      // The old `-> Dict[...]` no longer holds: the validator returns the model.
      edits_.replace(source_[close].end(), source_[f.colon_token].offset - source_[close].end(), "");
    }
    for (std::size_t l : f.decorator_lines) {
      if (source_.is_name(line(l).first + 1, "classmethod") && line(l).end == line(l).first + 2) {
        std::size_t start = module_.physical_line_start(source_[line(l).first].offset);
        edits_.replace(start, module_.next_physical_line(source_[line(l).first].offset) - start, "");
      }
    }
    for (const Use& use : uses)
      edits_.replace(source_[use.first].offset, source_[use.last].end() - source_[use.first].offset, use.text);
  }

  std::string after_validator_problem(std::size_t function) const {
    const PythonScope& f = scope(function);
    if (f.parameters.size() != 2 || f.parameters[0].stars || f.parameters[1].stars)
      return "its parameters are not (cls, values)";
    if (has_nested_scopes(function)) return "it defines nested functions";
    if (f.inline_body) return "its body is on the def line";
    return {};
  }

  // ---- calls of Pydantic functions: Field, constr, conlist, parse_obj_as... ---------------------------------

  void rewrite_calls() {
    for (std::size_t i = 0; i < source_.size(); ++i) {
      auto symbol = models_.pydantic_symbol(i);
      if (!symbol) continue;
      auto [name, end] = *symbol;
      if (name == "BaseSettings" && end == i + 3) {
        manual(i, "`" + std::string(source_.span(i, i + 2)) +
                      "` moved to the pydantic-settings package: import BaseSettings from pydantic_settings");
      }
      if (!source_.is_op(end, "(")) {
        i = end - 1;
        continue;
      }
      if (name == "Field" || name == "constr" || name == "conlist" || name == "conset" || name == "confrozenset" ||
          name == "conbytes")
        rename_keywords(name, end);
      if (name == "parse_obj_as" || name == "parse_raw_as") rewrite_parse_as(i, name, end);
      if ((name == "validator" || name == "root_validator") && !source_.is_op(source_.previous_code(i), "@"))
        manual(i, "`" + std::string(name) +
                      "(...)` used as a function: wrap the function with field_validator/model_validator by hand");
      i = end - 1;
    }
  }

  void rename_keywords(std::string_view function, std::size_t open) {
    for (const CallArgument& argument : call_arguments(source_, open)) {
      if (argument.keyword == npos) continue;
      std::string_view keyword = argument.keyword_name(source_);
      std::string_view value = source_.span(argument.value_first, argument.end - 1);
      const Token& token = source_[argument.keyword];
      auto rename = [&](std::string_view to) { edits_.replace(token.offset, token.length, std::string(to)); };
      std::string call = std::string(function) + "(" + std::string(keyword) + "=...)";
      if (keyword == "regex" && (function == "Field" || function == "constr" || function == "conbytes")) {
        rename("pattern");
      } else if (keyword == "min_items") {
        rename("min_length");
      } else if (keyword == "max_items") {
        rename("max_length");
      } else if (keyword == "allow_mutation" && function == "Field") {
        if (value == "False" || value == "True") {
          edits_.replace(token.offset, source_[argument.end - 1].end() - token.offset,
                         value == "False" ? "frozen=True" : "frozen=False");
        } else {
          manual(argument.keyword, "`" + call + "`: use frozen= with the opposite value");
        }
      } else if (keyword == "const") {
        manual(argument.keyword, "`" + call +
                                     "` was removed in Pydantic v2: annotate the field with Literal[...] "
                                     "of its value instead");
      } else if (keyword == "unique_items") {
        manual(argument.keyword, "`" + call + "` was removed in Pydantic v2: use a set type instead");
      } else if (keyword == "env" && function == "Field") {
        manual(argument.keyword, "`" + call +
                                     "`: pydantic-settings v2 reads the variable name from "
                                     "validation_alias= (or alias=), not env=");
      }
    }
  }

  // parse_obj_as(T, data) -> TypeAdapter(T).validate_python(data); parse_raw_as -> validate_json.
  void rewrite_parse_as(std::size_t at, std::string_view function, std::size_t open) {
    auto arguments = call_arguments(source_, open);
    bool simple = arguments.size() == 2 && arguments[0].keyword == npos && arguments[1].keyword == npos &&
                  !arguments[0].stars && !arguments[1].stars;
    if (!simple) {
      manual(at, "`" + std::string(function) + "(...)` is deprecated in v2: use TypeAdapter(T)." +
                     (function == "parse_obj_as" ? "validate_python" : "validate_json") + "(data)");
      return;
    }
    std::string text = like_reference(at, open, "TypeAdapter") + "(" +
                       std::string(source_.span(arguments[0].first, arguments[0].end - 1)) + ")." +
                       (function == "parse_obj_as" ? "validate_python" : "validate_json") + "(" +
                       std::string(source_.span(arguments[1].first, arguments[1].end - 1)) + ")";
    std::size_t close = source_.partner(open);
    edits_.replace(source_[at].offset, source_[close].end() - source_[at].offset, text);
  }

  // ---- methods and attributes on models -----------------------------------------------------------------------

  void rewrite_methods() {
    for (std::size_t i = 1; i < source_.size(); ++i) {
      if (source_[i].kind != TokenKind::name) continue;
      auto rule = std::find_if(method_renames.begin(), method_renames.end(),
                               [&](const MethodRename& r) { return r.v1 == source_.text(i); });
      if (rule == method_renames.end()) continue;
      std::size_t dot = source_.previous_code(i);
      if (dot == npos || !source_.is_op(dot, ".")) continue;
      bool call = source_.is_op(i + 1, "(");
      if (!rule->attribute && !call) continue;
      std::size_t start = models_.primary_start(dot);
      if (start == npos) continue;
      Value receiver = models_.evaluate(start, dot, module_.scope_of(i));
      std::string receiver_text = one_line(source_.span(start, dot - 1));
      std::string shown = receiver_text + "." + std::string(rule->v1) + (call ? "()" : "");
      bool is_instance = receiver.kind == ValueKind::model;
      bool is_class = receiver.kind == ValueKind::model_class;
      bool fits = is_instance || (is_class && !rule->on_instance);
      if (!fits) {
        if (receiver.kind == ValueKind::unknown || (is_class && rule->on_instance)) {
          std::string advice = rule->v2.empty() ? removed_advice(rule->v1, receiver_text)
                                                : "use ." + std::string(rule->v2) + (call ? "()" : "");
          std::string text =
              "`" + shown + "`: cannot tell whether `" + receiver_text + "` is a Pydantic model; if it is, " + advice;
          if (rule->v1 == "json") text += " (an HTTP response's .json() stays)";
          manual(start, text);
        }
        continue;
      }
      if (rule->v2.empty()) {
        manual(start, "`" + shown + "`: " + removed_advice(rule->v1, receiver_text));
        continue;
      }
      rename_method(*rule, i, start, receiver, shown);
    }
  }

  static std::string removed_advice(std::string_view method, const std::string& receiver) {
    if (method == "parse_file")
      return "parse_file() is deprecated in v2: use " + receiver +
             ".model_validate_json(pathlib.Path(path).read_text())";
    return "schema_json() is deprecated in v2: use json.dumps(" + receiver + ".model_json_schema())";
  }

  void rename_method(const MethodRename& rule, std::size_t name, std::size_t start, const Value& receiver,
                     const std::string& shown) {
    const Token& token = source_[name];
    if (rule.attribute) {
      edits_.replace(token.offset, token.length, std::string(rule.v2));
      std::size_t after = source_.next_code(name);
      // Keys stay the same; the field objects (values) do not.
      bool field_objects =
          after != npos &&
          (source_.is_op(after, "[") ||
           (source_.is_op(after, ".") && (source_.is_name(after + 1, "items") || source_.is_name(after + 1, "values") ||
                                          source_.is_name(after + 1, "get"))));
      if (rule.v1 == "__fields__" && field_objects)
        manual(start, "`" + shown +
                          "` is now model_fields: its values are FieldInfo (annotation, default, "
                          "is_required()), not ModelField; check the uses of each field");
      return;
    }
    std::size_t open = name + 1;
    auto arguments = call_arguments(source_, open);
    std::size_t positional = 0;
    std::string unsupported;
    for (const CallArgument& argument : arguments) {
      if (argument.stars) continue;  // passed through: cannot be checked here
      if (argument.keyword == npos) {
        ++positional;
        continue;
      }
      if (!keeps_keyword(rule.v1, argument.keyword_name(source_)) && unsupported.empty())
        unsupported = std::string(argument.keyword_name(source_));
    }
    std::string problem;
    if (rule.v1 == "update_forward_refs" && !arguments.empty()) {
      problem = "pass the names with model_rebuild(_types_namespace={...})";
    } else if (!unsupported.empty()) {
      problem = "v2's " + std::string(rule.v2) + "() has no `" + unsupported + "=`";
    } else if ((rule.v1 == "parse_obj" || rule.v1 == "from_orm") && (positional != 1 || arguments.size() != 1)) {
      problem = "it does not pass exactly one object";
    } else if (rule.v1 == "parse_raw" && (positional != 1 || arguments.size() != 1)) {
      problem = "content_type/encoding/proto are gone: decode the data, then call model_validate_json";
    } else if ((rule.v1 == "dict" || rule.v1 == "json" || rule.v1 == "copy" || rule.v1 == "schema") && positional > 0) {
      problem = "v1 took no positional arguments here";
    }
    if (!problem.empty()) {
      manual(start, "`" + shown + "` was left as it is: " + problem);
      return;
    }
    edits_.replace(token.offset, token.length, std::string(rule.v2));
    if (rule.v1 == "from_orm") {
      std::optional<std::size_t> model = models_.module_class(receiver.model);
      if (!model || !models_.has_from_attributes(*model)) {
        // model_validate reads attributes only when asked, in the call or in the model's config.
        std::size_t last = source_.previous_code(source_.partner(open));
        if (source_.is_op(last, ",")) last = source_.previous_code(last);
        edits_.insert(source_[last].end(), ", from_attributes=True");
      }
    }
  }

  PythonModule module_;
  const TokenizedSource& source_;
  PydanticModels models_;
  std::vector<std::vector<std::size_t>> children_;
  TextEdits edits_;
  std::vector<ManualItem> manual_;
};

// ---- imports ------------------------------------------------------------------------------------------------------

// isort's default order inside one import: CONSTANTS, then Classes, then functions, each case-insensitively.
std::pair<int, std::string> import_order(std::string_view entry) {
  std::string_view name = entry.substr(0, entry.find(' '));
  bool upper =
      std::none_of(name.begin(), name.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); });
  int rank = upper && name.size() > 1 ? 0 : std::isupper(static_cast<unsigned char>(name.front())) ? 1 : 2;
  std::string lowered;
  for (char c : name) lowered += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return {rank, lowered};
}

void add_entries(std::vector<std::string>& entries, const std::vector<std::string>& added) {
  bool sorted = std::is_sorted(entries.begin(), entries.end(), [](const std::string& a, const std::string& b) {
    return import_order(a) < import_order(b);
  });
  for (const std::string& name : added) {
    if (!sorted) {
      entries.push_back(name);
      continue;
    }
    auto at = std::upper_bound(entries.begin(), entries.end(), name, [](const std::string& a, const std::string& b) {
      return import_order(a) < import_order(b);
    });
    entries.insert(at, name);
  }
}

std::string render_import(std::string_view module, const std::vector<std::string>& entries, bool multi_line,
                          bool parenthesized, std::string_view indent) {
  std::string head = "from " + std::string(module) + " import ";
  std::string joined;
  for (std::size_t i = 0; i < entries.size(); ++i) joined += (i ? ", " : "") + entries[i];
  if (!multi_line && head.size() + joined.size() + (parenthesized ? 2 : 0) > line_limit) multi_line = true;
  if (!multi_line) return parenthesized ? head + "(" + joined + ")" : head + joined;
  std::string text = head + "(\n";
  for (const std::string& entry : entries) text += std::string(indent.empty() ? "    " : indent) + entry + ",\n";
  return text + ")";
}

class ImportFixer {
 public:
  explicit ImportFixer(std::string_view text) : module_(text), source_(module_.source()) {}

  std::string run(RewriteOutcome& outcome) {
    collect_used_names();
    const ImportStatement* primary = nullptr;
    const ImportStatement* settings = nullptr;
    bool module_import = false;
    for (const ImportStatement& statement : module_.imports()) {
      if (module_.lines()[statement.line].indent != 0) continue;
      if (statement.is_from && statement.module == "pydantic" && !statement.star && !primary) primary = &statement;
      if (statement.is_from && statement.module == "pydantic_settings" && !statement.star && !settings)
        settings = &statement;
      if (!statement.is_from) module_import = true;
    }
    std::vector<std::string> add_pydantic, add_settings;
    for (std::string_view name : {"ConfigDict", "field_validator", "model_validator", "TypeAdapter"})
      if (needs(name)) add_pydantic.emplace_back(name);
    if (needs("SettingsConfigDict")) add_settings.emplace_back("SettingsConfigDict");

    for (const ImportStatement& statement : module_.imports()) {
      if (module_.lines()[statement.line].indent != 0 || !statement.is_from || statement.module != "pydantic") continue;
      std::vector<std::string> entries;
      bool changed = &statement == primary && !add_pydantic.empty();
      for (const ImportEntry& entry : statement.entries) {
        std::string text(source_.span(entry.first, entry.end - 1));
        if (entry.name == "BaseSettings") {
          if (statement.has_comments) {
            outcome.manual.push_back(ManualItem{static_cast<int>(source_[entry.first].line),
                                                static_cast<int>(source_[entry.first].column),
                                                "import BaseSettings from pydantic_settings instead of pydantic"});
            entries.push_back(text);
            continue;
          }
          moved_settings_.push_back(text);
          changed = true;
          continue;
        }
        bool removable = entry.name == "validator" || entry.name == "root_validator" || entry.name == "Extra" ||
                         entry.name == "parse_obj_as" || entry.name == "parse_raw_as";
        if (removable && !used_.contains(entry.bound_name()) && !statement.has_comments) {
          changed = true;
          continue;
        }
        entries.push_back(text);
      }
      if (&statement == primary && !add_pydantic.empty()) {
        if (statement.has_comments) {
          // Comments inside the import: leave it, import the new names on a line of their own.
          extra_lines_after(statement, "from pydantic import " + join(add_pydantic));
        } else {
          add_entries(entries, add_pydantic);
        }
      }
      if (!moved_settings_.empty() && !settings_anchor_) settings_anchor_ = &statement;
      if (changed) replace_statement(statement, entries);
    }
    if (!primary && !add_pydantic.empty() && !module_import) {
      // No `from pydantic import` to extend (names came from pydantic submodules): add one after the first.
      for (const ImportStatement& statement : module_.imports())
        if (statement.is_from && statement.module.starts_with("pydantic") &&
            module_.lines()[statement.line].indent == 0) {
          extra_lines_after(statement, "from pydantic import " + join(add_pydantic));
          break;
        }
    }
    std::vector<std::string> settings_names = moved_settings_;
    settings_names.insert(settings_names.end(), add_settings.begin(), add_settings.end());
    if (!settings_names.empty()) {
      if (settings) {
        std::vector<std::string> entries;
        for (const ImportEntry& entry : settings->entries)
          entries.emplace_back(source_.span(entry.first, entry.end - 1));
        std::vector<std::string> missing;
        for (const std::string& name : settings_names)
          if (std::find(entries.begin(), entries.end(), name) == entries.end()) missing.push_back(name);
        if (settings->has_comments) {
          extra_lines_after(*settings, "from pydantic_settings import " + join(missing));
        } else if (!missing.empty()) {
          add_entries(entries, missing);
          replace_statement(*settings, entries);
        }
      } else {
        std::vector<std::string> entries;
        add_entries(entries, settings_names);
        const ImportStatement* anchor = settings_anchor_ ? settings_anchor_ : primary;
        if (anchor) {
          extra_lines_after(*anchor, render_import("pydantic_settings", entries, false, false, ""));
        } else {
          outcome.manual.push_back(
              ManualItem{1, 1, "add `from pydantic_settings import " + join(settings_names) + "`"});
        }
      }
    }
    outcome.edits += static_cast<int>(edits_.count());
    return edits_.apply(source_.text(), line_break_of(source_.text()));
  }

 private:
  static std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
    return out;
  }

  // Bare names used outside import statements: what the module needs imported.
  void collect_used_names() {
    std::set<std::size_t> import_lines;
    for (const ImportStatement& statement : module_.imports()) import_lines.insert(statement.line);
    for (std::size_t i = 0; i < source_.size(); ++i) {
      if (source_[i].kind != TokenKind::name) continue;
      std::size_t line = module_.line_of(i);
      if (line != none && import_lines.contains(line)) continue;
      std::size_t before = source_.previous_code(i);
      if (before != npos && source_.is_op(before, ".")) continue;
      used_.insert(source_.text(i));
      if (line != none) {
        std::size_t first = module_.lines()[line].first;
        bool definition = (source_.is_name(first, "def") || source_.is_name(first, "class")) && i == first + 1;
        if (definition || (i == first && source_.is_op(i + 1, "="))) defined_.insert(source_.text(i));
      }
    }
  }

  bool needs(std::string_view name) const {
    return used_.contains(name) && !defined_.contains(name) && !bound_by_import(name);
  }

  bool bound_by_import(std::string_view name) const {
    for (const ImportStatement& statement : module_.imports())
      for (const ImportEntry& entry : statement.entries)
        if (entry.bound_name() == name) return true;
    return false;
  }

  void replace_statement(const ImportStatement& statement, const std::vector<std::string>& entries) {
    const LogicalLine& line = module_.lines()[statement.line];
    std::size_t begin = source_[line.first].offset;
    std::size_t end = source_[line.end - 1].end();
    if (entries.empty()) {
      std::size_t start = module_.physical_line_start(begin);
      edits_.replace(start, module_.next_physical_line(end) - start, "");
      return;
    }
    bool multi_line = false;
    std::string_view indent;
    if (statement.parenthesized && !statement.entries.empty()) {
      const Token& first_entry = source_[statement.entries.front().first];
      multi_line = first_entry.line != source_[line.first].line;
      indent = module_.indentation_at(first_entry.offset);
    }
    edits_.replace(begin, end - begin,
                   render_import(statement.module, entries, multi_line, statement.parenthesized, indent));
  }

  void extra_lines_after(const ImportStatement& statement, const std::string& text) {
    const LogicalLine& line = module_.lines()[statement.line];
    std::size_t end = module_.next_physical_line(source_[line.end - 1].end());
    std::string_view all = source_.text();
    bool ends_with_break = end > 0 && (all[end - 1] == '\n' || all[end - 1] == '\r');
    edits_.insert(end, (ends_with_break ? "" : "\n") + text + "\n");
  }

  PythonModule module_;
  const TokenizedSource& source_;
  std::set<std::string_view, std::less<>> used_;
  std::set<std::string_view, std::less<>> defined_;
  std::vector<std::string> moved_settings_;
  const ImportStatement* settings_anchor_ = nullptr;
  TextEdits edits_;
};

}  // namespace

RewriteOutcome rewrite_pydantic_v2(std::string_view source) {
  RewriteOutcome outcome{std::string(source), 0, {}};
  if (!imports_module(Language::python, source, "pydantic") &&
      !imports_module(Language::python, source, "pydantic_settings"))
    return outcome;
  {
    TokenizedSource checked(Language::python, source);
    if (checked.error()) {
      const TokenizeError& error = *checked.error();
      outcome.manual.push_back(ManualItem{
          static_cast<int>(error.line), static_cast<int>(error.column),
          "the file does not tokenize as Python (" + error.message + "); migrate it to Pydantic v2 by hand"});
      return outcome;
    }
  }
  outcome = PydanticV2Rewrite(source).run();
  std::vector<ManualItem> manual = std::move(outcome.manual);
  outcome.manual.clear();
  outcome.text = ImportFixer(outcome.text).run(outcome);
  // Lines of the import pass's items count in the first pass's output; imports sit above the code the first pass
  // changes, so they are the same in the original file.
  manual.insert(manual.end(), outcome.manual.begin(), outcome.manual.end());
  outcome.manual = std::move(manual);
  std::sort(outcome.manual.begin(), outcome.manual.end(), [](const ManualItem& a, const ManualItem& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  return outcome;
}

}  // namespace apictl::migrate
