// fastapi-lifespan: on_event handlers to one lifespan context manager, and regex= to pattern= on parameters.
// An async handler's body moves into the lifespan when it cannot behave differently there (no return, no
// global, no names shared with another handler, not referenced elsewhere); any other handler stays a function
// and the lifespan calls it, so what runs at startup and shutdown, and in which order, does not change.
#include "migrate/fastapi_lifespan_rewriter.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "migrate/python_module.hpp"
#include "migrate/python_tokens.hpp"
#include "migrate/text_edits.hpp"

namespace apictl::migrate {

namespace {

constexpr std::size_t npos = TokenizedSource::npos;
constexpr std::size_t none = PythonScope::none;

constexpr std::array<std::string_view, 6> parameter_functions = {"Query", "Path", "Header", "Cookie", "Body", "Form"};
// Standard-library modules, to place `from contextlib import ...` in the stdlib block of the imports.
constexpr std::array<std::string_view, 46> standard_modules = {
    "__future__", "abc",         "argparse", "asyncio",   "base64",    "collections", "contextlib", "copy",
    "csv",        "dataclasses", "datetime", "decimal",   "enum",      "functools",   "hashlib",    "http",
    "importlib",  "inspect",     "io",       "itertools", "json",      "logging",     "math",       "os",
    "pathlib",    "random",      "re",       "secrets",   "shutil",    "signal",      "socket",     "sqlite3",
    "string",     "subprocess",  "sys",      "tempfile",  "threading", "time",        "traceback",  "typing",
    "unittest",   "urllib",      "uuid",     "warnings",  "weakref",   "zoneinfo"};

bool is_standard_module(std::string_view module) {
  std::string_view top = module.substr(0, module.find('.'));
  return std::find(standard_modules.begin(), standard_modules.end(), top) != standard_modules.end();
}

struct Handler {
  std::size_t function = 0;   // scope
  std::size_t decorator = 0;  // logical line of @app.on_event(...)
  bool startup = true;
  bool inline_body = false;  // decided once all handlers are known
};

class LifespanRewrite {
 public:
  explicit LifespanRewrite(std::string_view text) : module_(text), source_(module_.source()) {
    for (const ImportStatement& statement : module_.imports()) {
      for (const ImportEntry& entry : statement.entries) {
        if (statement.is_from && (statement.module == "fastapi" || statement.module.starts_with("fastapi.")))
          fastapi_names_[entry.bound_name()] = entry.name;
        if (!statement.is_from && (entry.name == "fastapi" || entry.name.starts_with("fastapi.")))
          fastapi_modules_.insert(entry.alias.empty() ? std::string_view("fastapi") : entry.alias);
      }
    }
  }

  RewriteOutcome run() {
    // Handlers first: a rename inside a body that moves would otherwise block removing it.
    move_event_handlers();
    rename_regex();
    RewriteOutcome outcome;
    outcome.edits = static_cast<int>(edits_.count());
    outcome.text = edits_.apply(source_.text(), line_break_of(source_.text()));
    outcome.manual = std::move(manual_);
    return outcome;
  }

 private:
  const LogicalLine& line(std::size_t index) const { return module_.lines()[index]; }
  const PythonScope& scope(std::size_t index) const { return module_.scopes()[index]; }

  void manual(std::size_t token, std::string text) {
    manual_.push_back(
        ManualItem{static_cast<int>(source_[token].line), static_cast<int>(source_[token].column), std::move(text)});
  }

  // The fastapi name a reference at `index` stands for, and the index one past it.
  std::optional<std::pair<std::string_view, std::size_t>> fastapi_symbol(std::size_t index) const {
    if (!source_.is_kind(index, TokenKind::name)) return std::nullopt;
    std::size_t before = source_.previous_code(index);
    if (before != npos && source_.is_op(before, ".")) return std::nullopt;
    if (auto found = fastapi_names_.find(source_.text(index)); found != fastapi_names_.end())
      return std::pair{found->second, index + 1};
    if (fastapi_modules_.contains(source_.text(index)) && source_.is_op(index + 1, ".") &&
        source_.is_kind(index + 2, TokenKind::name))
      return std::pair{source_.text(index + 2), index + 3};
    return std::nullopt;
  }

