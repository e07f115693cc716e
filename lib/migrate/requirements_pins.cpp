// Pins in pip requirements files: one requirement per logical line; options (-r, -e, --hash) and comments
// are not dependencies.
#include "migrate/dependency_pins.hpp"
#include "migrate/requirement_spec.hpp"

namespace apictl::migrate {

std::vector<DeclaredPin> find_requirement_pins(std::string_view text, std::string_view file) {
  std::vector<DeclaredPin> pins;
  std::size_t start = 0;
  std::uint32_t line = 0;
  bool continued = false;  // the previous physical line ended in a backslash
  while (start < text.size()) {
    ++line;
    std::size_t newline = text.find('\n', start);
    std::size_t end = newline == std::string_view::npos ? text.size() : newline;
    std::string_view physical = text.substr(start, end - start);
    std::string_view content = physical;
    if (content.ends_with('\r')) content.remove_suffix(1);
    bool starts_logical_line = !continued;
    continued = content.ends_with('\\');
    if (starts_logical_line) {
      if (auto parts = split_requirement(content)) {
        DeclaredPin pin;
        pin.file = std::string(file);
        pin.kind = PinFileKind::requirements;
        pin.form = PinForm::requirement;
        pin.package = std::string(content.substr(parts->name_begin, parts->name_end - parts->name_begin));
        pin.constraint = std::string(content.substr(parts->spec_begin, parts->spec_end - parts->spec_begin));
        pin.begin = start + parts->spec_begin;
        pin.end = start + parts->spec_end;
        pin.line = line;
        pin.where = "requirement";
        pin.entry_begin = start;
        pin.entry_end = end;
        pins.push_back(std::move(pin));
      }
    }
    start = end + 1;
  }
  return pins;
}

}  // namespace apictl::migrate
