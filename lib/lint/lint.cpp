// The lint engine: picks rules by preset and overrides, runs them, filters ignores, sorts findings.
#include "lint/lint.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "contract/workspace.hpp"
#include "util/ascii.hpp"
#include "util/glob.hpp"
#include "util/parallel.hpp"
#include "util/spelling.hpp"

namespace apictl::lint {

std::optional<std::optional<Severity>> parse_rule_severity(std::string_view spelled) {
  // Any case, and ERR as contract diff spells it: one set of names across commands.
  std::string text = ascii_lower(spelled);
  if (text == "error" || text == "err") return std::optional<Severity>(Severity::error);
  if (text == "warn" || text == "warning") return std::optional<Severity>(Severity::warn);
  if (text == "info") return std::optional<Severity>(Severity::info);
  if (text == "hint") return std::optional<Severity>(Severity::hint);
  if (text == "off") return std::optional<Severity>();
  return std::nullopt;
}

std::optional<Preset> parse_preset(std::string_view text) {
  for (Preset preset : {Preset::structural, Preset::recommended, Preset::strict, Preset::all}) {
    if (preset_name(preset) == text) return preset;
  }
  return std::nullopt;
}

namespace {

bool enabled_by_preset(const Rule& rule, Preset preset) {
  return static_cast<int>(rule.preset) <= static_cast<int>(preset);
}

// True when the node or one of its ancestors lists the rule in `x-apictl-ignore`.
bool ignored_inline(contract::NodeRef node, std::string_view rule) {
  for (; node; node = node.parent()) {
    contract::NodeRef list = node.is_mapping() ? node.get("x-apictl-ignore") : contract::NodeRef{};
    if (!list) continue;
    if (list.is_string() && (list.text() == rule || list.text() == "*")) return true;
    for (auto item : list.members()) {
      if (item.value.is_string() && (item.value.text() == rule || item.value.text() == "*")) return true;
    }
  }
  return false;
}

bool ignored_by_config(const Diagnostic& finding, const std::vector<IgnoreRule>& ignores) {
  for (const IgnoreRule& ignore : ignores) {
    if (ignore.rule != "*" && ignore.rule != finding.code) continue;
    if (ignore.pointer.empty() || glob_match(ignore.pointer, finding.where.pointer)) return true;
  }
  return false;
}

struct EnabledRule {
  const Rule* rule;
  Severity severity;
};

std::vector<EnabledRule> enabled_rules(const LintOptions& options) {
  std::vector<EnabledRule> enabled;
  for (const Rule& rule : all_rules()) {
    std::optional<Severity> severity;
    if (enabled_by_preset(rule, options.preset)) severity = rule.severity;
    for (const auto& item : options.overrides) {
      if (item.rule == rule.id) severity = item.severity;
    }
    if (severity) enabled.push_back({&rule, *severity});
  }
  return enabled;
}

// Runs the enabled rules in parallel, slow ones first; findings come back in registry order, however threads ran.
std::vector<Finding> run_rules(ContractAnalyses& analyses, const LintOptions& options) {
  std::vector<EnabledRule> enabled = enabled_rules(options);
  std::vector<std::size_t> start_order(enabled.size());
  for (std::size_t i = 0; i < start_order.size(); ++i) start_order[i] = i;
  std::stable_partition(start_order.begin(), start_order.end(), [&](std::size_t i) { return enabled[i].rule->slow; });
  // Resolving every $ref up front loads every file, so the rules' own resolve() calls are mostly cache reads that
  // threads share without waiting for one another.
  analyses.references();
  std::vector<std::vector<Finding>> by_rule(enabled.size());
  parallel_for(start_order.size(), options.threads, [&](std::size_t k) {
    const EnabledRule& item = enabled[start_order[k]];
    LintContext context(analyses, item.rule->id, item.severity);
    item.rule->check(context);
    by_rule[start_order[k]] = std::move(context.findings());
  });
  std::vector<Finding> findings;
  for (auto& some : by_rule) std::move(some.begin(), some.end(), std::back_inserter(findings));
  return findings;
}

// Copies the lines findings point at out of the loaded documents (which the caller's Workspace owns).
void keep_source_lines(const contract::Workspace& workspace, LintResult& result) {
  std::map<std::string, std::set<std::uint32_t>> wanted;
  for (const Diagnostic& finding : result.findings) {
    if (finding.where.line > 0) wanted[finding.where.file].insert(finding.where.line);
  }
  for (const contract::Document* document : workspace.documents()) {
    auto lines = wanted.find(document->path());
    if (lines == wanted.end()) continue;
    std::string_view source = document->source();
    std::size_t start = 0;
    std::uint32_t number = 1;
    for (std::uint32_t line : lines->second) {
      for (; number < line && start < source.size(); ++number) {
        std::size_t newline = source.find('\n', start);
        start = newline == std::string_view::npos ? source.size() : newline + 1;
      }
      if (number != line || start >= source.size()) break;
      std::size_t end = std::min(source.find('\n', start), source.size());
      std::string_view text = source.substr(start, end - start);
      if (text.ends_with('\r')) text.remove_suffix(1);
      result.source_lines.emplace(std::pair(lines->first, line), std::string(text));
    }
  }
}

}  // namespace

std::string closest_rule_id(std::string_view id) {
  std::string best;
  std::size_t best_distance = SIZE_MAX;
  for (const Rule& rule : all_rules()) {
    std::size_t distance = edit_distance(id, rule.id);
    if (distance < best_distance) {
      best_distance = distance;
      best = std::string(rule.id);
    }
  }
  return best;
}

Result<void> validate_options(const LintOptions& options) {
  auto check = [](std::string_view id, const SourcePosition& where) -> Result<void> {
    if (id == "*" || find_rule(id)) return {};
    return fail("unknown-rule", "unknown rule id '" + std::string(id) + "'", where,
                "did you mean '" + closest_rule_id(id) + "'? `apictl contract rules` lists them all");
  };
  for (const auto& item : options.overrides) {
    if (item.rule == "*") return fail("unknown-rule", "a severity needs one rule id, not '*'", item.where);
    if (auto ok = check(item.rule, item.where); !ok) return ok;
  }
  for (const auto& item : options.ignores) {
    if (auto ok = check(item.rule, item.where); !ok) return ok;
  }
  return {};
}

Result<LintResult> lint_contract(const std::filesystem::path& path, std::string display_path,
                                 const LintOptions& options) {
  return lint_contract(
      contract::SpecSource{contract::SpecKind::file, path, std::move(display_path), {}, contract::local_files()},
      options);
}

Result<LintResult> lint_contract(const contract::SpecSource& source, const LintOptions& options) {
  if (auto ok = validate_options(options); !ok) return std::unexpected(ok.error());
  contract::Workspace workspace(source.files);
  auto root = workspace.open(source.path, source.display_path);
  if (!root) return std::unexpected(root.error());
  auto spec = contract::detect_version(**root);
  if (!spec) return std::unexpected(spec.error());

  LintResult result;
  ContractAnalyses analyses(workspace, *spec);
  std::vector<Finding> findings;
  if (spec->version == contract::OasVersion::swagger_2_0) {
    LintContext context(analyses, "oas-structure", Severity::error);
    context.report(spec->version_node, "Swagger 2.0 documents are not supported",
                   "convert it to OpenAPI 3 first (for example with the swagger2openapi converter)");
    findings = std::move(context.findings());
  } else {
    findings = run_rules(analyses, options);
    result.rules_run = enabled_rules(options).size();
  }

  std::set<std::tuple<std::string, std::uint32_t, std::uint32_t, std::string, std::string>> seen;
  for (auto& finding : findings) {
    const Diagnostic& diagnostic = finding.diagnostic;
    if (ignored_inline(finding.node, diagnostic.code) || ignored_by_config(diagnostic, options.ignores)) continue;
    if (!seen.emplace(diagnostic.where.file, diagnostic.where.line, diagnostic.where.column, diagnostic.code,
                      diagnostic.message)
             .second) {
      continue;
    }
    result.findings.push_back(std::move(finding.diagnostic));
  }
  keep_source_lines(workspace, result);
  LintedContract linted{workspace.root().path(), std::string(spec->version_text), {}};
  for (const auto* document : workspace.documents()) linted.files.push_back(document->path());
  result.contracts.push_back(std::move(linted));
  const std::string& root_file = result.contracts.front().file;
  std::stable_sort(result.findings.begin(), result.findings.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    return std::tuple(a.where.file != root_file, a.where.file, a.where.line, a.where.column, a.code) <
           std::tuple(b.where.file != root_file, b.where.file, b.where.line, b.where.column, b.code);
  });
  return result;
}

void merge_results(LintResult& into, LintResult&& more) {
  std::move(more.findings.begin(), more.findings.end(), std::back_inserter(into.findings));
  std::move(more.contracts.begin(), more.contracts.end(), std::back_inserter(into.contracts));
  into.source_lines.merge(more.source_lines);
  into.rules_run = std::max(into.rules_run, more.rules_run);
}

}  // namespace apictl::lint