  void rename_regex() {
    for (std::size_t i = 0; i < source_.size(); ++i) {
      auto symbol = fastapi_symbol(i);
      if (!symbol || !source_.is_op(symbol->second, "(")) continue;
      if (std::find(parameter_functions.begin(), parameter_functions.end(), symbol->first) == parameter_functions.end())
        continue;
      for (const CallArgument& argument : call_arguments(source_, symbol->second))
        if (argument.keyword != npos && argument.keyword_name(source_) == "regex")
          edits_.replace(source_[argument.keyword].offset, source_[argument.keyword].length, "pattern");
    }
  }

  // ---- event handlers ------------------------------------------------------------------------------------------

  void move_event_handlers() {
    for (std::size_t i = 0; i < source_.size(); ++i) {
      std::size_t before = source_.previous_code(i);
      if (source_[i].kind == TokenKind::name && (before == npos || !source_.is_op(before, ".")))
        ++name_uses_[source_.text(i)];
    }
    std::vector<Handler> handlers;
    std::vector<std::string> reasons;  // per handler: why it cannot move ("" when it can)
    for (std::size_t s = 1; s < module_.scopes().size(); ++s) {
      const PythonScope& function = scope(s);
      if (function.kind != ScopeKind::function) continue;
      for (std::size_t d : function.decorator_lines) {
        std::size_t at = line(d).first + 1;
        if (!(source_.is_kind(at, TokenKind::name) && source_.is_op(at + 1, ".") &&
              source_.is_name(at + 2, "on_event") && source_.is_op(at + 3, "(")))
          continue;
        auto arguments = call_arguments(source_, at + 3);
        std::string_view event;
        if (arguments.size() == 1 && arguments[0].keyword == npos && arguments[0].end == arguments[0].first + 1 &&
            source_.is_kind(arguments[0].first, TokenKind::string)) {
          std::string_view literal = source_.text(arguments[0].first);
          if (literal == "\"startup\"" || literal == "'startup'") event = "startup";
          if (literal == "\"shutdown\"" || literal == "'shutdown'") event = "shutdown";
        }
        std::string reason;
        if (event.empty()) {
          reason = "the event is not the literal \"startup\" or \"shutdown\"";
        } else if (function.decorator_lines.size() != 1) {
          reason = "the handler has other decorators too";
        } else if (!function.parameters.empty()) {
          reason = "the handler takes parameters";
        }
        handlers.push_back(Handler{s, d, event == "startup", false});
        reasons.push_back(reason);
      }
    }
    std::vector<std::pair<std::size_t, std::string>> problems;  // token, what to do
    for (std::size_t i = 0; i + 2 < source_.size(); ++i) {
      if (source_.is_op(i, ".") && source_.is_name(i + 1, "add_event_handler") && source_.is_op(i + 2, "("))
        problems.emplace_back(i + 1, "`add_event_handler(...)`: move the handler into the app's lifespan by hand");
    }
    if (handlers.empty() && problems.empty()) return;

    // The one app: `name = FastAPI(...)`, made once in this file.
    std::vector<std::size_t> creations;  // tokens of `FastAPI` calls
    for (std::size_t i = 0; i < source_.size(); ++i) {
      auto symbol = fastapi_symbol(i);
      if (symbol && symbol->first == "FastAPI" && source_.is_op(symbol->second, "(")) creations.push_back(i);
    }
    std::size_t app_line = none;
    std::string_view app_name;
    std::size_t app_call = npos;
    if (creations.size() == 1) {
      std::size_t l = module_.line_of(creations[0]);
      std::size_t first = line(l).first;
      if (source_.is_kind(first, TokenKind::name) && source_.is_op(first + 1, "=") && creations[0] == first + 2 &&
          source_.partner(fastapi_symbol(first + 2)->second) + 1 == line(l).end - trailing_comments(l)) {
        app_line = l;
        app_name = source_.text(first);
        app_call = fastapi_symbol(first + 2)->second;
      }
    }
    std::string blocker;  // what keeps every handler of this file where it is
    if (creations.empty()) {
      blocker = "the FastAPI app is not created in this file (pass lifespan= where it is)";
    } else if (creations.size() > 1) {
      blocker = "this file creates several FastAPI apps";
    } else if (app_line == none) {
      blocker = "the app is not created by a plain `app = FastAPI(...)` statement";
    } else if (has_keyword(app_call, "lifespan") || has_keyword(app_call, "on_startup") ||
               has_keyword(app_call, "on_shutdown")) {
      blocker = "FastAPI(...) already has lifespan=, on_startup= or on_shutdown=";
    } else if (uses_name("lifespan")) {
      blocker = "the name `lifespan` is already taken in this file";
    }
    for (std::size_t h = 0; h < handlers.size() && blocker.empty(); ++h) {
      std::size_t at = line(handlers[h].decorator).first + 1;
      if (!reasons[h].empty()) continue;
      if (source_.text(at) != app_name) {
        // Once the app has a lifespan, Starlette ignores the on_event handlers of its routers.
        reasons[h] = "it is registered on `" + std::string(source_.text(at)) + "`, not on the app `" +
                     std::string(app_name) + "`";
      } else if (line(scope(handlers[h].function).header_line).scope != line(app_line).scope) {
        reasons[h] = "the handler is not defined next to the app";
      }
    }
    bool any_reason = std::any_of(reasons.begin(), reasons.end(), [](const std::string& r) { return !r.empty(); });
    if (!blocker.empty() || any_reason || !problems.empty()) {
      // All or none: an app with a lifespan no longer runs the on_event handlers that would be left.
      for (std::size_t h = 0; h < handlers.size(); ++h) {
        std::size_t at = line(handlers[h].decorator).first + 1;
        std::string why = !reasons[h].empty() ? reasons[h]
                          : !blocker.empty()  ? blocker
                                              : "another handler of this file cannot move";
        problems.emplace_back(at, "`" + std::string(source_.span(at - 1, source_.partner(at + 3))) + "` on `" +
                                      std::string(scope(handlers[h].function).name) + "` was left as it is: " + why +
                                      "; move it into a lifespan context manager by hand");
      }
      std::sort(problems.begin(), problems.end());
      for (auto& [token, text] : problems) manual(token, std::move(text));
      return;
    }
    decide_inlining(handlers, app_name);
    write_lifespan(handlers, app_line, app_call);
  }

