// libFuzzer target: any bytes through check_text and both parsers must give a Document or a Diagnostic, never a
// crash, a sanitizer report or a hang; parsed documents must round-trip every node through its JSON pointer.
#include <cstddef>
#include <cstdint>
#include <string>

#include "contract/parse.hpp"

using namespace apictl::contract;

namespace {

// Small limits keep each run fast while still reaching the depth and alias-expansion checks.
constexpr ParseLimits fuzz_limits{.max_depth = 200, .max_nodes = 200'000};

void check_pointers(const Document& document) {
  std::size_t checked = 0;
  for (NodeId id = 0; id < document.node_count() && checked < 2'000; ++id, ++checked) {
    NodeRef node(&document, id);
    if (document.find(node.pointer()) != node) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  // parse_document exercises check_text and format detection; the direct calls reach each parser on any input.
  if (auto parsed = parse_document("fuzz.yaml", text, fuzz_limits)) check_pointers(**parsed);
  if (auto parsed = parse_json("fuzz.json", text, fuzz_limits)) check_pointers(**parsed);
  if (auto parsed = parse_yaml("fuzz.yaml", text, fuzz_limits)) check_pointers(**parsed);
  return 0;
}
