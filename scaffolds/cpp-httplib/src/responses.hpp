// Writing responses: JSON bodies, and the one error shape every failure has: {"code": ..., "message": ...}.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

namespace {{ namespace }} {

void send_json(httplib::Response& response, int status, const nlohmann::json& body);

// An error response: `code` is stable and machine-readable (not_found), `message` is for people.
void send_error(httplib::Response& response, int status, std::string code, std::string message);

}  // namespace {{ namespace }}