  std::size_t trailing_comments(std::size_t l) const {
    std::size_t count = 0;
    for (std::size_t t = line(l).end; t > line(l).first && source_[t - 1].kind == TokenKind::comment; --t) ++count;
    return count;
  }

  bool has_keyword(std::size_t open, std::string_view keyword) const {
    for (const CallArgument& argument : call_arguments(source_, open))
      if ((argument.keyword != npos && argument.keyword_name(source_) == keyword) || argument.stars == 2) return true;
    return false;
  }

  bool uses_name(std::string_view name) const {
    for (std::size_t i = 0; i < source_.size(); ++i)
      if (source_.is_name(i, name)) return true;
    return false;
  }

  std::pair<std::size_t, std::size_t> body_tokens(const PythonScope& function) const {
    if (function.inline_body) return {function.colon_token + 1, line(function.header_line).end};
    return {line(function.header_line + 1).first, line(function.body_end_line - 1).end};
  }

  // Names a body binds by assignment, loop or `as`: inlined bodies share one function, so these must not meet.
  std::set<std::string_view> assigned_names(const PythonScope& function) const {
    std::set<std::string_view> names;
    auto [first, end] = body_tokens(function);
    for (std::size_t t = first; t < end; ++t) {
      if (source_[t].kind != TokenKind::name || is_python_keyword(source_.text(t))) continue;
      std::size_t before = source_.previous_code(t);
      std::size_t after = source_.next_code(t);
      if (before != npos && source_.is_op(before, ".")) continue;
      bool target =
          (after != npos && source_[after].kind == TokenKind::op && is_assignment_operator(source_.text(after))) ||
          (before != npos && (source_.is_name(before, "for") || source_.is_name(before, "as")));
      if (target) names.insert(source_.text(t));
    }
    return names;
  }

