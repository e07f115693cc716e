// Escaping text from contracts for each output language: XML/HTML, Markdown, GitHub workflow commands.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace apictl::report {

// For XML and HTML text and attribute values alike; control characters XML 1.0 forbids become spaces.
std::string xml_escape(std::string_view text);

// Inline Markdown (CommonMark/GFM) that renders as the literal text: punctuation that could start emphasis,
// links, HTML, tables or entities is backslash-escaped, and line breaks become spaces.
std::string markdown_escape(std::string_view text);
// A code span that shows `text` literally, with a fence longer than any backtick run inside it.
std::string markdown_code(std::string_view text);

// GitHub workflow commands (`::error file=...::message`): the message escapes %, CR and LF; property values
// (file, title) also escape ':' and ','.
enum class GithubText { message, property };
std::string github_escape(std::string_view text, GithubText kind);

// "1 change", "3 changes".
std::string plural(std::size_t count, std::string_view word);

}  // namespace apictl::report
