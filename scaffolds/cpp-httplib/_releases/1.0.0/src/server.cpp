// The API's handlers and its route table: the operations of openapi.yaml, served by cpp-httplib.
#include "server.hpp"

#include <algorithm>
#include <exception>
#include <iostream>
#include <memory>
#include <regex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "models.hpp"
#include "request_reader.hpp"
#include "responses.hpp"

namespace {{ namespace }} {

namespace {

void send_validation_error(httplib::Response& response, const RequestReader& input) {
  send_error(response, 422, "validation_error", input.problems());
}

// GET /healthz
void get_health(Service& /*service*/, const httplib::Request& /*request*/, httplib::Response& response) {
  send_json(response, 200, Health{.status = "ok", .version = std::string(version)});
}

// GET /items
void list_items(Service& service, const httplib::Request& request, httplib::Response& response) {
  RequestReader input(request);
  auto limit = input.query_integer("limit", 50, {.minimum = 1, .maximum = 100});
  if (!input.valid()) return send_validation_error(response, input);
  send_json(response, 200, service.items.list(static_cast<std::size_t>(limit)));
}

// POST /items
void create_item(Service& service, const httplib::Request& request, httplib::Response& response) {
  RequestReader input(request);
  ItemCreate item{
      .name = input.body_text("name", {.min_length = 1, .max_length = 100}),
      .price = input.body_number("price", {.minimum = 0}),
  };
  if (!input.valid()) return send_validation_error(response, input);
  send_json(response, 201, service.items.add(item));
}

// GET /items/{item_id}
void get_item(Service& service, const httplib::Request& request, httplib::Response& response) {
  RequestReader input(request);
  auto id = input.path_integer(1, "item_id");
  if (!input.valid()) return send_validation_error(response, input);
  auto item = service.items.find(id);
  if (!item) return send_error(response, 404, "not_found", "item " + std::to_string(id) + " does not exist");
  send_json(response, 200, *item);
}

// apictl:handlers - apictl add endpoint adds handlers above this line.

// The API's operations, in openapi.yaml's order (mount() registers them most specific first).
constexpr Route route_table[] = {
    {"GET", "/healthz", "getHealth", get_health},
    {"GET", "/items", "listItems", list_items},
    {"POST", "/items", "createItem", create_item},
    {"GET", "/items/{item_id}", "getItem", get_item},
    // apictl:routes - apictl add endpoint adds routes above this line.
};

// An OpenAPI path template as the regex cpp-httplib matches: each {name} captures one path segment.
std::string path_pattern(std::string_view path) {
  std::string pattern;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '{') {
      auto close = path.find('}', i);
      if (close == std::string_view::npos) {
        throw std::invalid_argument("route path '" + std::string(path) + "' has an unclosed '{'");
      }
      pattern += "([^/]+)";
      i = close;
    } else {
      if (std::string_view(R"(\^$.|?*+()[]{})").find(path[i]) != std::string_view::npos) pattern += '\\';
      pattern += path[i];
    }
  }
  return pattern;
}

void add_route(httplib::Server& http, const Route& route, const std::string& pattern,
               httplib::Server::Handler handler) {
  if (route.method == "GET") {
    http.Get(pattern, std::move(handler));
  } else if (route.method == "POST") {
    http.Post(pattern, std::move(handler));
  } else if (route.method == "PUT") {
    http.Put(pattern, std::move(handler));
  } else if (route.method == "PATCH") {
    http.Patch(pattern, std::move(handler));
  } else if (route.method == "DELETE") {
    http.Delete(pattern, std::move(handler));
  } else if (route.method == "OPTIONS") {
    http.Options(pattern, std::move(handler));
  } else {
    throw std::invalid_argument("route " + std::string(route.operation_id) + ": cpp-httplib cannot route method " +
                                std::string(route.method));
  }
}

struct KnownRoute {
  std::regex pattern;
  std::string method;
};

// cpp-httplib calls this for every status from 400 on. A handler's own error already has its body; what is
// left are cpp-httplib's bare errors: no route matched (a 404, or a 405 when the path exists with another
// method), a malformed request, a body too large.
httplib::Server::HandlerResponse answer_in_error_shape(const std::vector<KnownRoute>& known,
                                                       const httplib::Request& request, httplib::Response& response) {
  if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
  if (response.status == 404) {
    std::string allowed;
    for (const auto& route : known) {
      if (!std::regex_match(request.path, route.pattern)) continue;
      allowed += (allowed.empty() ? "" : ", ") + route.method;
      if (route.method == "GET") allowed += ", HEAD";  // cpp-httplib answers HEAD with the GET handler
    }
    if (allowed.empty()) {
      send_error(response, 404, "not_found", "no operation at " + request.path);
    } else {
      response.set_header("Allow", allowed);
      send_error(response, 405, "method_not_allowed",
                 request.method + " is not allowed on " + request.path + " (allowed: " + allowed + ")");
    }
  } else {
    send_error(response, response.status, "http_" + std::to_string(response.status), "the request could not be served");
  }
  return httplib::Server::HandlerResponse::Handled;
}

// cpp-httplib calls this when a handler throws. The details go to the server's log, not to the client.
void answer_exception(const httplib::Request& request, httplib::Response& response, std::exception_ptr error) {
  std::string what = "an exception that is not a std::exception";
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& exception) {
    what = exception.what();
  } catch (...) {
    // nothing more is known about it
  }
  std::cerr << "error: " << request.method << ' ' << request.path << ": " << what << '\n';
  send_error(response, 500, "internal_error", "the server failed to answer the request");
}

}  // namespace

std::span<const Route> routes() { return route_table; }

std::vector<Route> in_matching_order(std::span<const Route> table) {
  // Per path segment, whether it is a {parameter}: literal segments (false) sort first.
  auto parameter_segments = [](std::string_view path) {
    std::vector<bool> segments;
    for (std::size_t start = 1; start <= path.size();) {
      std::size_t end = std::min(path.find('/', start), path.size());
      segments.push_back(path.substr(start, end - start).find('{') != std::string_view::npos);
      start = end + 1;
    }
    return segments;
  };
  std::vector<Route> ordered(table.begin(), table.end());
  std::stable_sort(ordered.begin(), ordered.end(), [&](const Route& a, const Route& b) {
    return parameter_segments(a.path) < parameter_segments(b.path);
  });
  return ordered;
}

void mount(httplib::Server& http, Service& service) {
  auto known = std::make_shared<std::vector<KnownRoute>>();
  for (const Route& route : in_matching_order(routes())) {
    std::string pattern = path_pattern(route.path);
    add_route(http, route, pattern, [&service, handle = route.handle](const auto& request, auto& response) {
      handle(service, request, response);
    });
    known->push_back({std::regex(pattern), std::string(route.method)});
  }
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [known](const auto& request, auto& response) { return answer_in_error_shape(*known, request, response); }));
  http.set_exception_handler(answer_exception);
}

}  // namespace {{ namespace }}
