// Parsing JSON and YAML 1.2 text into a Document; errors carry file:line:column and a hint.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "contract/document.hpp"
#include "diagnostic.hpp"

namespace apictl::contract {

enum class SourceFormat { json, yaml };

// Picks the parser: JSON when the first significant character opens an object or array, YAML otherwise
// (YAML 1.2 is a superset of JSON, but the JSON parser is much faster and stricter).
SourceFormat detect_format(std::string_view source);

// Checks for an empty file, NUL bytes (binary input) and invalid UTF-8 before any parser sees the text.
Result<void> check_text(std::string_view path, std::string_view source);

Result<std::unique_ptr<Document>> parse_json(std::string path, std::string source, ParseLimits limits = {});
Result<std::unique_ptr<Document>> parse_yaml(std::string path, std::string source, ParseLimits limits = {});

// check_text, then the parser detect_format picks.
Result<std::unique_ptr<Document>> parse_document(std::string path, std::string source, ParseLimits limits = {});

// Reads a whole file (or standard input when path is "-"); display_path names it in messages.
Result<std::string> read_source(const std::filesystem::path& path, const std::string& display_path);

// read_source, then parse_document.
Result<std::unique_ptr<Document>> load_document(const std::filesystem::path& path, std::string display_path,
                                                ParseLimits limits = {});

}  // namespace apictl::contract
