// Workspace: loading the files a contract spans and following $refs between them.
#include "contract/workspace.hpp"

#include <algorithm>
#include <mutex>
#include <set>

namespace apictl::contract {

namespace {

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
      };
      int high = hex(text[i + 1]);
      int low = hex(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

Result<RefTarget> parse_ref(std::string_view ref) {
  RefTarget target;
  std::string lower = lowercase(ref.substr(0, 8));
  if (lower.starts_with("http://") || lower.starts_with("https://")) {
    target.remote = true;
    target.file = std::string(ref);
    return target;
  }
  auto hash = ref.find('#');
  target.file = percent_decode(ref.substr(0, hash));
  if (hash != std::string_view::npos) {
    std::string fragment = percent_decode(ref.substr(hash + 1));
    if (!fragment.empty() && fragment.front() != '/') {
      return fail("bad-ref", "$ref fragment '#" + fragment + "' is not a JSON pointer", {},
                  "write it as '#/path/to/node'");
    }
    target.pointer = std::move(fragment);
  }
  return target;
}

bool is_document_file(std::string_view path) {
  std::string lower = lowercase(path);
  return lower.ends_with(".yaml") || lower.ends_with(".yml") || lower.ends_with(".json");
}

Result<const Document*> Workspace::open(const std::filesystem::path& path, std::string display_path) {
  auto document = read_document(path, std::move(display_path));
  if (!document) return std::unexpected(document.error());
  return adopt(std::move(*document), path);
}

Result<std::unique_ptr<Document>> Workspace::read_document(const std::filesystem::path& path,
                                                           std::string display_path) const {
  auto text = contract_files_->read(path, display_path);
  if (!text) return std::unexpected(std::move(text.error()));
  return parse_document(std::move(display_path), std::move(*text), limits_);
}

const Document* Workspace::adopt(std::unique_ptr<Document> document, std::filesystem::path path) {
  auto canonical = path == "-" ? path : contract_files_->identity(path);
  by_file_[canonical] = documents_.size();
  files_.push_back(std::move(path));
  documents_.push_back(std::move(document));
  if (!root_) root_ = documents_.front().get();
  return documents_.back().get();
}

std::vector<const Document*> Workspace::documents() const {
  std::shared_lock lock(mutex_);
  std::vector<const Document*> out;
  out.reserve(documents_.size());
  for (const auto& document : documents_) out.push_back(document.get());
  return out;
}

const std::filesystem::path& Workspace::file_of(const Document& document) const {
  for (std::size_t i = 0; i < documents_.size(); ++i) {
    if (documents_[i].get() == &document) return files_[i];
  }
  return files_.front();
}

Result<const Document*> Workspace::load_external(const std::filesystem::path& path, std::string display_path) {
  // Most refs name a file already loaded under the same spelling: answer those without touching the disk.
  if (auto known = by_spelling_.find(path); known != by_spelling_.end()) return documents_[known->second].get();
  auto canonical = contract_files_->identity(path);
  if (auto known = by_file_.find(canonical); known != by_file_.end()) {
    by_spelling_[path] = known->second;
    return documents_[known->second].get();
  }
  if (auto failed = failed_files_.find(canonical); failed != failed_files_.end()) {
    return std::unexpected(failed->second);
  }
  display_path = contract_files_->display_path(path, std::move(display_path));  // e.g. "REV:schemas/pet.yaml"
  auto kind = contract_files_->kind(path);
  if (!kind) {
    failed_files_.emplace(canonical, kind.error());
    return std::unexpected(kind.error());
  }
  if (*kind != EntryKind::file) {
    Diagnostic missing{Severity::error,
                       "ref-missing-file",
                       "$ref points to '" + display_path + "', which does not exist",
                       {},
                       "check the relative path; it is resolved from the referring file's folder"};
    failed_files_.emplace(canonical, missing);
    return std::unexpected(missing);
  }
  auto document = read_document(path, display_path);
  if (!document) {
    failed_files_.emplace(canonical, document.error());
    return std::unexpected(document.error());
  }
  by_file_[canonical] = documents_.size();
  by_spelling_[path] = documents_.size();
  files_.push_back(path);
  documents_.push_back(std::move(*document));
  return documents_.back().get();
}

Result<NodeRef> Workspace::resolve(NodeRef ref) {
  // Rules resolve the same refs again and again; each is worked out once (files, pointers, positions).
  auto key = std::pair(&ref.document(), ref.id());
  {
    std::shared_lock lock(mutex_);
    if (auto cached = resolved_.find(key); cached != resolved_.end()) return cached->second;
  }
  std::unique_lock lock(mutex_);
  if (auto cached = resolved_.find(key); cached != resolved_.end()) return cached->second;
  auto result = resolve_uncached(ref);
  if (!result) result.error().where = ref.position();  // positions are built only for failures
  resolved_.emplace(key, result);
  return result;
}

Result<NodeRef> Workspace::resolve_uncached(NodeRef ref) {
  if (!ref.is_string()) {
    return fail("bad-ref", "$ref must be a string, found " + std::string(kind_name(ref.kind())));
  }
  auto target = parse_ref(ref.text());
  if (!target) return std::unexpected(target.error());
  if (target->remote) {
    return fail("ref-remote", "remote $ref '" + std::string(ref.text()) + "' is not fetched", {},
                "apictl never downloads during a lint; save the file and reference the local copy");
  }
  const Document* document = &ref.document();
  if (!target->file.empty()) {
    if (!is_document_file(target->file)) {
      return fail("ref-not-document", "$ref '" + std::string(ref.text()) + "' names a file that is not JSON or YAML",
                  {}, "only .json, .yaml and .yml files are parsed as contract parts");
    }
    std::filesystem::path base = file_of(ref.document());
    std::filesystem::path file = base == "-" ? std::filesystem::path(target->file) : base.parent_path() / target->file;
    std::string display =
        (std::filesystem::path(ref.document().path()).parent_path() / target->file).lexically_normal().string();
    auto loaded = load_external(file.lexically_normal(), display);
    if (!loaded) {
      if (loaded.error().code == "ref-missing-file") return std::unexpected(loaded.error());
      // The referenced file itself is broken: report at the ref, and say why.
      Diagnostic diagnostic = loaded.error();
      diagnostic.message = "$ref target " + format_diagnostic(loaded.error());
      diagnostic.code = "ref-broken-file";
      diagnostic.hint = "fix the referenced file";
      return std::unexpected(diagnostic);
    }
    document = *loaded;
  }
  NodeRef node = document->find(target->pointer);
  if (!node) {
    return fail("ref-unresolved", "$ref '" + std::string(ref.text()) + "' does not resolve", {},
                "no node at '" + target->pointer + "' in " + document->path());
  }
  return node;
}

Result<NodeRef> Workspace::deref(NodeRef node) {
  std::set<std::pair<const Document*, NodeId>> seen;
  while (node.is_mapping()) {
    NodeRef ref = node.get("$ref");
    if (!ref) return node;
    if (!seen.emplace(&node.document(), node.id()).second) {
      return fail("ref-cycle", "$ref chain loops back to itself", ref.position(),
                  "one of the references in the chain must point at a real definition");
    }
    auto target = resolve(ref);
    if (!target) return target;
    node = *target;
  }
  return node;
}

}  // namespace apictl::contract
