// Percent-encoding (RFC 3986), for request targets and for file names written as URIs.
#pragma once

#include <string>
#include <string_view>

namespace apictl {

// `text` with every byte percent-encoded but the unreserved ones (letters, digits, '-', '.', '_', '~') and those
// in `also_kept` (e.g. "/" for a path).
std::string percent_encoded(std::string_view text, std::string_view also_kept = {});

}  // namespace apictl
