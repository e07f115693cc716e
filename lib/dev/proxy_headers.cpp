// Header rules of the dev proxy (RFC 9110 7.6: hop-by-hop fields; RFC 7239's de-facto X-Forwarded-* cousins).
#include "dev/proxy_headers.hpp"

#include <algorithm>
#include <array>

namespace apictl::dev {

namespace {

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && http::iequals(text.substr(0, prefix.size()), prefix);
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Calls `visit` with each comma-separated token of every Connection header.
template <typename Visit>
void for_each_connection_token(const http::Headers& headers, Visit visit) {
  for (const http::Header& header : headers) {
    if (!http::iequals(header.name, "Connection")) continue;
    std::string_view rest = header.value;
    while (!rest.empty()) {
      std::size_t comma = rest.find(',');
      std::string_view token = trim(rest.substr(0, comma));
      if (!token.empty()) visit(token);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
  }
}

bool has_line_break(std::string_view text) { return text.find_first_of("\r\n") != std::string_view::npos; }

}  // namespace

bool is_hop_by_hop_header(std::string_view name) {
  static constexpr std::array<std::string_view, 6> kNames = {"Connection", "Keep-Alive",        "TE",
                                                             "Trailer",    "Transfer-Encoding", "Upgrade"};
  return starts_with_ignoring_case(name, "Proxy-") ||
         std::any_of(kNames.begin(), kNames.end(), [&](std::string_view hop) { return http::iequals(name, hop); });
}

bool has_connection_token(const http::Headers& headers, std::string_view token) {
  bool found = false;
  for_each_connection_token(headers, [&](std::string_view listed) { found = found || http::iequals(listed, token); });
  return found;
}

http::Headers end_to_end_headers(const http::Headers& headers) {
  std::vector<std::string_view> listed;
  for_each_connection_token(headers, [&](std::string_view token) { listed.push_back(token); });
  http::Headers kept;
  kept.reserve(headers.size());
  for (const http::Header& header : headers) {
    if (is_hop_by_hop_header(header.name) || http::iequals(header.name, "Content-Length") ||
        http::iequals(header.name, "Expect") || std::any_of(listed.begin(), listed.end(), [&](std::string_view name) {
          return http::iequals(name, header.name);
        }))
      continue;
    kept.push_back(header);
  }
  return kept;
}

void add_forwarded_headers(http::Headers& headers, std::string_view client_address) {
  auto find = [&](std::string_view name) {
    return std::find_if(headers.begin(), headers.end(),
                        [&](const http::Header& h) { return http::iequals(h.name, name); });
  };
  if (auto chain = find("X-Forwarded-For"); chain != headers.end()) {
    chain->value = std::string(trim(chain->value)) + ", " + std::string(client_address);
  } else {
    headers.push_back({"X-Forwarded-For", std::string(client_address)});
  }
  if (find("X-Forwarded-Host") == headers.end()) {
    if (auto host = find("Host"); host != headers.end()) headers.push_back({"X-Forwarded-Host", host->value});
  }
  if (find("X-Forwarded-Proto") == headers.end()) headers.push_back({"X-Forwarded-Proto", "http"});
}

std::string_view reason_phrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 101:
      return "Switching Protocols";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 203:
      return "Non-Authoritative Information";
    case 204:
      return "No Content";
    case 205:
      return "Reset Content";
    case 206:
      return "Partial Content";
    case 300:
      return "Multiple Choices";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 416:
      return "Range Not Satisfiable";
    case 417:
      return "Expectation Failed";
    case 422:
      return "Unprocessable Content";
    case 425:
      return "Too Early";
    case 426:
      return "Upgrade Required";
    case 428:
      return "Precondition Required";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return "";
  }
}

std::string response_head(int status, std::string_view reason, const http::Headers& headers) {
  std::string head = "HTTP/1.1 " + std::to_string(status) + " ";
  head += has_line_break(reason) ? std::string_view() : reason;
  head += "\r\n";
  for (const http::Header& header : headers) {
    if (header.name.empty() || has_line_break(header.name) || has_line_break(header.value)) continue;
    head += header.name;
    head += ": ";
    head += header.value;
    head += "\r\n";
  }
  head += "\r\n";
  return head;
}

}  // namespace apictl::dev
