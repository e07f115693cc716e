// The API reference page. Sizes stay linear in the contract: a $ref to a named schema (a components.schemas entry
// in any file, or a whole file) is a link, never an inline copy, except that an operation's body or response shows
// its named schema's own properties once; trees have a row budget; long examples are cut.
#include "report/api_reference_html.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "contract/openapi.hpp"
#include "contract/schema_sample.hpp"
#include "report/escaping.hpp"
#include "report/markdown_html.hpp"

namespace apictl::report {

namespace {

using contract::Member;
using contract::NodeRef;
using contract::Workspace;
using Json = nlohmann::ordered_json;

constexpr std::size_t max_tree_rows = 3000;              // rows of one schema tree; the rest is cut with a note
constexpr int max_tree_depth = 32;                       // nesting shown in one tree
constexpr std::size_t max_enum_values = 30;              // enum values listed before "and N more"
constexpr std::size_t max_example_chars = 20000;         // characters of one example before it is cut
constexpr std::size_t max_inline_value = 160;            // characters of a default, const or example shown in a row
constexpr std::size_t open_example_lines = 40;           // longer examples start collapsed
constexpr std::size_t open_navigation_operations = 150;  // more operations than this: tag groups start collapsed

constexpr std::string_view style_sheet = R"(
:root { color-scheme: light dark; --text: #1f2328; --muted: #636c76; --line: #d0d7de; --band: #f6f8fa;
  --side: #f6f8fa; --accent: #0969da; --code: #eff1f3; --get: #0969da; --post: #1a7f37; --put: #9a6700;
  --patch: #8250df; --delete: #cf222e; --other: #57606a; --ok: #1a7f37; --redirect: #0969da; --client: #9a6700;
  --server: #cf222e; }
@media (prefers-color-scheme: dark) { :root { --text: #e6edf3; --muted: #8d96a0; --line: #30363d; --band: #161b22;
  --side: #0d1117; --accent: #4493f8; --code: #1f242c; --get: #4493f8; --post: #3fb950; --put: #d29922;
  --patch: #a371f7; --delete: #f85149; --other: #8d96a0; --ok: #3fb950; --redirect: #4493f8; --client: #d29922;
  --server: #f85149; } }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--text); }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code, pre { font: 13px/1.45 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
code { background: var(--code); padding: 0.05rem 0.3rem; border-radius: 4px; overflow-wrap: anywhere; }
pre { background: var(--code); padding: 0.6rem 0.8rem; border-radius: 6px; overflow: auto; max-height: 32rem; margin: 0.4rem 0; }
pre code { background: none; padding: 0; }
.layout { display: grid; grid-template-columns: 19rem minmax(0, 1fr); }
.sidebar { position: sticky; top: 0; height: 100vh; overflow: auto; background: var(--side);
  border-right: 1px solid var(--line); padding: 1rem 0.75rem 2rem; font-size: 13.5px; }
.sidebar .nav-title { font-weight: 700; font-size: 1rem; margin: 0 0 0.6rem; }
.sidebar ul { list-style: none; margin: 0; padding: 0; }
.sidebar ul ul { margin: 0.15rem 0 0.4rem 0.4rem; }
.sidebar li a { display: block; padding: 0.12rem 0.35rem; border-radius: 4px; color: var(--text);
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.sidebar li a:hover { background: var(--band); text-decoration: none; filter: brightness(0.96); }
.sidebar summary { cursor: pointer; font-weight: 600; padding: 0.2rem 0; }
.sidebar summary a { display: inline; color: var(--text); }
.filter { width: 100%; padding: 0.35rem 0.5rem; margin-bottom: 0.75rem; border: 1px solid var(--line);
  border-radius: 6px; font: inherit; background: transparent; color: inherit; }
main { padding: 1.5rem 2.5rem 4rem; max-width: 78rem; min-width: 0; }
header.overview h1 { margin: 0 0 0.3rem; font-size: 1.9rem; }
.meta { color: var(--muted); margin: 0.2rem 0 1rem; }
.live { border-left: 4px solid var(--accent); background: var(--band); padding: 0.4rem 0.75rem; }
h2 { font-size: 1.45rem; margin: 2.5rem 0 0.75rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin: 0 0 0.4rem; display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: baseline; }
h4 { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); margin: 1.1rem 0 0.4rem; }
.op, .schema-entry { border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; margin: 1rem 0;
  content-visibility: auto; contain-intrinsic-size: auto 24rem; }
.op:target, .schema-entry:target { outline: 2px solid var(--accent); }
.op-path { font-size: 1rem; background: none; padding: 0; }
.op-summary { font-weight: 600; }
.op-meta { color: var(--muted); font-size: 0.9rem; margin: 0.2rem 0 0.5rem; }
.op-meta code { color: var(--text); }
.also-op { margin: 0.4rem 0; color: var(--muted); }
.method { display: inline-block; min-width: 4rem; text-align: center; font: 700 12px/1.6 ui-monospace, monospace;
  color: #fff; background: var(--other); border-radius: 4px; padding: 0 0.4rem; text-transform: uppercase; }
.m-get { background: var(--get); } .m-post { background: var(--post); } .m-put { background: var(--put); }
.m-patch { background: var(--patch); } .m-delete { background: var(--delete); }
.sidebar .method { min-width: 3.4rem; font-size: 10.5px; margin-right: 0.3rem; }
.badge { display: inline-block; font-size: 11px; font-weight: 600; border: 1px solid var(--line); border-radius: 1rem;
  padding: 0 0.45rem; color: var(--muted); vertical-align: 1px; }
.badge.required { color: var(--delete); border-color: currentColor; }
.badge.deprecated { color: var(--client); border-color: currentColor; text-decoration: line-through; }
.desc > :first-child { margin-top: 0; } .desc > :last-child { margin-bottom: 0; }
.desc p { margin: 0.3rem 0; }
.md-heading { margin-top: 0.8rem; }
table { border-collapse: collapse; width: 100%; margin: 0.3rem 0; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.55rem; border-bottom: 1px solid var(--line); }
th { font-weight: 600; background: var(--band); font-size: 0.85rem; }
.params td:first-child, .schemes td:first-child { white-space: nowrap; }
.response { border: 1px solid var(--line); border-radius: 6px; margin: 0.4rem 0; }
.response > summary { cursor: pointer; padding: 0.4rem 0.7rem; }
.response > .line { padding: 0.4rem 0.7rem 0.4rem 1.75rem; }
.response > .body { padding: 0.2rem 0.9rem 0.7rem; border-top: 1px solid var(--line); }
.status { font: 700 13px ui-monospace, monospace; margin-right: 0.5rem; }
.s2 { color: var(--ok); } .s3 { color: var(--redirect); } .s4 { color: var(--client); } .s5 { color: var(--server); }
.media { margin: 0.6rem 0; }
.media-type { margin: 0.3rem 0; font-size: 0.9rem; color: var(--muted); }
.schema-type { margin: 0.2rem 0; }
.type { color: var(--patch); font: 13px ui-monospace, monospace; }
.format { color: var(--muted); font: 12px ui-monospace, monospace; }
.format::before { content: "<"; } .format::after { content: ">"; }
.kw { font-style: italic; color: var(--muted); }
.constraints { color: var(--muted); font-size: 0.85rem; }
.constraints code { font-size: 12px; }
.unresolved { color: var(--delete); }
ul.tree { list-style: none; margin: 0.3rem 0 0.3rem 0.2rem; padding-left: 0.9rem; border-left: 1px solid var(--line); }
ul.tree > li { margin: 0.35rem 0; }
ul.tree .name { font-weight: 600; background: none; padding: 0; }
ul.tree .desc { font-size: 0.92rem; }
details.sub > summary, details.example > summary { cursor: pointer; color: var(--muted); font-size: 0.85rem; }
.example { margin: 0.4rem 0; }
.more { color: var(--muted); font-style: italic; }
footer { margin-top: 3rem; color: var(--muted); font-size: 0.85rem; }
@media (max-width: 52rem) { .layout { display: block; } .sidebar { position: static; height: auto; max-height: 50vh; }
  main { padding: 1rem; } }
)";

// Shows the search box and filters the sidebar, operations and schemas by it; opens the <details> a link
// points into. Without it the page is complete: the box stays hidden.
constexpr std::string_view filter_script = R"(
(function () {
  var box = document.getElementById('filter');
  box.hidden = false;
  var entries = Array.prototype.slice.call(document.querySelectorAll('[data-search]'));
  box.addEventListener('input', function () {
    var query = box.value.trim().toLowerCase();
    entries.forEach(function (entry) {
      entry.hidden = query !== '' && entry.getAttribute('data-search').indexOf(query) < 0;
    });
    document.querySelectorAll('.sidebar details').forEach(function (group) {
      if (query !== '') group.open = group.querySelector('li[data-search]:not([hidden])') !== null;
    });
    document.querySelectorAll('section.tag').forEach(function (section) {
      section.hidden = query !== '' && section.querySelector('[data-search]:not([hidden])') === null;
    });
  });
  function reveal() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    for (var node = target; node; node = node.parentElement) if (node.tagName === 'DETAILS') node.open = true;
  }
  window.addEventListener('hashchange', reveal);
  reveal();
})();
)";

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string upper_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Letters, digits, '-', '_' and '.' kept; other runs become one '-'.
std::string slug(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') {
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "x" : out;
}

// Unique element ids; a repeated one gets "-2", "-3", ...
class Anchors {
 public:
  std::string make(std::string_view prefix, std::string_view name) {
    std::string base = std::string(prefix) + slug(name);
    std::string anchor = base;
    for (int n = 2; !used_.insert(anchor).second; ++n) anchor = base + "-" + std::to_string(n);
    return anchor;
  }

 private:
  std::unordered_set<std::string> used_;
};

struct NodeKeyHash {
  std::size_t operator()(const NodeRef& node) const {
    return std::hash<const void*>{}(&node.document()) ^ (std::size_t{node.id()} * 0x9e3779b97f4a7c15ULL);
  }
};

std::string json_text(const Json& value, int indent) {
  return value.dump(indent, ' ', false, Json::error_handler_t::replace);
}

// A scalar as written, a container as compact JSON; cut to `limit` characters.
std::string value_text(NodeRef node, std::size_t limit = max_inline_value) {
  std::string text = node.is_null()     ? std::string("null")
                     : node.is_scalar() ? std::string(node.text())
                                        : json_text(contract::node_to_json(node), -1);
  if (text.size() > limit) text = text.substr(0, limit) + "…";
  return text;
}

bool is_json_media_type(std::string_view media_type) {
  std::string lower = lower_ascii(media_type);
  return lower.find("json") != std::string::npos || lower == "*/*";
}

// A named schema: a components.schemas entry (of any file) or a whole file, listed in the Schemas section.
struct NamedSchema {
  std::string name;
  std::string anchor;
  NodeRef node;
};

// What a schema as written shows: a link to a named schema, or its own (or an inline $ref target's) keywords.
struct SchemaView {
  NodeRef outer;                     // as written: its description, nullable and read/write marks apply too
  NodeRef body;                      // the keywords to show; empty for a link or an unresolved ref
  std::optional<std::size_t> named;  // a link to this named schema
  bool recursive = false;            // the link closes a cycle
  std::string unresolved;            // a $ref that does not resolve
};

struct TreeState {
  std::vector<NodeRef> expanding;  // $ref targets being shown inline: meeting one again is a cycle
  std::size_t rows = 0;
  bool cut = false;
};

struct TagGroup {
  std::string name;
  std::string anchor;
  NodeRef tag;  // the Tag Object in `tags`, when declared
  std::vector<std::size_t> operations;
  bool untagged = false;  // the group of operations without tags
};

struct OperationEntry {
  contract::Operation operation;
  std::string anchor;
  std::string home_tag;  // where the operation is described in full; other tags link to it
  std::string search;    // what the filter box matches
};

class ReferencePage {
 public:
  ReferencePage(Workspace& workspace, const contract::SpecInfo& spec, const ApiReferenceOptions& options)
      : workspace_(workspace), spec_(spec), options_(options), root_(workspace.root().root()) {}

  std::string render();

 private:
  // ---- schema names and links ----
  std::optional<std::size_t> named_index(NodeRef node) const {
    auto found = named_by_node_.find(node);
    return found == named_by_node_.end() ? std::nullopt : std::optional(found->second);
  }
  std::size_t add_named(NodeRef node, std::string name) {
    named_.push_back(NamedSchema{name, anchors_.make("schema-", name), node});
    named_by_node_.emplace(node, named_.size() - 1);
    return named_.size() - 1;
  }
  // A components.schemas entry of any file, or a whole file other than the root, gets a Schemas entry.
  std::optional<std::size_t> named_for_target(NodeRef target) {
    if (auto known = named_index(target)) return known;
    NodeRef map = target.parent();
    NodeRef components = map.parent();
    if (map && map.key() == "schemas" && components.key() == "components" && !components.parent().parent()) {
      return add_named(target, std::string(target.key()));
    }
    if (!target.parent() && &target.document() != &workspace_.root()) {
      std::string stem = std::filesystem::path(target.document().path()).stem().string();
      return add_named(target, target["title"].is_string() ? std::string(target["title"].text()) : stem);
    }
    return std::nullopt;
  }
  std::string link_to(std::size_t named) const {
    return "<a class=\"type-link\" href=\"#" + named_[named].anchor + "\">" + xml_escape(named_[named].name) + "</a>";
  }

  SchemaView view_of(NodeRef written, const TreeState& state, int unwrapped = 0);
  std::string type_label(const SchemaView& view, const TreeState& state, bool with_title = false, int nesting = 0);
  std::string badges(const SchemaView& view, bool required) const;
  std::string constraints(const SchemaView& view) const;
  std::string description_of(const SchemaView& view) const;
  NodeRef children_source(const SchemaView& view, const TreeState& state, int nesting = 0);
  std::size_t write_children(std::string& out, NodeRef body, int depth, TreeState& state);
  std::optional<std::size_t> named_behind(const SchemaView& view, const TreeState& state, int nesting = 0);
  void write_row(std::string& out, std::string_view name_html, bool required, NodeRef schema, int depth,
                 TreeState& state);
  void write_nested(std::string& out, const SchemaView& view, int depth, TreeState& state);
  void write_schema_block(std::string& out, NodeRef schema, bool expand_named);

  // ---- the page's parts ----
  void collect_operations();
  void write_overview(std::string& out);
  void write_servers(std::string& out, NodeRef servers);
  void write_security_schemes(std::string& out);
  void write_security(std::string& out, NodeRef operation);
  void write_tag_groups(std::string& out);
  void write_operation(std::string& out, const OperationEntry& entry);
  void write_parameters(std::string& out, const contract::Operation& operation);
  void write_request_body(std::string& out, NodeRef operation);
  void write_responses(std::string& out, NodeRef operation);
  void write_content(std::string& out, NodeRef content);
  void write_headers(std::string& out, NodeRef headers);
  void write_examples(std::string& out, NodeRef media, std::string_view media_type);
  void write_example(std::string& out, std::string_view title, NodeRef description, const Json& value,
                     std::string_view media_type);
  void write_schemas(std::string& out);
  void write_sidebar(std::string& out);
  void write_description(std::string& out, NodeRef description) const;
  void write_link(std::string& out, NodeRef url, std::string_view text) const;

  NodeRef deref(NodeRef node) {
    auto resolved = workspace_.deref(node);
    return resolved ? *resolved : NodeRef{};
  }

  Workspace& workspace_;
  const contract::SpecInfo& spec_;
  const ApiReferenceOptions& options_;
  NodeRef root_;
  Anchors anchors_;
  std::vector<NamedSchema> named_;
  std::unordered_map<NodeRef, std::size_t, NodeKeyHash> named_by_node_;
  std::size_t component_schemas_ = 0;  // named_[0 .. this) are the root's components.schemas
  std::vector<OperationEntry> operations_;
  std::vector<TagGroup> groups_;
};

// ---- schemas ----

SchemaView ReferencePage::view_of(NodeRef written, const TreeState& state, int unwrapped) {
  SchemaView view{written, written, std::nullopt, false, {}};
  NodeRef current = written;
  // Follow a chain of $refs to the first named schema or inline body (bounded: a chain is short or a cycle).
  for (int hop = 0; hop < 32 && current.is_mapping() && current["$ref"].is_string(); ++hop) {
    auto target = workspace_.resolve(current["$ref"]);
    if (!target) {
      view.body = {};
      view.unresolved = std::string(current["$ref"].text());
      return view;
    }
    if (auto named = named_for_target(*target)) {
      view.body = {};
      view.named = named;
      return view;
    }
    if (std::find(state.expanding.begin(), state.expanding.end(), *target) != state.expanding.end()) {
      // A cycle through schemas that are not named: name the target so the cycle can end in a link.
      std::string ref(current["$ref"].text());
      std::size_t slash = ref.find_last_of("/#");
      view.body = {};
      view.named = add_named(*target, slash == std::string::npos ? ref : ref.substr(slash + 1));
      view.recursive = true;
      return view;
    }
    current = *target;
    view.body = current;
  }
  // `allOf: [X]` with nothing else to say is X (how 3.0 puts a description or nullable beside a $ref).
  if (view.body.is_mapping() && !view.body["$ref"]) {
    NodeRef parts = view.body["allOf"];
    // Bounded: a one-part allOf may lead back to itself through a $ref.
    if (parts.is_sequence() && parts.size() == 1 && !view.body["properties"] && !view.body["type"] && unwrapped < 8) {
      SchemaView inner = view_of(parts.at(0), state, unwrapped + 1);
      inner.outer = view.body;
      return inner;
    }
  }
  return view;
}

std::string ReferencePage::type_label(const SchemaView& view, const TreeState& state, bool with_title, int nesting) {
  if (!view.unresolved.empty()) {
    return "<span class=\"unresolved\">unresolved $ref <code>" + xml_escape(view.unresolved) + "</code></span>";
  }
  if (view.named) return link_to(*view.named) + (view.recursive ? " <span class=\"kw\">(recursive)</span>" : "");
  NodeRef body = view.body;
  if (!body.is_mapping())
    return body.is_bool() ? (body.as_bool() ? "<span class=\"type\">any</span>" : "<span class=\"type\">nothing</span>")
                          : "<span class=\"type\">any</span>";
  std::vector<std::string_view> types;
  if (NodeRef type = body["type"]; type.is_string()) {
    types.push_back(type.text());
  } else if (type.is_sequence()) {
    for (const Member& member : type.members()) {
      if (member.value.is_string() && member.value.text() != "null") types.push_back(member.value.text());
    }
  }
  if (types.empty()) {
    if (body["properties"])
      types.push_back("object");
    else if (body["items"])
      types.push_back("array");
  }
  std::string label;
  auto nested_label = [&](NodeRef schema) {
    if (nesting >= 6) return std::string("<span class=\"type\">…</span>");
    return type_label(view_of(schema, state), state, false, nesting + 1);
  };
  for (std::string_view type : types) {
    if (!label.empty()) label += " <span class=\"kw\">or</span> ";
    if (type == "array" && body["items"].is_mapping()) {
      label += "<span class=\"type\">array of</span> " + nested_label(body["items"]);
    } else if (type == "object" && !body["properties"] && body["additionalProperties"].is_mapping()) {
      label += "<span class=\"type\">map of</span> " + nested_label(body["additionalProperties"]);
    } else {
      label += "<span class=\"type\">" + xml_escape(type) + "</span>";
    }
  }
  if (label.empty()) {
    if (body["allOf"] && body["allOf"].size() > 0)
      label = "<span class=\"type\">object</span>";  // its parts' fields are listed together
    else if (body["oneOf"])
      label = "<span class=\"kw\">one of</span>";
    else if (body["anyOf"])
      label = "<span class=\"kw\">any of</span>";
    else if (body["not"])
      label = "<span class=\"kw\">not</span>";
    else if (NodeRef values = body["enum"]; values.size() > 0)
      label = "<span class=\"type\">" + std::string(contract::kind_name(values.at(0).kind())) + "</span>";
    else if (body["const"])
      label = "<span class=\"type\">" + std::string(contract::kind_name(body["const"].kind())) + "</span>";
    else
      label = "<span class=\"type\">any</span>";
  }
  if (NodeRef format = body["format"]; format.is_string()) {
    label += "<span class=\"format\">" + xml_escape(format.text()) + "</span>";
  }
  if (NodeRef title = body["title"]; title.is_string() && with_title && nesting == 0) {
    label += " <span class=\"kw\">" + xml_escape(title.text()) + "</span>";
  }
  return label;
}

std::string ReferencePage::badges(const SchemaView& view, bool required) const {
  auto either = [&](std::string_view key) {
    return view.outer[key].as_bool() || (view.body && view.body[key].as_bool());
  };
  bool nullable = either("nullable");
  for (NodeRef schema : {view.outer, view.body}) {
    for (const Member& member : schema["type"].members()) nullable = nullable || member.value.text() == "null";
  }
  std::string out;
  if (required) out += " <span class=\"badge required\">required</span>";
  if (nullable) out += " <span class=\"badge\">nullable</span>";
  if (either("readOnly")) out += " <span class=\"badge\">read-only</span>";
  if (either("writeOnly")) out += " <span class=\"badge\">write-only</span>";
  if (either("deprecated")) out += " <span class=\"badge deprecated\">deprecated</span>";
  return out;
}

std::string ReferencePage::constraints(const SchemaView& view) const {
  std::vector<std::string> parts;
  auto code = [](NodeRef value) { return "<code>" + xml_escape(value_text(value)) + "</code>"; };
  auto add = [&](std::string_view label, NodeRef value) {
    if (value) parts.push_back(std::string(label) + " " + code(value));
  };
  NodeRef body = view.body.is_mapping() ? view.body : NodeRef{};
  if (body) {
    if (NodeRef values = body["enum"]; values.is_sequence()) {
      std::string list = "one of";
      std::size_t shown = 0;
      for (const Member& member : values.members()) {
        if (shown++ == max_enum_values) {
          list += " and " + std::to_string(values.size() - max_enum_values) + " more";
          break;
        }
        list += " " + code(member.value);
      }
      parts.push_back(list);
    }
    add("equal to", body["const"]);
    bool exclusive_minimum = body["exclusiveMinimum"].as_bool();
    bool exclusive_maximum = body["exclusiveMaximum"].as_bool();
    add(exclusive_minimum ? ">" : "≥", body["minimum"]);
    add(exclusive_maximum ? "<" : "≤", body["maximum"]);
    if (body["exclusiveMinimum"].is_number()) add(">", body["exclusiveMinimum"]);
    if (body["exclusiveMaximum"].is_number()) add("<", body["exclusiveMaximum"]);
    add("multiple of", body["multipleOf"]);
    add("min length", body["minLength"]);
    add("max length", body["maxLength"]);
    add("pattern", body["pattern"]);
    add("min items", body["minItems"]);
    add("max items", body["maxItems"]);
    if (body["uniqueItems"].as_bool()) parts.push_back("unique items");
    add("min properties", body["minProperties"]);
    add("max properties", body["maxProperties"]);
    add("discriminator", body["discriminator"]["propertyName"]);
  }
  NodeRef default_value = view.outer["default"] ? view.outer["default"] : body["default"];
  add("default", default_value);
  NodeRef example = view.outer["example"] ? view.outer["example"] : body["example"];
  if (!example && view.outer["examples"].is_sequence()) example = view.outer["examples"].at(0);
  add("example", example);
  if (parts.empty()) return {};
  std::string out = "<div class=\"constraints\">";
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i == 0 ? "" : " · ") + parts[i];
  return out + "</div>";
}

std::string ReferencePage::description_of(const SchemaView& view) const {
  NodeRef description = view.outer["description"];
  if (!description && view.body) description = view.body["description"];
  if (!description.is_string() || description.text().empty()) return {};
  return "<div class=\"desc\">" + markdown_to_html(description.text()) + "</div>";
}

// Where the rows under a schema come from: an array's or a map's items when those are shown inline.
NodeRef ReferencePage::children_source(const SchemaView& view, const TreeState& state, int nesting) {
  NodeRef body = view.body;
  if (!body.is_mapping() || nesting > 6) return body;
  std::string_view type = body["type"].is_string() ? body["type"].text() : "";
  if ((type == "array" || (type.empty() && body["items"] && !body["properties"])) && body["items"].is_mapping()) {
    return children_source(view_of(body["items"], state), state, nesting + 1);
  }
  if (!body["properties"] && body["additionalProperties"].is_mapping() && (type == "object" || type.empty())) {
    return children_source(view_of(body["additionalProperties"], state), state, nesting + 1);
  }
  return body;
}

void ReferencePage::write_row(std::string& out, std::string_view name_html, bool required, NodeRef schema, int depth,
                              TreeState& state) {
  if (state.rows >= max_tree_rows) {
    state.cut = true;
    return;
  }
  ++state.rows;
  SchemaView view = view_of(schema, state);
  out += "<li><span class=\"row\">";
  out += name_html;
  out += ' ';
  out += type_label(view, state, true);
  out += badges(view, required);
  out += "</span>";
  out += constraints(view);
  out += description_of(view);
  write_nested(out, view, depth, state);
  out += "</li>\n";
}

// The rows under a row: open for the first levels, collapsed below, so deep request bodies stay navigable.
void ReferencePage::write_nested(std::string& out, const SchemaView& view, int depth, TreeState& state) {
  NodeRef source = children_source(view, state);
  if (!source.is_mapping()) return;
  if (depth >= max_tree_depth) {
    out += "<ul class=\"tree\"><li class=\"more\">nested deeper than " + std::to_string(max_tree_depth) +
           " levels: not shown</li></ul>\n";
    return;
  }
  state.expanding.push_back(source);
  std::string children;
  std::size_t rows = write_children(children, source, depth + 1, state);
  state.expanding.pop_back();
  if (children.empty()) return;
  if (depth == 0) {
    out += "<ul class=\"tree\">\n" + children + "</ul>\n";
    return;
  }
  bool variants_only = !source["properties"] && (source["oneOf"] || source["anyOf"]);
  out += depth == 1 ? "<details class=\"sub\" open=\"open\">" : "<details class=\"sub\">";
  out += "<summary>" + plural(rows, variants_only ? "variant" : "field") + "</summary><ul class=\"tree\">\n" +
         children + "</ul></details>\n";
}

// The named schema a body, response or parameter shows: a link's, or that of its array items or map values.
std::optional<std::size_t> ReferencePage::named_behind(const SchemaView& view, const TreeState& state, int nesting) {
  if (view.named) return view.named;
  NodeRef body = view.body;
  if (!body.is_mapping() || body["properties"] || nesting > 4) return std::nullopt;
  for (std::string_view key : {"items", "additionalProperties"}) {
    if (body[key].is_mapping()) return named_behind(view_of(body[key], state), state, nesting + 1);
  }
  return std::nullopt;
}

// Writes the rows under `body` and returns how many (not counting theirs).
std::size_t ReferencePage::write_children(std::string& out, NodeRef body, int depth, TreeState& state) {
  std::size_t rows = 0;
  std::unordered_set<std::string_view> required;
  for (const Member& name : body["required"].members()) required.insert(name.value.text());
  for (const Member& property : body["properties"].members()) {
    write_row(out, "<code class=\"name\">" + xml_escape(property.key) + "</code>", required.contains(property.key),
              property.value, depth, state);
    ++rows;
  }
  if (NodeRef extra = body["additionalProperties"]; extra.is_mapping() && body["properties"]) {
    write_row(out, "<span class=\"kw\">additional properties</span>", false, extra, depth, state);
    ++rows;
  }
  for (const Member& pattern : body["patternProperties"].members()) {
    write_row(out, "<span class=\"kw\">names matching</span> <code>" + xml_escape(pattern.key) + "</code>", false,
              pattern.value, depth, state);
    ++rows;
  }
  // allOf: the parts' properties join this level; a named part is a link ("all of Pet").
  for (const Member& part : body["allOf"].members()) {
    SchemaView view = view_of(part.value, state);
    NodeRef source = view.body.is_mapping() ? children_source(view, state) : NodeRef{};
    if (source.is_mapping() && (source["properties"] || source["allOf"] || source["oneOf"] || source["anyOf"]) &&
        state.expanding.size() < 2 * static_cast<std::size_t>(max_tree_depth)) {
      state.expanding.push_back(source);
      rows += write_children(out, source, depth, state);
      state.expanding.pop_back();
    } else {
      write_row(out, "<span class=\"kw\">all of</span>", false, part.value, depth, state);
      ++rows;
    }
  }
  for (std::string_view keyword : {"oneOf", "anyOf"}) {
    std::string label = keyword == "oneOf" ? "one of" : "any of";
    std::size_t number = 0;
    for (const Member& part : body[keyword].members()) {
      write_row(out,
                "<span class=\"kw\">" + label + " (" + std::to_string(++number) + "/" +
                    std::to_string(body[keyword].size()) + ")</span>",
                false, part.value, depth, state);
      ++rows;
    }
  }
  if (NodeRef negated = body["not"]; negated.is_mapping()) {
    write_row(out, "<span class=\"kw\">not</span>", false, negated, depth, state);
    ++rows;
  }
  return rows;
}

// A schema of a body, response, parameter or components entry: its type line, then its property tree. With
// `expand_named`, a link to a named schema also shows that schema's own rows (their named parts stay links).
void ReferencePage::write_schema_block(std::string& out, NodeRef schema, bool expand_named) {
  TreeState state;
  SchemaView view = view_of(schema, state);
  out += "<div class=\"schema\"><div class=\"schema-type\">" + type_label(view, state) + badges(view, false) + "</div>";
  out += constraints(view);
  out += description_of(view);
  if (auto named = expand_named ? named_behind(view, state) : std::nullopt) {
    NodeRef node = named_[*named].node;  // a copy: rendering may add to named_
    if (view.named && !view.outer["description"])
      out += description_of(SchemaView{node, node, std::nullopt, false, {}});
    state.expanding.push_back(node);
    write_nested(out, SchemaView{node, node, std::nullopt, false, {}}, 0, state);
  } else {
    write_nested(out, view, 0, state);
  }
  if (state.cut) {
    out += "<p class=\"more\">This schema has more than " + std::to_string(max_tree_rows) +
           " fields; the rest is not shown here (see the contract).</p>";
  }
  out += "</div>\n";
}

// ---- examples ----

void ReferencePage::write_example(std::string& out, std::string_view title, NodeRef description, const Json& value,
                                  std::string_view media_type) {
  std::string text =
      value.is_string() && !is_json_media_type(media_type) ? value.get<std::string>() : json_text(value, 2);
  std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  if (text.size() > max_example_chars) {
    std::size_t cut = max_example_chars;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 sequence
    text = text.substr(0, cut) + "\n… " + std::to_string(text.size() - cut) + " more characters (see the contract)";
  }
  out += lines <= open_example_lines ? "<details class=\"example\" open=\"open\">" : "<details class=\"example\">";
  out += "<summary>" + xml_escape(title) + "</summary>";
  if (description.is_string() && !description.text().empty()) {
    out += "<div class=\"desc\">" + markdown_to_html(description.text()) + "</div>";
  }
  out += "<pre><code>" + xml_escape(text) + "</code></pre></details>\n";
}

// The media type's `example`, its `examples`, or else a value generated from its schema.
void ReferencePage::write_examples(std::string& out, NodeRef media, std::string_view media_type) {
  if (NodeRef example = media["example"]) {
    write_example(out, "Example", {}, contract::node_to_json(example), media_type);
    return;
  }
  if (NodeRef examples = media["examples"]; examples.is_mapping() && examples.size() > 0) {
    for (const Member& member : examples.members()) {
      NodeRef example = deref(member.value);
      std::string title = "Example: " + std::string(member.key);
      if (example["summary"].is_string()) title += " — " + std::string(example["summary"].text());
      if (NodeRef value = example["value"]) {
        write_example(out, title, example["description"], contract::node_to_json(value), media_type);
      } else if (NodeRef external = example["externalValue"]; external.is_string()) {
        out +=
            "<p class=\"example\">" + xml_escape(title) + ": in <code>" + xml_escape(external.text()) + "</code></p>\n";
      }
    }
    return;
  }
  NodeRef schema = media["schema"];
  if (!schema.is_mapping()) return;
  Json sample = contract::sample_for_schema(workspace_, schema);
  if (sample.is_array() && sample.empty()) {
    // One item teaches more than an empty list.
    if (NodeRef items = deref(schema)["items"]; items.is_mapping()) {
      sample.push_back(contract::sample_for_schema(workspace_, items));
    }
  }
  if (sample.is_null() || (sample.is_object() && sample.empty())) return;
  write_example(out, "Example (generated from the schema)", {}, sample, media_type);
}

// ---- operations ----

void ReferencePage::collect_operations() {
  std::unordered_map<std::string, std::size_t> group_of;
  auto group = [&](std::string_view name, NodeRef tag) -> TagGroup& {
    auto [found, added] = group_of.emplace(std::string(name), groups_.size());
    if (added) groups_.push_back(TagGroup{std::string(name), anchors_.make("tag-", name), tag, {}, false});
    return groups_[found->second];
  };
  // Declared tags first, in their order; a tag no operation uses is left out.
  for (const Member& tag : root_["tags"].members()) {
    if (tag.value["name"].is_string()) group(tag.value["name"].text(), tag.value);
  }
  std::vector<std::size_t> untagged;
  contract::for_each_operation(workspace_, spec_, [&](const contract::Operation& operation) {
    OperationEntry entry{operation, {}, {}, {}};
    NodeRef operation_id = operation.node["operationId"];
    entry.anchor = anchors_.make("op-", operation_id.is_string() && !operation_id.text().empty()
                                            ? operation_id.text()
                                            : std::string(operation.method) + "-" + std::string(operation.path));
    entry.search = lower_ascii(std::string(operation.method) + " " + std::string(operation.path) + " " +
                               std::string(operation.node["summary"].text()) + " " + std::string(operation_id.text()));
    std::size_t index = operations_.size();
    bool tagged = false;
    for (const Member& tag : operation.node["tags"].members()) {
      if (!tag.value.is_string()) continue;
      TagGroup& home = group(tag.value.text(), {});
      if (home.operations.empty() || home.operations.back() != index) home.operations.push_back(index);
      if (!tagged) entry.home_tag = std::string(tag.value.text());
      tagged = true;
    }
    if (!tagged) untagged.push_back(index);
    operations_.push_back(std::move(entry));
  });
  std::erase_if(groups_, [](const TagGroup& tag_group) { return tag_group.operations.empty(); });
  if (!untagged.empty()) {
    groups_.push_back(
        TagGroup{"Untagged operations", anchors_.make("tag-", "untagged"), {}, std::move(untagged), true});
  }
}

void ReferencePage::write_description(std::string& out, NodeRef description) const {
  if (!description.is_string() || description.text().empty()) return;
  out += "<div class=\"desc\">" + markdown_to_html(description.text()) + "</div>\n";
}

void ReferencePage::write_link(std::string& out, NodeRef url, std::string_view text) const {
  if (!url.is_string()) return;
  if (is_safe_link(url.text())) {
    out +=
        "<a href=\"" + xml_escape(url.text()) + "\" rel=\"nofollow noopener noreferrer\">" + xml_escape(text) + "</a>";
  } else {
    out += xml_escape(text) + " <code>" + xml_escape(url.text()) + "</code>";
  }
}

void ReferencePage::write_security(std::string& out, NodeRef operation) {
  NodeRef security = operation["security"] ? operation["security"] : root_["security"];
  if (!security.is_sequence()) return;
  std::vector<std::string> alternatives;
  bool optional = security.size() == 0;
  for (const Member& requirement : security.members()) {
    if (requirement.value.size() == 0) {
      optional = true;
      continue;
    }
    std::string all;
    for (const Member& scheme : requirement.value.members()) {
      if (!all.empty()) all += " and ";
      all += "<a href=\"#" + slug("auth-" + std::string(scheme.key)) + "\"><code>" + xml_escape(scheme.key) +
             "</code></a>";
      if (scheme.value.size() > 0) {
        all += " (scopes:";
        for (const Member& scope : scheme.value.members())
          all += " <code>" + xml_escape(scope.value.text()) + "</code>";
        all += ")";
      }
    }
    alternatives.push_back(all);
  }
  out += " · security: ";
  if (alternatives.empty()) {
    out += "none";
    return;
  }
  for (std::size_t i = 0; i < alternatives.size(); ++i) out += (i == 0 ? "" : " or ") + alternatives[i];
  if (optional) out += " (or none)";
}

void ReferencePage::write_operation(std::string& out, const OperationEntry& entry) {
  const contract::Operation& operation = entry.operation;
  NodeRef node = operation.node;
  std::string method(operation.method);
  out += "<section class=\"op\" id=\"" + entry.anchor + "\" data-search=\"" + xml_escape(entry.search) + "\">\n";
  out += "<h3><span class=\"method m-" + xml_escape(method) + "\">" + xml_escape(method) + "</span> ";
  if (operation.webhook) out += "<span class=\"kw\">webhook</span> ";
  out += "<code class=\"op-path\">" + xml_escape(operation.path) + "</code>";
  if (NodeRef summary = node["summary"]; summary.is_string() && !summary.text().empty()) {
    out += " <span class=\"op-summary\">" + markdown_inline_to_html(summary.text()) + "</span>";
  }
  if (node["deprecated"].as_bool()) out += " <span class=\"badge deprecated\">deprecated</span>";
  out += "</h3>\n<p class=\"op-meta\">";
  if (NodeRef id = node["operationId"]; id.is_string())
    out += "operationId <code>" + xml_escape(id.text()) + "</code>";
  else
    out += "no operationId";
  write_security(out, node);
  if (NodeRef tags = node["tags"]; tags.size() > 1) {
    out += " · tags:";
    for (const Member& tag : tags.members()) out += " " + xml_escape(tag.value.text());
  }
  out += "</p>\n";
  write_description(out, node["description"]);
  if (NodeRef docs = node["externalDocs"]; docs["url"].is_string()) {
    out += "<p>";
    write_link(out, docs["url"], docs["description"].is_string() ? docs["description"].text() : "More documentation");
    out += "</p>\n";
  }
  write_parameters(out, operation);
  write_request_body(out, node);
  write_responses(out, node);
  if (NodeRef callbacks = node["callbacks"]; callbacks.size() > 0) {
    out += "<h4>Callbacks</h4>\n<p>";
    for (const Member& callback : callbacks.members()) out += "<code>" + xml_escape(callback.key) + "</code> ";
    out += "(described in the contract)</p>\n";
  }
  out += "</section>\n";
}

void ReferencePage::write_parameters(std::string& out, const contract::Operation& operation) {
  // Path-level parameters first; an operation's parameter with the same name and location replaces one.
  std::vector<NodeRef> parameters;
  auto key_of = [](NodeRef parameter) {
    return std::string(parameter["in"].text()) + ":" + std::string(parameter["name"].text());
  };
  for (NodeRef list : {operation.path_item["parameters"], operation.node["parameters"]}) {
    for (const Member& member : list.members()) {
      NodeRef parameter = deref(member.value);
      if (!parameter.is_mapping()) continue;
      auto same = std::find_if(parameters.begin(), parameters.end(),
                               [&](NodeRef known) { return key_of(known) == key_of(parameter); });
      if (same != parameters.end())
        *same = parameter;
      else
        parameters.push_back(parameter);
    }
  }
  if (parameters.empty()) return;
  out +=
      "<h4>Parameters</h4>\n<table class=\"params\"><thead><tr><th>Name</th><th>In</th><th>Type</th>"
      "<th>Description</th></tr></thead>\n<tbody>\n";
  for (NodeRef parameter : parameters) {
    NodeRef schema = parameter["schema"];
    std::string media_type;
    if (!schema && parameter["content"].size() > 0) {
      media_type = std::string(parameter["content"].entry(0).key);
      schema = parameter["content"].at(0)["schema"];
    }
    TreeState state;
    SchemaView view = view_of(schema, state);
    bool required = parameter["required"].as_bool();
    out += "<tr><td><code class=\"name\">" + xml_escape(parameter["name"].text()) + "</code>";
    if (required) out += " <span class=\"badge required\">required</span>";
    if (parameter["deprecated"].as_bool()) out += " <span class=\"badge deprecated\">deprecated</span>";
    out += "</td><td>" + xml_escape(parameter["in"].text()) + "</td><td>";
    out += schema ? type_label(view, state) + badges(view, false) : "";
    if (!media_type.empty()) out += " <span class=\"kw\">as</span> <code>" + xml_escape(media_type) + "</code>";
    out += constraints(view);
    out += "</td><td>";
    write_description(out, parameter["description"]);
    NodeRef example = parameter["example"];
    if (!example && parameter["examples"].size() > 0) example = deref(parameter["examples"].at(0))["value"];
    if (example) out += "<div class=\"constraints\">example <code>" + xml_escape(value_text(example)) + "</code></div>";
    write_nested(out, view, 1, state);
    out += "</td></tr>\n";
  }
  out += "</tbody></table>\n";
}

void ReferencePage::write_content(std::string& out, NodeRef content) {
  for (const Member& media : content.members()) {
    out += "<div class=\"media\"><p class=\"media-type\"><code>" + xml_escape(media.key) + "</code></p>\n";
    if (NodeRef schema = media.value["schema"]; schema.is_mapping()) write_schema_block(out, schema, true);
    write_examples(out, media.value, media.key);
    out += "</div>\n";
  }
}

void ReferencePage::write_request_body(std::string& out, NodeRef operation) {
  NodeRef body = deref(operation["requestBody"]);
  if (!body.is_mapping()) return;
  out += "<h4>Request body";
  out += body["required"].as_bool() ? " <span class=\"badge required\">required</span>" : "";
  out += "</h4>\n";
  write_description(out, body["description"]);
  write_content(out, body["content"]);
}

void ReferencePage::write_headers(std::string& out, NodeRef headers) {
  if (headers.size() == 0) return;
  out += "<table class=\"params\"><thead><tr><th>Header</th><th>Type</th><th>Description</th></tr></thead>\n<tbody>\n";
  for (const Member& member : headers.members()) {
    NodeRef header = deref(member.value);
    TreeState state;
    SchemaView view = view_of(header["schema"], state);
    out += "<tr><td><code class=\"name\">" + xml_escape(member.key) + "</code>";
    if (header["required"].as_bool()) out += " <span class=\"badge required\">required</span>";
    out += "</td><td>" + (header["schema"] ? type_label(view, state) : std::string()) + constraints(view) + "</td><td>";
    write_description(out, header["description"]);
    out += "</td></tr>\n";
  }
  out += "</tbody></table>\n";
}

void ReferencePage::write_responses(std::string& out, NodeRef operation) {
  NodeRef responses = operation["responses"];
  if (responses.size() == 0) return;
  out += "<h4>Responses</h4>\n";
  for (const Member& member : responses.members()) {
    if (member.key.starts_with("x-")) continue;
    NodeRef response = deref(member.value);
    char status_class = member.key.empty() ? 'd' : member.key.front();
    bool success = status_class == '2' || (responses.size() == 1 && member.key == "default");
    std::string_view description = response["description"].text();
    bool one_line = description.find('\n') == std::string_view::npos && description.size() <= 200;
    std::string line = "<span class=\"status s" + std::string(1, status_class) + "\">" + xml_escape(member.key) +
                       "</span>" + (one_line ? markdown_inline_to_html(description) : std::string());
    std::string body;
    if (!one_line) write_description(body, response["description"]);
    write_headers(body, response["headers"]);
    write_content(body, response["content"]);
    if (body.empty()) {
      out += "<div class=\"response\"><div class=\"line\">" + line + "</div></div>\n";
      continue;
    }
    out += success ? "<details class=\"response\" open=\"open\">" : "<details class=\"response\">";
    out += "<summary>" + line + "</summary>\n<div class=\"body\">\n" + body + "</div></details>\n";
  }
}

void ReferencePage::write_tag_groups(std::string& out) {
  for (const TagGroup& group : groups_) {
    out += "<section class=\"tag\" id=\"" + group.anchor + "\">\n<h2>" + xml_escape(group.name) + "</h2>\n";
    write_description(out, group.tag["description"]);
    for (std::size_t index : group.operations) {
      const OperationEntry& entry = operations_[index];
      if (group.untagged || entry.home_tag == group.name) {
        write_operation(out, entry);
      } else {
        const contract::Operation& operation = entry.operation;
        std::string method(operation.method);
        out += "<p class=\"also-op\" data-search=\"" + xml_escape(entry.search) + "\"><a href=\"#" + entry.anchor +
               "\"><span class=\"method m-" + xml_escape(method) + "\">" + xml_escape(method) + "</span> <code>" +
               xml_escape(operation.path) + "</code></a> " + markdown_inline_to_html(operation.node["summary"].text()) +
               " <span class=\"kw\">(described under " + xml_escape(entry.home_tag) + ")</span></p>\n";
      }
    }
    out += "</section>\n";
  }
}

// ---- overview ----

void ReferencePage::write_servers(std::string& out, NodeRef servers) {
  if (servers.size() == 0) return;
  out += "<h2 id=\"servers\">Servers</h2>\n<ul class=\"servers\">\n";
  for (const Member& member : servers.members()) {
    NodeRef server = member.value;
    out += "<li><code>" + xml_escape(server["url"].text()) + "</code>";
    if (server["description"].is_string()) out += " — " + markdown_inline_to_html(server["description"].text());
    if (server["variables"].size() > 0) {
      out += "<div class=\"constraints\">variables:";
      for (const Member& variable : server["variables"].members()) {
        out += " <code>{" + xml_escape(variable.key) + "}</code> default <code>" +
               xml_escape(value_text(variable.value["default"])) + "</code>";
        if (variable.value["enum"].size() > 0) {
          out += ", one of";
          for (const Member& value : variable.value["enum"].members()) {
            out += " <code>" + xml_escape(value_text(value.value)) + "</code>";
          }
        }
        if (variable.value["description"].is_string()) {
          out += " — " + markdown_inline_to_html(variable.value["description"].text());
        }
      }
      out += "</div>";
    }
    out += "</li>\n";
  }
  out += "</ul>\n";
}

void ReferencePage::write_security_schemes(std::string& out) {
  NodeRef schemes = root_["components"]["securitySchemes"];
  if (schemes.size() == 0) return;
  out +=
      "<h2 id=\"security-schemes\">Authentication</h2>\n<table "
      "class=\"schemes\"><thead><tr><th>Scheme</th><th>Type</th>"
      "<th>Description</th></tr></thead>\n<tbody>\n";
  for (const Member& member : schemes.members()) {
    NodeRef scheme = deref(member.value);
    std::string_view type = scheme["type"].text();
    out += "<tr id=\"" + slug("auth-" + std::string(member.key)) + "\"><td><code>" + xml_escape(member.key) +
           "</code></td><td>";
    if (type == "apiKey") {
      out +=
          "API key in " + xml_escape(scheme["in"].text()) + " <code>" + xml_escape(scheme["name"].text()) + "</code>";
    } else if (type == "http") {
      out += "HTTP <code>" + xml_escape(scheme["scheme"].text()) + "</code>";
      if (scheme["bearerFormat"].is_string()) out += " (" + xml_escape(scheme["bearerFormat"].text()) + ")";
    } else if (type == "oauth2") {
      out += "OAuth 2.0:";
      for (const Member& flow : scheme["flows"].members()) {
        out += "<div class=\"constraints\">" + xml_escape(flow.key);
        for (std::string_view url : {"authorizationUrl", "tokenUrl", "refreshUrl"}) {
          if (flow.value[url].is_string()) {
            out += " · " + std::string(url) + " <code>" + xml_escape(flow.value[url].text()) + "</code>";
          }
        }
        if (flow.value["scopes"].size() > 0) {
          out += " · scopes:";
          for (const Member& scope : flow.value["scopes"].members())
            out += " <code>" + xml_escape(scope.key) + "</code>";
        }
        out += "</div>";
      }
    } else if (type == "openIdConnect") {
      out += "OpenID Connect <code>" + xml_escape(scheme["openIdConnectUrl"].text()) + "</code>";
    } else {
      out += xml_escape(type);
    }
    out += "</td><td>";
    write_description(out, scheme["description"]);
    out += "</td></tr>\n";
  }
  out += "</tbody></table>\n";
}

std::string utc_time_text(std::chrono::system_clock::time_point time) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &parts);
  return text;
}