  bool can_inline(const Handler& handler, std::string_view app_name) const {
    const PythonScope& function = scope(handler.function);
    if (!function.is_async || function.inline_body) return false;
    if (function.body_end_line <= function.header_line + 1) return false;
    for (std::size_t s = handler.function + 1; s < module_.scopes().size(); ++s)
      if (scope(s).parent == handler.function) return false;  // nested definitions
    // Referenced elsewhere (called, registered again, tested): it must stay a function.
    if (auto uses = name_uses_.find(function.name); uses != name_uses_.end() && uses->second > 1) return false;
    auto [first, end] = body_tokens(function);
    for (std::size_t t = first; t < end; ++t) {
      std::string_view text = source_.text(t);
      if (source_[t].kind == TokenKind::name &&
          (text == "return" || text == "yield" || text == "global" || text == "nonlocal"))
        return false;
      // Inside the lifespan `app` is its parameter: a body meaning another `app` must stay a function.
      if (app_name != "app" && source_.is_name(t, "app")) return false;
    }
    // The body moves as text: its indentation must already be the lifespan's.
    std::string_view app_indent = module_.indentation_at(source_[line(function.header_line).first].offset);
    std::string_view body_indent = module_.indentation_at(source_[line(function.header_line + 1).first].offset);
    if (body_indent != std::string(app_indent) + "    ") return false;
    const LogicalLine& opening = line(function.header_line + 1);
    if (source_[opening.first].kind == TokenKind::string && opening.end == opening.first + 1 &&
        !docstring_comment(opening.first))
      return false;
    return true;
  }

  // A one-line docstring becomes a comment in the lifespan; others keep the handler a function.
  std::optional<std::string> docstring_comment(std::size_t token) const {
    std::string_view text = source_.text(token);
    for (std::string_view quotes : {"\"\"\"", "'''", "\"", "'"}) {
      if (text.size() >= 2 * quotes.size() && text.starts_with(quotes) && text.ends_with(quotes)) {
        std::string_view content = text.substr(quotes.size(), text.size() - 2 * quotes.size());
        if (content.find_first_of("\r\n\\") != std::string_view::npos) return std::nullopt;
        while (!content.empty() && content.front() == ' ') content.remove_prefix(1);
        while (!content.empty() && content.back() == ' ') content.remove_suffix(1);
        return "# " + std::string(content);
      }
    }
    return std::nullopt;
  }

  void decide_inlining(std::vector<Handler>& handlers, std::string_view app_name) {
    for (Handler& handler : handlers) handler.inline_body = can_inline(handler, app_name);
    // Two inlined bodies may not share a name one of them assigns: as one function they would see each other's.
    bool clash = false;
    for (const Handler& a : handlers) {
      if (!a.inline_body) continue;
      std::set<std::string_view> assigned = assigned_names(scope(a.function));
      for (const Handler& b : handlers) {
        if (&a == &b || !b.inline_body) continue;
        auto [first, end] = body_tokens(scope(b.function));
        for (std::size_t t = first; t < end; ++t)
          if (source_[t].kind == TokenKind::name && assigned.contains(source_.text(t))) clash = true;
      }
    }
    if (clash)
      for (Handler& handler : handlers) handler.inline_body = false;
  }

  // The comment lines right above a line (same indentation), which describe what follows them.
  std::size_t comments_above(std::size_t offset) const {
    std::string_view text = source_.text();
    std::size_t start = module_.physical_line_start(offset);
    std::string_view indent = module_.indentation_at(offset);
    while (start > 0) {
      std::size_t previous = module_.previous_physical_line(start);
      std::string_view content = text.substr(previous, start - previous);
      if (!content.starts_with(std::string(indent) + "#")) break;
      start = previous;
    }
    return start;
  }

  bool is_blank_line(std::size_t start) const {
    std::string_view text = source_.text();
    for (std::size_t i = start; i < text.size() && text[i] != '\n' && text[i] != '\r'; ++i)
      if (text[i] != ' ' && text[i] != '\t' && text[i] != '\f') return false;
    return true;
  }

