// SHA-256 through OpenSSL's libcrypto (already on every machine that builds apictl, through cpp-httplib).
#include "migrate/sha256.hpp"

#include <openssl/evp.h>

#include <array>

namespace apictl::migrate {

std::string sha256_hex(std::string_view content) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  // EVP_Digest cannot fail for SHA-256 on memory input short of allocation failure, which aborts anyway.
  EVP_Digest(content.data(), content.size(), digest.data(), &length, EVP_sha256(), nullptr);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 0x0f];
  }
  return out;
}

}  // namespace apictl::migrate