void ReferencePage::write_overview(std::string& out) {
  NodeRef info = root_["info"];
  std::string title = !options_.title.empty()     ? options_.title
                      : info["title"].is_string() ? std::string(info["title"].text())
                                                  : "API reference";
  out += "<header class=\"overview\" id=\"overview\">\n<h1>" + xml_escape(title) + "</h1>\n<p class=\"meta\">";
  if (info["version"]) out += "Version <code>" + xml_escape(info["version"].text()) + "</code> · ";
  out += "OpenAPI " + xml_escape(spec_.version_text) + " · " + plural(operations_.size(), "operation") + " · " +
         plural(component_schemas_, "schema") + "</p>\n";
  if (options_.live_updated) {
    out += "<p class=\"live\">Served by <code>apictl dev</code>; rendered from the contract at " +
           utc_time_text(*options_.live_updated) + ". Reload the page to see later edits.</p>\n";
  }
  write_description(out, info["description"]);
  std::vector<std::string> links;
  if (NodeRef contact = info["contact"]; contact.is_mapping()) {
    std::string text = "Contact: " + xml_escape(contact["name"].text());
    if (contact["url"].is_string()) {
      std::string link;
      write_link(link, contact["url"], contact["url"].text());
      text += " " + link;
    }
    if (contact["email"].is_string()) {
      std::string email(contact["email"].text());
      text += is_safe_link("mailto:" + email)
                  ? " <a href=\"mailto:" + xml_escape(email) + "\">" + xml_escape(email) + "</a>"
                  : " " + xml_escape(email);
    }
    links.push_back(text);
  }
  if (NodeRef license = info["license"]; license["name"].is_string()) {
    std::string text = "License: ";
    if (license["url"].is_string())
      write_link(text, license["url"], license["name"].text());
    else
      text += xml_escape(license["name"].text());
    links.push_back(text);
  }
  if (info["termsOfService"].is_string()) {
    std::string text;
    write_link(text, info["termsOfService"], "Terms of service");
    links.push_back(text);
  }
  if (NodeRef docs = root_["externalDocs"]; docs["url"].is_string()) {
    std::string text;
    write_link(text, docs["url"], docs["description"].is_string() ? docs["description"].text() : "Documentation");
    links.push_back(text);
  }
  if (!links.empty()) {
    out += "<p class=\"meta\">";
    for (std::size_t i = 0; i < links.size(); ++i) out += (i == 0 ? "" : " · ") + links[i];
    out += "</p>\n";
  }
  write_servers(out, root_["servers"]);
  write_security_schemes(out);
  out += "</header>\n";
}

