// Endpoint lead time: one walk over the commits that change the contract or the tests.
#include "slo/lead_time.hpp"

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <unordered_map>

#include "contract/git_revision_files.hpp"
#include "contract/openapi.hpp"
#include "contract/workspace.hpp"
#include "slo/project_git.hpp"
#include "slo/statistics.hpp"

namespace apictl::slo {

namespace {

constexpr std::size_t commits_per_grep = 200;  // keeps each git grep's command line short

struct ContractOperation {
  std::string path;
  std::string operation_id;
  bool documented = false;
};
using ContractState = std::map<std::string, ContractOperation>;  // by "METHOD /path"

Result<std::vector<CommitPoint>> commits_touching(const std::filesystem::path& root,
                                                  const std::vector<std::string>& pathspecs) {
  std::vector<std::string> arguments{"log", "--reverse", "--topo-order", "--format=%H %ct", "--"};
  arguments.insert(arguments.end(), pathspecs.begin(), pathspecs.end());
  auto text = git_text(root, std::move(arguments));
  if (!text) return std::unexpected(text.error());
  std::vector<CommitPoint> commits;
  std::size_t at = 0;
  while (at < text->size()) {
    std::size_t end = text->find('\n', at);
    if (end == std::string::npos) end = text->size();
    std::string_view line(text->data() + at, end - at);
    at = end + 1;
    std::size_t space = line.find(' ');
    if (space == std::string_view::npos) continue;
    commits.push_back(CommitPoint{std::string(line.substr(0, space)), std::stoll(std::string(line.substr(space + 1)))});
  }
  return commits;
}

bool has_text(contract::NodeRef node) {
  return node.is_string() && node.text().find_first_not_of(" \t\r\n") != std::string_view::npos;
}

// The operations of the contract at `commit`; nullopt when it does not load there (a broken commit changes
// nothing), an empty state when the file is not there.
std::optional<ContractState> contract_at(const GitRepository& repository, const std::string& commit,
                                         const std::filesystem::path& contract_file, const std::string& display) {
  auto files = std::make_shared<contract::GitRevisionFiles>(repository, commit.substr(0, 12), commit);
  if (auto kind = files->kind(contract_file); kind && *kind == contract::EntryKind::missing) return ContractState{};
  contract::Workspace workspace(files);
  auto document = workspace.open(contract_file, commit.substr(0, 12) + ":" + display);
  if (!document) return std::nullopt;
  auto spec = contract::detect_version(**document);
  if (!spec) return std::nullopt;
  ContractState state;
  contract::for_each_operation(workspace, *spec, [&](const contract::Operation& operation) {
    if (operation.webhook) return;
    std::string method(operation.method);
    std::ranges::transform(method, method.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    ContractOperation entry;
    entry.path = std::string(operation.path);
    if (auto id = operation.node.get("operationId"); id.is_string()) entry.operation_id = std::string(id.text());
    entry.documented = has_text(operation.node.get("summary")) || has_text(operation.node.get("description"));
    state[method + " " + entry.path] = std::move(entry);
  });
  return state;
}

void append_literal(std::string& pattern, std::string_view text) {
  for (char c : text) {
    if (std::string_view(".[]()*+?^$|\\{}").find(c) != std::string_view::npos) pattern += '\\';
    pattern += c;
  }
}

// POSIX extended regular expressions, the same for git grep -E and std::regex::extended (no backslash inside
// brackets, where the two differ). Each {parameter} stands for one path segment; the path must end there.
std::string path_pattern(std::string_view path) {
  std::string pattern;
  std::size_t at = 0;
  while (at < path.size()) {
    std::size_t open = path.find('{', at);
    std::size_t close = open == std::string_view::npos ? open : path.find('}', open);
    if (close == std::string_view::npos) {
      append_literal(pattern, path.substr(at));
      break;
    }
    append_literal(pattern, path.substr(at, open - at));
    pattern += "[^/ \"'?#,()]+";
    at = close + 1;
  }
  return pattern + "($|[^/A-Za-z0-9_{}-])";
}

std::string word_pattern(std::string_view word) {
  std::string pattern = "(^|[^A-Za-z0-9_])";
  append_literal(pattern, word);
  return pattern + "($|[^A-Za-z0-9_])";
}

struct MentionPattern {
  std::string literal;  // text every match contains, for git grep -F and a quick test before the regex
  std::regex regex;
  std::vector<std::string> operations;  // the operation keys a match stands for
};

// The longest run of a path template without a parameter ("/pets/" of "/pets/{petId}").
std::string longest_literal(std::string_view path) {
  std::string_view best;
  std::size_t at = 0;
  while (at <= path.size()) {
    std::size_t open = path.find('{', at);
    std::string_view run = path.substr(at, open == std::string_view::npos ? std::string_view::npos : open - at);
    if (run.size() > best.size()) best = run;
    if (open == std::string_view::npos) break;
    std::size_t close = path.find('}', open);
    if (close == std::string_view::npos) break;
    at = close + 1;
  }
  return std::string(best);
}

std::vector<MentionPattern> mention_patterns(const std::map<std::string, ContractState>& states) {
  // pattern -> (literal, operation keys)
  std::map<std::string, std::pair<std::string, std::set<std::string>>> owners;
  for (const auto& [commit, state] : states) {
    for (const auto& [key, operation] : state) {
      auto& by_path = owners[path_pattern(operation.path)];
      by_path.first = longest_literal(operation.path);
      by_path.second.insert(key);
      if (operation.operation_id.empty()) continue;
      auto& by_id = owners[word_pattern(operation.operation_id)];
      by_id.first = operation.operation_id;
      by_id.second.insert(key);
    }
  }
  std::vector<MentionPattern> patterns;
  for (auto& [text, owner] : owners) {
    if (owner.first.empty()) continue;  // a path of parameters only: it would match any line
    patterns.push_back(MentionPattern{owner.first, std::regex(text, std::regex::extended | std::regex::optimize),
                                      std::vector<std::string>(owner.second.begin(), owner.second.end())});
  }
  return patterns;
}

// Which operations the files under the test globs mention at each of `commits`: one git grep per chunk of
// commits for the patterns' literal parts as fixed strings (many times faster than as regular expressions),
// then each distinct line it finds is tried against the patterns once.
Result<std::map<std::string, std::set<std::string>>> mentions_at(const std::filesystem::path& root,
                                                                 const std::vector<std::string>& commits,
                                                                 const std::vector<MentionPattern>& patterns,
                                                                 const std::vector<std::string>& test_pathspecs) {
  std::map<std::string, std::set<std::string>> mentions;
  std::unordered_map<std::string, std::vector<std::string>> owners_of;  // line -> operation keys
  std::set<std::string> literals;
  for (const MentionPattern& pattern : patterns) literals.insert(pattern.literal);
  if (patterns.empty()) return mentions;
  for (std::size_t first = 0; first < commits.size(); first += commits_per_grep) {
    std::vector<std::string> arguments{"grep", "-z", "-I", "-F", "--no-color"};
    for (const std::string& literal : literals) arguments.insert(arguments.end(), {"-e", literal});
    std::size_t last = std::min(commits.size(), first + commits_per_grep);
    arguments.insert(arguments.end(), commits.begin() + static_cast<std::ptrdiff_t>(first),
                     commits.begin() + static_cast<std::ptrdiff_t>(last));
    arguments.push_back("--");
    arguments.insert(arguments.end(), test_pathspecs.begin(), test_pathspecs.end());
    auto output = run_git_in(root, std::move(arguments));
    if (!output) return std::unexpected(output.error());
    if (output->exit_status > 1) {  // 1 is "nothing matched"
      return fail("git-error", "git grep failed: " + output->err.substr(0, output->err.find('\n')),
                  {root.string(), 0, 0, {}});
    }
    // Each matching line: "COMMIT:PATH\0LINE\n".
    const std::string& text = output->out;
    std::size_t at = 0;
    while (at < text.size()) {
      std::size_t name_end = text.find('\0', at);
      if (name_end == std::string::npos) break;
      std::size_t line_end = text.find('\n', name_end);
      if (line_end == std::string::npos) line_end = text.size();
      std::string commit = text.substr(at, text.find(':', at) - at);
      std::string match = text.substr(name_end + 1, line_end - name_end - 1);
      at = line_end + 1;
      // The same line turns up in every later commit: each distinct line is mapped to its patterns once.
      auto [owners, fresh] = owners_of.try_emplace(match);
      if (fresh) {
        for (const MentionPattern& pattern : patterns) {
          if (match.find(pattern.literal) != std::string::npos && std::regex_search(match, pattern.regex)) {
            owners->second.insert(owners->second.end(), pattern.operations.begin(), pattern.operations.end());
          }
        }
      }
      mentions[commit].insert(owners->second.begin(), owners->second.end());
    }
  }
  return mentions;
}

}  // namespace

std::optional<double> OperationLeadTime::days() const {
  if (!done) return std::nullopt;
  return static_cast<double>(done->time - introduced.time) / 86400.0;
}

std::string open_reason(const OperationLeadTime& operation) {
  std::string reason = operation.operation + ": ";
  if (!operation.tested) reason += "no test";
  if (!operation.tested && !operation.documented) reason += ", ";
  if (!operation.documented) reason += "no summary or description";
  return reason;
}

Result<LeadTimeResult> measure_lead_time(const LeadTimeOptions& options) {
  auto repository = repository_at(options.root);
  if (!repository) return std::unexpected(repository.error());
  LeadTimeResult result;
  auto head = run_git_in(options.root, {"rev-parse", "--verify", "-q", "HEAD"});
  if (!head) return std::unexpected(head.error());
  if (head->exit_status != 0) {
    return fail("no-history", "the repository has no commits yet", {options.root.string(), 0, 0, {}},
                "commit the contract and its tests, then measure lead time");
  }
  std::string contract_spec = options.contract.generic_string();
  std::vector<std::string> test_specs;
  for (const std::string& glob : options.test_globs) test_specs.push_back(":(glob)" + glob);
  std::vector<std::string> every_spec{contract_spec};
  every_spec.insert(every_spec.end(), test_specs.begin(), test_specs.end());

  auto timeline = commits_touching(options.root, every_spec);
  if (!timeline) return std::unexpected(timeline.error());
  auto contract_commits = commits_touching(options.root, {contract_spec});
  if (!contract_commits) return std::unexpected(contract_commits.error());
  // No test globs: nothing counts as a test (a bare `git log --` would list every commit).
  auto test_commits =
      test_specs.empty() ? Result<std::vector<CommitPoint>>{} : commits_touching(options.root, test_specs);
  if (!test_commits) return std::unexpected(test_commits.error());
  if (contract_commits->empty()) {
    return fail("no-history", "no commit has the contract '" + contract_spec + "'", {options.root.string(), 0, 0, {}},
                "commit the contract first");
  }
  result.commits_read = timeline->size();

  std::filesystem::path contract_file = std::filesystem::absolute(options.root / options.contract).lexically_normal();
  std::map<std::string, ContractState> states;
  for (const CommitPoint& point : *contract_commits) {
    if (auto state = contract_at(*repository, point.commit, contract_file, contract_spec)) {
      states[point.commit] = std::move(*state);
    }
  }
  std::vector<std::string> test_commit_ids;
  for (const CommitPoint& point : *test_commits) test_commit_ids.push_back(point.commit);
  auto mentions = mentions_at(options.root, test_commit_ids, mention_patterns(states), test_specs);
  if (!mentions) return std::unexpected(mentions.error());

  std::set<std::string> changes_tests(test_commit_ids.begin(), test_commit_ids.end());
  const ContractState empty_contract;
  const std::set<std::string> no_mentions;
  const ContractState* contract = &empty_contract;
  const std::set<std::string>* mentioned = &no_mentions;
  std::map<std::string, OperationLeadTime> seen;
  for (const CommitPoint& point : *timeline) {
    if (auto state = states.find(point.commit); state != states.end()) contract = &state->second;
    if (changes_tests.contains(point.commit)) {
      auto found = mentions->find(point.commit);
      mentioned = found == mentions->end() ? &no_mentions : &found->second;
    }
    for (const auto& [key, operation] : *contract) {
      auto [entry, added] = seen.try_emplace(key);
      if (added) {
        entry->second.operation = key;
        entry->second.introduced = point;
      }
      entry->second.tested = mentioned->contains(key);
      entry->second.documented = operation.documented;
      if (!entry->second.done && entry->second.tested && entry->second.documented) entry->second.done = point;
    }
  }

  // The contract at HEAD decides which operations count; what they lack is as of the last commit read.
  for (const auto& [key, operation] : *contract) {
    OperationLeadTime entry = seen.at(key);
    entry.tested = mentioned->contains(key);
    entry.documented = operation.documented;
    result.operations.push_back(std::move(entry));
  }
  std::ranges::stable_sort(result.operations, {},
                           [](const OperationLeadTime& operation) { return operation.introduced.time; });
  auto keep = static_cast<std::size_t>(std::max(options.last_operations, 1));
  if (result.operations.size() > keep) {
    result.operations.erase(result.operations.begin(), result.operations.end() - static_cast<std::ptrdiff_t>(keep));
  }
  std::vector<double> days;
  for (const OperationLeadTime& operation : result.operations) {
    if (auto value = operation.days()) days.push_back(*value);
  }
  result.p50_days = nearest_rank_percentile(days, 50);
  result.p90_days = nearest_rank_percentile(days, 90);
  return result;
}

}  // namespace apictl::slo
