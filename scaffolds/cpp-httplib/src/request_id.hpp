// X-Request-ID: the id every response carries and the server's log line shows, so a client's report can be
// matched to the log.
#pragma once

#include <httplib.h>

#include <string>
#include <string_view>

namespace {{ namespace }} {

inline constexpr char request_id_header[] = "X-Request-ID";

// Whether a client's id is kept: 1 to 128 visible ASCII characters (a proxy's or a caller's trace id).
bool is_valid_request_id(std::string_view id);

// A fresh random id: 32 hex digits.
std::string new_request_id();

// Gives `response` its X-Request-ID unless it has one: the request's own when valid, else a fresh one.
void tag_with_request_id(const httplib::Request& request, httplib::Response& response);

// The server's log line for a request: METHOD PATH STATUS request_id=ID.
std::string access_line(const httplib::Request& request, const httplib::Response& response);

}  // namespace {{ namespace }}