void ReferencePage::write_schemas(std::string& out) {
  if (named_.empty()) return;
  out += "<section class=\"schemas\" id=\"schemas\">\n<h2>Schemas</h2>\n";
  // Rendering a schema can name more (a file's root, a cycle's target): the loop takes them as they come.
  for (std::size_t index = 0; index < named_.size(); ++index) {
    NamedSchema named = named_[index];
    out += "<section class=\"schema-entry\" id=\"" + named.anchor + "\" data-search=\"" +
           xml_escape(lower_ascii(named.name)) + "\">\n<h3>" + xml_escape(named.name) + "</h3>\n";
    TreeState state;
    state.expanding.push_back(named.node);
    SchemaView view{named.node, named.node, std::nullopt, false, {}};
    if (named.node.is_mapping() && named.node["$ref"].is_string()) view = view_of(named.node, state);
    out +=
        "<div class=\"schema\"><div class=\"schema-type\">" + type_label(view, state) + badges(view, false) + "</div>";
    out += constraints(view);
    out += description_of(view);
    write_nested(out, view, 0, state);
    if (state.cut) {
      out += "<p class=\"more\">This schema has more than " + std::to_string(max_tree_rows) +
             " fields; the rest is not shown here (see the contract).</p>";
    }
    out += "</div>\n</section>\n";
  }
  out += "</section>\n";
}

