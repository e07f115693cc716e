// Adding to a contract without rewriting it: new members of a mapping or items of a sequence become text
// inserted after the container's last entry, found through the loader's positions, in the document's own
// style (YAML block indentation and sequence style, JSON indentation, line endings). Every other byte stays.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "contract/document.hpp"
#include "diagnostic.hpp"
#include "util/text_insertion.hpp"

namespace apictl::contract {

using EditValue = nlohmann::ordered_json;

class ContractEditor {
 public:
  // `document` must hold the text it was parsed from (Document::source()).
  explicit ContractEditor(const Document& document);

  bool is_json() const { return json_; }

  // Text adding `members` (in order) at the end of `mapping`. Errors (code "unsupported-style", with the
  // node's position): the mapping is a YAML flow mapping, an alias, or not a mapping.
  Result<TextInsertion> append_members(NodeRef mapping,
                                       const std::vector<std::pair<std::string, EditValue>>& members) const;
  // The same for one item at the end of `sequence`.
  Result<TextInsertion> append_item(NodeRef sequence, const EditValue& item) const;

 private:
  std::size_t offset_of(std::uint32_t line, std::uint32_t column) const;
  std::size_t line_start(std::uint32_t line) const;
  std::string_view line_text(std::uint32_t line) const;  // without the line break
  std::size_t indentation(std::uint32_t line) const;     // leading spaces
  Result<void> check_block(NodeRef node, std::string_view what) const;
  std::size_t yaml_block_end(std::uint32_t last_line, std::size_t indent, bool dash_at_indent) const;
  std::string yaml_lines(const std::vector<std::pair<std::string, EditValue>>& members, std::size_t indent) const;
  std::string yaml_item(const EditValue& item, std::size_t dash_indent) const;
  Result<TextInsertion> json_append(NodeRef container,
                                    const std::vector<std::pair<std::string, EditValue>>& entries) const;
  std::string json_value(const EditValue& value, std::string_view base) const;
  std::string finish(std::string text) const;  // the document's line ending

  const Document& document_;
  std::string_view source_;
  std::size_t body_start_ = 0;  // after a UTF-8 byte order mark
  std::vector<std::size_t> line_starts_;
  bool json_ = false;
  bool crlf_ = false;
  bool minified_ = false;              // JSON on one line: entries are added inline
  bool spaced_ = false;                // that line writes ": " and ", " rather than ":" and ","
  std::string unit_ = "  ";            // one level of indentation
  bool indentless_sequences_ = false;  // YAML "key:\n- item" rather than "key:\n  - item"
};

// A YAML scalar as plain text when that reads back as the same string, else quoted; `in_flow` also quotes
// the characters a flow collection reserves.
std::string yaml_scalar(const EditValue& value, bool in_flow = false);

}  // namespace apictl::contract
