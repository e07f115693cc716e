// A curl command line that sends a request again, for a defect's reproduction: pasted into a POSIX shell it
// sends the same bytes.
#pragma once

#include <string>
#include <string_view>

#include "contract_test/base_url.hpp"
#include "http/message.hpp"

namespace apictl::contract_test {

// One word for a POSIX shell: left bare when it holds only characters no shell treats specially, else in single
// quotes ('it'\''s'), or in $'...' (bash, zsh) with escapes when it holds control characters, which a terminal
// would hide or act on. UTF-8 text stays in single quotes, which every POSIX shell reads.
std::string shell_quote(std::string_view text);

// Like shell_quote, but ${NAME} references (NAME: letters, digits, '_', not starting with a digit) stay live:
// the word goes in double quotes with every other '$', '`', '"' and '\' escaped, so a header given as
// 'Authorization: Bearer ${API_TOKEN}' reproduces with the token from the environment and never prints it.
std::string shell_quote_keeping_env(std::string_view text);

// "curl -sS -i -X POST 'http://127.0.0.1:8000/pets?limit=1' -H 'Content-Type: application/json'
// --data-raw '{"name":"Rex"}'": -X only when the method is not GET (--head for HEAD), --globoff when the URL has
// [ ] { } (which curl would expand), the request's headers in order, the body with --data-raw (which reads no
// @file). Header values are shown with shell_quote_keeping_env.
std::string curl_command(const BaseUrl& base, const http::Request& request);

}  // namespace apictl::contract_test