void ReferencePage::write_sidebar(std::string& out) {
  NodeRef info = root_["info"];
  std::string title = !options_.title.empty()     ? options_.title
                      : info["title"].is_string() ? std::string(info["title"].text())
                                                  : "API reference";
  out += "<nav class=\"sidebar\" aria-label=\"Contents\">\n<p class=\"nav-title\"><a href=\"#overview\">" +
         xml_escape(title) + "</a></p>\n";
  out +=
      "<input type=\"search\" id=\"filter\" class=\"filter\" placeholder=\"Filter operations and schemas\" "
      "aria-label=\"Filter operations and schemas\" hidden=\"hidden\"/>\n<ul>\n";
  bool open = operations_.size() <= open_navigation_operations;
  for (const TagGroup& group : groups_) {
    out += open ? "<li><details open=\"open\">" : "<li><details>";
    out += "<summary><a href=\"#" + group.anchor + "\">" + xml_escape(group.name) + "</a></summary>\n<ul>\n";
    for (std::size_t index : group.operations) {
      const OperationEntry& entry = operations_[index];
      std::string method(entry.operation.method);
      std::string_view summary = entry.operation.node["summary"].text();
      out += "<li data-search=\"" + xml_escape(entry.search) + "\"><a href=\"#" + entry.anchor + "\" title=\"" +
             xml_escape(upper_ascii(method) + " " + std::string(entry.operation.path)) + "\"><span class=\"method m-" +
             xml_escape(method) + "\">" + xml_escape(method) + "</span>" +
             xml_escape(summary.empty() ? entry.operation.path : summary) + "</a></li>\n";
    }
    out += "</ul></details></li>\n";
  }
  if (!named_.empty()) {
    out += "<li><details><summary><a href=\"#schemas\">Schemas</a></summary>\n<ul>\n";
    for (const NamedSchema& named : named_) {
      out += "<li data-search=\"" + xml_escape(lower_ascii(named.name)) + "\"><a href=\"#" + named.anchor + "\">" +
             xml_escape(named.name) + "</a></li>\n";
    }
    out += "</ul></details></li>\n";
  }
  out += "</ul>\n</nav>\n";
}

