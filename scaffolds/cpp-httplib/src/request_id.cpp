// Request ids: kept from the client when valid, else drawn at random.
#include "request_id.hpp"

#include <cstdint>
#include <random>

namespace {{ namespace }} {

bool is_valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    if (c < '!' || c > '~') return false;
  }
  return true;
}

std::string new_request_id() {
  // One generator per thread (cpp-httplib serves requests on a pool), seeded with 128 bits from the system.
  thread_local std::mt19937_64 generator = [] {
    std::random_device system;
    std::seed_seq seed{system(), system(), system(), system()};
    return std::mt19937_64(seed);
  }();
  constexpr char digits[] = "0123456789abcdef";
  std::string id;
  for (int half = 0; half < 2; ++half) {
    std::uint64_t bits = generator();
    for (int digit = 0; digit < 16; ++digit, bits >>= 4) id += digits[bits & 0xf];
  }
  return id;
}

void tag_with_request_id(const httplib::Request& request, httplib::Response& response) {
  if (response.has_header(request_id_header)) return;
  std::string client_id = request.get_header_value(request_id_header);
  response.set_header(request_id_header, is_valid_request_id(client_id) ? client_id : new_request_id());
}

std::string access_line(const httplib::Request& request, const httplib::Response& response) {
  return request.method + ' ' + request.path + ' ' + std::to_string(response.status) +
         " request_id=" + response.get_header_value(request_id_header);
}

}  // namespace {{ namespace }}