  void write_lifespan(const std::vector<Handler>& handlers, std::size_t app_line, std::size_t app_call) {
    std::string_view text = source_.text();
    std::size_t app_offset = source_[line(app_line).first].offset;
    std::string outer(module_.indentation_at(app_offset));
    std::string inner = outer + "    ";
    bool module_level = outer.empty();

    std::string startup, shutdown;
    std::vector<std::pair<std::size_t, std::size_t>> removals;  // byte ranges: moved bodies, decorator lines
    for (const Handler& handler : handlers) {
      const PythonScope& function = scope(handler.function);
      std::string& part = handler.startup ? startup : shutdown;
      std::size_t decorator_offset = source_[line(handler.decorator).first].offset;
      if (!handler.inline_body) {
        part += inner + (function.is_async ? "await " : "") + std::string(function.name) + "()\n";
        std::size_t start = module_.physical_line_start(decorator_offset);
        removals.emplace_back(start, module_.next_physical_line(decorator_offset));
        continue;
      }
      std::size_t block_start = comments_above(decorator_offset);
      std::size_t decorator_start = module_.physical_line_start(decorator_offset);
      // Comments that described the handler now describe its part of the lifespan.
      for (std::size_t at = block_start; at < decorator_start; at = module_.next_physical_line(at)) {
        std::string_view comment = text.substr(at, module_.physical_line_end(at) - at);
        part += "    " + std::string(comment) + "\n";
      }
      // The body from the line after the header, so comments above its first statement come along.
      const LogicalLine& opening = line(function.header_line + 1);
      std::size_t body_start = module_.next_physical_line(source_[function.colon_token].offset);
      if (source_[opening.first].kind == TokenKind::string && opening.end == opening.first + 1) {
        std::size_t docstring_line = module_.physical_line_start(source_[opening.first].offset);
        part += std::string(text.substr(body_start, docstring_line - body_start));
        part += inner + *docstring_comment(opening.first) + "\n";
        body_start = module_.next_physical_line(source_[opening.first].offset);
      }
      std::size_t last = line(function.body_end_line - 1).end - 1;
      while (source_[last].kind == TokenKind::newline) --last;
      std::size_t body_end = module_.physical_line_end(source_[last].end());
      if (body_end > body_start) part += std::string(text.substr(body_start, body_end - body_start)) + "\n";
      removals.emplace_back(block_start, after_blank_lines(module_.next_physical_line(body_end)));
    }

    remove_ranges(std::move(removals));

    std::string lifespan = outer + "@asynccontextmanager\n" + outer + "async def lifespan(app):\n" + startup + inner +
                           "yield\n" + shutdown;
    std::size_t insert_at = comments_above(app_offset);
    std::string separator = module_level ? "\n\n" : "\n";
    // Keep the usual blank lines before the new function when code comes right before it.
    std::size_t blank_lines = 0;
    for (std::size_t at = insert_at; at > 0 && is_blank_line(module_.previous_physical_line(at));
         at = module_.previous_physical_line(at))
      ++blank_lines;
    std::string before;
    if (insert_at > 0)
      for (std::size_t wanted = module_level ? 2 : 1; blank_lines < wanted; ++blank_lines) before += "\n";
    edits_.insert(insert_at, before + lifespan + separator);
    add_lifespan_argument(app_call);
    import_asynccontextmanager();
  }

  std::size_t after_blank_lines(std::size_t offset) const {
    std::string_view text = source_.text();
    while (offset < text.size() && is_blank_line(offset) && module_.next_physical_line(offset) > offset)
      offset = module_.next_physical_line(offset);
    return offset;
  }

  // Removes the ranges, joined where they touch. A removal reaching the end of the file takes the blank lines
  // before it too, so the file still ends with its last line of code.
  void remove_ranges(std::vector<std::pair<std::size_t, std::size_t>> ranges) {
    std::sort(ranges.begin(), ranges.end());
    std::vector<std::pair<std::size_t, std::size_t>> joined;
    for (auto range : ranges) {
      if (!joined.empty() && range.first <= joined.back().second) {
        joined.back().second = std::max(joined.back().second, range.second);
      } else {
        joined.push_back(range);
      }
    }
    if (!joined.empty() && joined.back().second >= source_.text().size()) {
      std::size_t& start = joined.back().first;
      while (start > 0 && is_blank_line(module_.previous_physical_line(start)))
        start = module_.previous_physical_line(start);
    }
    for (auto [start, stop] : joined) edits_.replace(start, stop - start, "");
  }

