// no-ambiguous-paths: no URL matches two paths of which neither is more concrete; routers would disagree on it.
#include <map>
#include <string>
#include <vector>

#include "lint/rules/rule_helpers.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

namespace {

// How concrete a segment is: routers try literal segments first, then partly templated ones, then '{name}'.
enum class Concreteness { variable, partial, literal };

struct Segment {
  std::string_view text;
  Concreteness concreteness;
};

struct ParsedPath {
  contract::NodeRef item;
  std::string_view path;
  std::string identity;  // the path with parameter names dropped
  std::vector<Segment> segments;
};

std::vector<Segment> split(std::string_view path) {
  std::vector<Segment> segments;
  std::size_t start = 0;
  while (true) {
    std::size_t end = path.find('/', start);
    std::string_view text = path.substr(start, end == std::string_view::npos ? end : end - start);
    auto open = text.find('{');
    Concreteness kind = Concreteness::literal;
    if (open != std::string_view::npos) {
      bool whole = open == 0 && text.ends_with('}') && text.find('}') == text.size() - 1;
      kind = whole ? Concreteness::variable : Concreteness::partial;
    }
    segments.push_back({text, kind});
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return segments;
}

// Matches a literal segment against a templated one in which each '{...}' stands for one or more characters.
bool template_matches(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) return text.empty();
  if (pattern.front() != '{')
    return !text.empty() && text.front() == pattern.front() && template_matches(pattern.substr(1), text.substr(1));
  std::size_t close = pattern.find('}');
  if (close == std::string_view::npos) return pattern == text;
  std::string_view rest = pattern.substr(close + 1);
  for (std::size_t taken = 1; taken <= text.size(); ++taken) {
    if (template_matches(rest, text.substr(taken))) return true;
  }
  return false;
}

// Whether some concrete segment matches both. Two templated segments are compared by their literal prefix and
// suffix, which decides it for every template seen in practice ('{id}.json' against 'v{n}').
bool overlap(const Segment& a, const Segment& b) {
  if (a.concreteness == Concreteness::literal && b.concreteness == Concreteness::literal) return a.text == b.text;
  if (a.concreteness == Concreteness::literal) return template_matches(b.text, a.text);
  if (b.concreteness == Concreteness::literal) return template_matches(a.text, b.text);
  std::string_view a_prefix = a.text.substr(0, a.text.find('{'));
  std::string_view b_prefix = b.text.substr(0, b.text.find('{'));
  std::string_view a_suffix = a.text.substr(a.text.rfind('}') + 1);
  std::string_view b_suffix = b.text.substr(b.text.rfind('}') + 1);
  return (a_prefix.starts_with(b_prefix) || b_prefix.starts_with(a_prefix)) &&
         (a_suffix.ends_with(b_suffix) || b_suffix.ends_with(a_suffix));
}

bool ambiguous(const ParsedPath& a, const ParsedPath& b) {
  if (a.identity == b.identity) return false;  // no-identical-paths reports these
  bool a_more_concrete_somewhere = false;
  bool b_more_concrete_somewhere = false;
  for (std::size_t i = 0; i < a.segments.size(); ++i) {
    if (!overlap(a.segments[i], b.segments[i])) return false;
    a_more_concrete_somewhere |= a.segments[i].concreteness > b.segments[i].concreteness;
    b_more_concrete_somewhere |= b.segments[i].concreteness > a.segments[i].concreteness;
  }
  // When one path is at least as concrete at every segment, it wins (OpenAPI: concrete paths match first).
  return a_more_concrete_somewhere == b_more_concrete_somewhere;
}

}  // namespace

void check_no_ambiguous_paths(LintContext& context) {
  // Only paths with as many segments can match the same URL; grouping keeps the pairwise comparison small.
  std::map<std::size_t, std::vector<ParsedPath>> by_length;
  for (auto [path, item] : context.root()["paths"].members()) {
    ParsedPath parsed{item, path, without_template_names(path), split(path)};
    auto& group = by_length[parsed.segments.size()];
    for (const ParsedPath& earlier : group) {
      if (!ambiguous(earlier, parsed)) continue;
      context.report_key(item,
                         "path '" + std::string(path) + "' is ambiguous with '" + std::string(earlier.path) + "' (" +
                             place_of(earlier.item, item.document()) + "): a URL can match both",
                         "make one of them more specific, e.g. by renaming a literal segment or moving the parameter");
      break;
    }
    group.push_back(std::move(parsed));
  }
}

}  // namespace apictl::lint::rules
