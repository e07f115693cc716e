// Writing responses in the API's shapes.
#include "responses.hpp"

#include "models.hpp"

namespace {{ namespace }} {

void send_json(httplib::Response& response, int status, const nlohmann::json& body) {
  response.status = status;
  // Invalid UTF-8 (a client's bytes echoed in a message) becomes U+FFFD instead of an exception.
  response.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

void send_error(httplib::Response& response, int status, std::string code, std::string message) {
  send_json(response, status, Error{.code = std::move(code), .message = std::move(message)});
}

}  // namespace {{ namespace }}
