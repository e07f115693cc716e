// The built-in templates' files, embedded in the binary at build time from scaffolds/<name>/** by
// cmake/embed_scaffolds.cmake, so a copied binary needs no data files.
#pragma once

#include <span>
#include <string_view>

namespace apictl::scaffold {

struct EmbeddedFile {
  std::string_view template_name;  // the folder under scaffolds/
  std::string_view path;           // relative to that folder, '/'-separated
  std::string_view content;
  bool executable;
};

// Every embedded file, grouped by template and sorted by path (defined in the generated source).
std::span<const EmbeddedFile> embedded_template_files();

}  // namespace apictl::scaffold
