// SHA-256 of file contents, as lower-case hex: the identity of a file's content in the ledger and the object
// store.
#pragma once

#include <string>
#include <string_view>

namespace apictl::migrate {

std::string sha256_hex(std::string_view content);

}  // namespace apictl::migrate