  void add_lifespan_argument(std::size_t open) {
    std::size_t close = source_.partner(open);
    std::size_t last = source_.previous_code(close);
    if (last == open) {
      edits_.insert(source_[close].offset, "lifespan=lifespan");
      return;
    }
    bool comma = source_.is_op(last, ",");
    if (source_[close].line == source_[last].line) {
      edits_.insert(source_[last].end(), comma ? " lifespan=lifespan" : ", lifespan=lifespan");
      return;
    }
    auto arguments = call_arguments(source_, open);
    std::string indent(module_.indentation_at(source_[arguments.back().first].offset));
    if (!comma) edits_.insert(source_[last].end(), ",");
    edits_.insert(module_.physical_line_end(source_[last].end()),
                  "\n" + indent + "lifespan=lifespan" + (comma ? "," : ""));
  }

  void import_asynccontextmanager() {
    const ImportStatement* contextlib = nullptr;
    const ImportStatement* first = nullptr;
    for (const ImportStatement& statement : module_.imports()) {
      if (line(statement.line).indent != 0) continue;
      for (const ImportEntry& entry : statement.entries)
        if (statement.is_from && statement.module == "contextlib" && entry.name == "asynccontextmanager" &&
            entry.alias.empty())
          return;
      if (statement.is_from && statement.module == "contextlib" && !statement.has_comments && !statement.star &&
          !contextlib)
        contextlib = &statement;
      if (!first && statement.module != "__future__") first = &statement;
    }
    if (contextlib) {
      std::string names;
      std::vector<std::string> entries;
      for (const ImportEntry& entry : contextlib->entries)
        entries.emplace_back(source_.span(entry.first, entry.end - 1));
      entries.push_back("asynccontextmanager");
      std::sort(entries.begin(), entries.end());
      for (std::size_t i = 0; i < entries.size(); ++i) names += (i ? ", " : "") + entries[i];
      const LogicalLine& statement = line(contextlib->line);
      std::size_t begin = source_[statement.first].offset;
      edits_.replace(begin, source_[statement.end - 1].end() - begin, "from contextlib import " + names);
      return;
    }
    const std::string import_line = "from contextlib import asynccontextmanager\n";
    if (!first) {
      edits_.insert(0, import_line + "\n");
      return;
    }
    std::string_view first_module = first->is_from ? first->module : first->entries.front().name;
    if (!is_standard_module(first_module)) {
      edits_.insert(module_.physical_line_start(source_[line(first->line).first].offset), import_line + "\n");
      return;
    }
    // Inside the standard-library block, isort's order: `import x` lines, then `from x import` lines by module.
    const ImportStatement* after = nullptr;
    for (const ImportStatement& statement : module_.imports()) {
      if (&statement < first || line(statement.line).indent != 0) continue;
      std::string_view module = statement.is_from ? statement.module : statement.entries.front().name;
      if (!is_standard_module(module)) break;
      if (statement.is_from && statement.module > "contextlib") {
        edits_.insert(module_.physical_line_start(source_[line(statement.line).first].offset), import_line);
        return;
      }
      after = &statement;
    }
    if (!after) return;
    std::size_t end = source_[line(after->line).end - 1].end();
    edits_.insert(module_.next_physical_line(end), import_line);
  }

  PythonModule module_;
  const TokenizedSource& source_;
  std::map<std::string_view, std::string_view, std::less<>> fastapi_names_;
  std::set<std::string_view, std::less<>> fastapi_modules_;
  std::map<std::string_view, std::size_t, std::less<>> name_uses_;  // names as written, not as attributes
  TextEdits edits_;
  std::vector<ManualItem> manual_;
};

}  // namespace

RewriteOutcome rewrite_fastapi_lifespan(std::string_view source) {
  RewriteOutcome outcome{std::string(source), 0, {}};
  if (!imports_module(Language::python, source, "fastapi")) return outcome;
  TokenizedSource checked(Language::python, source);
  if (checked.error()) {
    const TokenizeError& error = *checked.error();
    outcome.manual.push_back(ManualItem{
        static_cast<int>(error.line), static_cast<int>(error.column),
        "the file does not tokenize as Python (" + error.message + "); move its event handlers to a lifespan by hand"});
    return outcome;
  }
  return LifespanRewrite(source).run();
}

}  // namespace apictl::migrate
