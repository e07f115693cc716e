// Changelog formats. Markdown follows Keep a Changelog (## [VERSION] - DATE, ### Group, - entries); the JSON
// shape ("apictl.changelog/v1") is documented in docs/contract-diff.md.
#include "report/changelog_report.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <ostream>
#include <span>

#include "report/diff_formats.hpp"
#include "report/escaping.hpp"

namespace apictl::report {

namespace {

using Json = nlohmann::ordered_json;
using diff_formats::operation_text;

// The entry's words: the message, with a caution for changes that may break some clients, and how many other
// operations share the change.
std::string entry_text(const diff::Change& change) {
  std::string text = change.message;
  if (change.level == diff::Level::warn) text += " (may break some clients)";
  if (!change.also.empty()) text += " (and " + plural(change.also.size(), "more operation") + ")";
  return text;
}

// The changes of one section, an operation at a time: [first, last) share an operation.
template <typename Visit>
void for_each_operation(const std::vector<diff::Change>& changes, Visit visit) {
  for (std::size_t first = 0; first < changes.size();) {
    std::size_t last = first + 1;
    while (last < changes.size() && changes[last].operation == changes[first].operation) ++last;
    visit(changes[first].operation, std::span(changes).subspan(first, last - first));
    first = last;
  }
}

// One operation's entries: a line of its own, or the operation with its entries nested under it.
void write_markdown_entries(std::ostream& out, const diff::OperationKey& operation,
                            std::span<const diff::Change> changes) {
  // Document-wide changes (components, global security) have no operation to name, and a message such as
  // "endpoint POST /pets added" names its own.
  bool named = operation.path.empty() ||
               (changes.size() == 1 && changes[0].message.find(operation_text(operation)) != std::string::npos);
  std::string lead = named ? "" : markdown_code(operation_text(operation));
  if (changes.size() == 1) {
    out << "- " << lead << (lead.empty() ? "" : ": ") << markdown_escape(entry_text(changes[0])) << '\n';
    return;
  }
  std::string indent;
  if (!lead.empty()) {
    out << "- " << lead << '\n';
    indent = "  ";
  }
  for (const auto& change : changes) out << indent << "- " << markdown_escape(entry_text(change)) << '\n';
}

void write_markdown(std::ostream& out, const diff::Changelog& changelog) {
  // A --title is the user's own Markdown; the default heading keeps Keep a Changelog's [VERSION] brackets, which
  // a link reference at the end of CHANGELOG.md may turn into a link.
  std::string version = changelog.version.empty() ? std::string("Unreleased") : markdown_escape(changelog.version);
  std::string title = changelog.title;
  if (title.empty()) title = "[" + version + "]" + (changelog.date.empty() ? "" : " - " + changelog.date);
  out << "## " << title << "\n\n";
  if (changelog.sections.empty()) {
    out << "No changes to the API contract.\n";
    return;
  }
  bool first_section = true;
  for (const auto& section : changelog.sections) {
    if (!first_section) out << '\n';
    first_section = false;
    out << "### " << diff::group_title(section.group) << "\n\n";
    for_each_operation(section.changes,
                       [&](const diff::OperationKey& operation, std::span<const diff::Change> changes) {
                         write_markdown_entries(out, operation, changes);
                       });
  }
}

void write_text(std::ostream& out, const diff::Changelog& changelog) {
  out << diff::heading(changelog) << '\n';
  if (changelog.sections.empty()) {
    out << "\nNo changes to the API contract.\n";
    return;
  }
  for (const auto& section : changelog.sections) {
    out << '\n' << diff::group_title(section.group) << '\n';
    for_each_operation(section.changes,
                       [&](const diff::OperationKey& operation, std::span<const diff::Change> changes) {
                         out << "  " << operation_text(operation) << '\n';
                         for (const auto& change : changes) out << "    - " << entry_text(change) << '\n';
                       });
  }
}

void write_json(std::ostream& out, const diff::Changelog& changelog) {
  Json document;
  document["schema"] = "apictl.changelog/v1";
  document["tool"] = {{"name", "apictl"}, {"version", APICTL_VERSION}};
  document["title"] = diff::heading(changelog);
  document["version"] = changelog.version.empty() ? Json(nullptr) : Json(changelog.version);
  document["date"] = changelog.date;
  document["base"] = {{"file", changelog.base.file}, {"openapi", changelog.base.openapi}};
  document["revision"] = {{"file", changelog.revision.file}, {"openapi", changelog.revision.openapi}};
  Json sections = Json::array();
  for (const auto& section : changelog.sections) {
    Json entries = Json::array();
    for (const auto& change : section.changes) {
      Json also = Json::array();
      for (std::uint32_t index : change.also) also.push_back(operation_text(changelog.operations[index]));
      entries.push_back(
          {{"id", change.id},
           {"level", diff::level_name(change.level)},
           {"operation", change.operation.path.empty() ? Json(nullptr) : Json(operation_text(change.operation))},
           {"also", std::move(also)},
           {"message", change.message},
           {"fingerprint", change.fingerprint}});
    }
    sections.push_back({{"group", diff::group_key(section.group)},
                        {"title", diff::group_title(section.group)},
                        {"changes", std::move(entries)}});
  }
  document["sections"] = std::move(sections);
  out << document.dump(2) << '\n';
}

struct FormatName {
  std::string_view name;
  ChangelogFormat format;
};
constexpr FormatName format_names[] = {
    {"markdown", ChangelogFormat::markdown}, {"text", ChangelogFormat::text}, {"json", ChangelogFormat::json}};

}  // namespace

std::optional<ChangelogFormat> parse_changelog_format(std::string_view name) {
  for (const auto& entry : format_names) {
    if (entry.name == name) return entry.format;
  }
  return std::nullopt;
}

std::vector<std::string> changelog_format_names() {
  std::vector<std::string> names;
  for (const auto& entry : format_names) names.emplace_back(entry.name);
  return names;
}

void write_changelog(std::ostream& out, const diff::Changelog& changelog, ChangelogFormat format) {
  switch (format) {
    case ChangelogFormat::markdown:
      write_markdown(out, changelog);
      break;
    case ChangelogFormat::text:
      write_text(out, changelog);
      break;
    case ChangelogFormat::json:
      write_json(out, changelog);
      break;
  }
}

}  // namespace apictl::report