std::string ReferencePage::render() {
  for (const char* reserved : {"overview", "servers", "security-schemes", "schemas", "filter"})
    anchors_.make("", reserved);
  for (const Member& schema : root_["components"]["schemas"].members())
    add_named(schema.value, std::string(schema.key));
  component_schemas_ = named_.size();
  collect_operations();

  std::string main;
  write_overview(main);
  write_tag_groups(main);
  write_schemas(main);

  NodeRef info = root_["info"];
  std::string title = !options_.title.empty()     ? options_.title
                      : info["title"].is_string() ? std::string(info["title"].text())
                                                  : "API reference";
  std::string page;
  page.reserve(main.size() + main.size() / 8 + 8192);
  page +=
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>";
  page += xml_escape(title);
  if (info["version"].is_scalar()) page += " " + xml_escape(info["version"].text());
  page += " — API reference</title>\n<style>";
  page += style_sheet;
  page += "</style>\n</head>\n<body>\n<div class=\"layout\">\n";
  write_sidebar(page);
  page += "<main>\n";
  page += main;
  page += "<footer>Generated by apictl " APICTL_VERSION " (contract docs) from <code>" +
          xml_escape(workspace_.root().path()) + "</code>.</footer>\n</main>\n</div>\n<script>";
  page += filter_script;
  page += "</script>\n</body>\n</html>\n";
  return page;
}

}  // namespace

Result<std::string> render_api_reference(Workspace& workspace, const ApiReferenceOptions& options) {
  const contract::Document& document = workspace.root();
  auto spec = contract::detect_version(document);
  if (!spec) return std::unexpected(spec.error());
  if (spec->version == contract::OasVersion::swagger_2_0) {
    return fail("unsupported-version", "Swagger 2.0 documents are not supported by contract docs",
                SourcePosition{document.path(), spec->version_node.line(), spec->version_node.column(), "/swagger"},
                "convert it to OpenAPI 3 first (e.g. with swagger2openapi)");
  }
  return ReferencePage(workspace, *spec, options).render();
}

}  // namespace apictl::report
