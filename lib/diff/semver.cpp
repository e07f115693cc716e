// Semantic versions: a small hand-written parser (the grammar is four lines of semver.org) and the bump rules.
#include "diff/semver.hpp"

#include <cctype>
#include <charconv>
#include <tuple>

namespace apictl::diff {

namespace {

// A numeric identifier: "0" or digits without a leading zero; advances `text` past it.
std::optional<long> number(std::string_view& text) {
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || (digits > 1 && text[0] == '0')) return std::nullopt;
  long value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + digits, value);
  if (error != std::errc{}) return std::nullopt;
  text.remove_prefix(digits);
  return value;
}

// Dot-separated identifiers of [0-9A-Za-z-], none empty; numeric pre-release identifiers have no leading zero.
bool identifiers(std::string_view text, bool pre_release) {
  if (text.empty()) return false;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('.', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view part = text.substr(start, end - start);
    if (part.empty()) return false;
    bool numeric = true;
    for (char c : part) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
      numeric = numeric && std::isdigit(static_cast<unsigned char>(c));
    }
    if (pre_release && numeric && part.size() > 1 && part[0] == '0') return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

std::optional<Semver> parse_semver(std::string_view text) {
  if (text.starts_with('v')) text.remove_prefix(1);
  Semver version;
  long* parts[] = {&version.major, &version.minor, &version.patch};
  for (std::size_t i = 0; i < 3; ++i) {
    if (i > 0) {
      if (!text.starts_with('.')) return std::nullopt;
      text.remove_prefix(1);
    }
    auto value = number(text);
    if (!value) return std::nullopt;
    *parts[i] = *value;
  }
  std::size_t plus = text.find('+');
  std::string_view build = plus == std::string_view::npos ? std::string_view{} : text.substr(plus + 1);
  std::string_view pre_release = text.substr(0, plus);
  if (!pre_release.empty()) {
    if (!pre_release.starts_with('-') || !identifiers(pre_release.substr(1), true)) return std::nullopt;
    version.pre_release = true;
  }
  if (plus != std::string_view::npos && !identifiers(build, false)) return std::nullopt;
  return version;
}

std::string to_string(const Semver& version) {
  return std::to_string(version.major) + "." + std::to_string(version.minor) + "." + std::to_string(version.patch);
}

std::string_view bump_name(Bump bump) {
  switch (bump) {
    case Bump::major:
      return "major";
    case Bump::minor:
      return "minor";
    case Bump::patch:
      return "patch";
  }
  return "patch";
}

Semver next_version(const Semver& version, Bump bump) {
  if (version.pre_release) return {version.major, version.minor, version.patch, false};
  if (version.major == 0 && bump != Bump::patch) bump = bump == Bump::major ? Bump::minor : Bump::patch;
  switch (bump) {
    case Bump::major:
      return {version.major + 1, 0, 0};
    case Bump::minor:
      return {version.major, version.minor + 1, 0};
    case Bump::patch:
      return {version.major, version.minor, version.patch + 1};
  }
  return version;
}

bool bumped_enough(const Semver& base, const Semver& revision, Bump bump) {
  if (base.pre_release) return revision >= base;
  if (revision <= base) return false;
  if (bump == Bump::major) {
    if (base.major == 0 && revision.major == 0) return revision.minor > base.minor;
    return revision.major > base.major;
  }
  if (bump == Bump::minor && base.major != 0) {
    return std::tie(revision.major, revision.minor) > std::tie(base.major, base.minor);
  }
  return true;
}

}  // namespace apictl::diff
