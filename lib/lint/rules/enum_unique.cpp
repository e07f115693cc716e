// enum-unique: no value appears twice in an enum (JSON equality: 1 and 1.0 are equal, key order does not count).
#include <algorithm>
#include <charconv>
#include <unordered_map>
#include <vector>

#include "contract/schemas.hpp"
#include "lint/rules/rules.hpp"

namespace apictl::lint::rules {

namespace {

// A text equal for equal JSON values: numbers by value, mappings with sorted keys.
void canonical(contract::NodeRef value, std::string& out) {
  using contract::NodeKind;
  switch (value.kind()) {
    case NodeKind::integer:
    case NodeKind::number: {
      auto number = value.as_number();
      if (!number) {
        out += value.text();
        return;
      }
      char buffer[32];
      auto end = std::to_chars(buffer, buffer + sizeof buffer, *number).ptr;
      out += 'n';
      out.append(buffer, end);
      return;
    }
    case NodeKind::string:
      out += 's';
      out += std::to_string(value.text().size());
      out += ':';
      out += value.text();
      return;
    case NodeKind::sequence:
      out += '[';
      for (auto item : value.members()) {
        canonical(item.value, out);
        out += ',';
      }
      out += ']';
      return;
    case NodeKind::mapping: {
      std::vector<contract::Member> members;
      for (auto member : value.members()) members.push_back(member);
      std::ranges::sort(members, {}, &contract::Member::key);
      out += '{';
      for (const auto& member : members) {
        out += std::to_string(member.key.size()) + ':';
        out += member.key;
        canonical(member.value, out);
        out += ',';
      }
      out += '}';
      return;
    }
    default:
      out += value.text();
  }
}

}  // namespace

void check_enum_unique(LintContext& context) {
  context.for_each_schema([&](const contract::SchemaVisit& visit) {
    contract::NodeRef values = visit.schema["enum"];
    if (!values.is_sequence() || values.size() < 2) return;
    std::unordered_map<std::string, std::size_t> first_index;
    for (std::size_t i = 0; i < values.size(); ++i) {
      std::string key;
      canonical(values.at(i), key);
      auto [found, inserted] = first_index.try_emplace(std::move(key), i);
      if (inserted) continue;
      contract::NodeRef value = values.at(i);
      std::string shown = value.is_string()   ? "'" + std::string(value.text()) + "'"
                          : value.is_scalar() ? std::string(value.text())
                                              : "item " + std::to_string(i);
      context.report(value, "enum value " + shown + " repeats item " + std::to_string(found->second),
                     "remove the repeated value");
    }
  });
}

}  // namespace apictl::lint::rules
