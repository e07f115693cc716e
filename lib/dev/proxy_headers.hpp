// The header rules of the dev proxy: what goes on to the next hop and what stays, the X-Forwarded-* headers it
// adds, and the response head it writes. Plain functions on http::Headers, no I/O.
#pragma once

#include <string>
#include <string_view>

#include "http/message.hpp"

namespace apictl::dev {

// Headers that only concern one connection (RFC 9110 7.6.1): Connection, Keep-Alive, Proxy-*, TE, Trailer,
// Transfer-Encoding, Upgrade. A proxy does not pass them on.
bool is_hop_by_hop_header(std::string_view name);

// Whether a Connection header lists `token` ("close", "keep-alive"), case-insensitively.
bool has_connection_token(const http::Headers& headers, std::string_view token);

// The headers that go on to the next hop: without hop-by-hop ones, those the Connection header names, and the
// framing (Content-Length, Expect), which the proxy sets again for the body it sends. Order is kept.
http::Headers end_to_end_headers(const http::Headers& headers);

// X-Forwarded-For gets the client's address (appended when a proxy in front of apictl already started the
// list); X-Forwarded-Host (the Host the client sent) and X-Forwarded-Proto ("http") are added unless present.
void add_forwarded_headers(http::Headers& headers, std::string_view client_address);

// "OK" for 200, "Not Found" for 404; "" for a code without a standard phrase.
std::string_view reason_phrase(int status);

// "HTTP/1.1 200 OK\r\nName: value\r\n...\r\n". Headers whose name or value holds CR or LF are left out: they
// would split the head.
std::string response_head(int status, std::string_view reason, const http::Headers& headers);

}  // namespace apictl::dev
