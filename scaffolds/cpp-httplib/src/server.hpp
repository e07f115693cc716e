// The HTTP API: its route table (what openapi.yaml describes) and how it is mounted on an httplib::Server.
#pragma once

#include <httplib.h>

#include <span>
#include <string_view>
#include <vector>

#include "store.hpp"

namespace {{ namespace }} {

// The version /healthz reports: the CMake project's VERSION.
inline constexpr std::string_view version = {{ namespace | constant }}_VERSION;

// What the handlers share for the lifetime of the server.
struct Service {
  ItemStore items;
};

// One operation of the API.
struct Route {
  std::string_view method;        // GET, POST, PUT, PATCH, DELETE or OPTIONS
  std::string_view path;          // as openapi.yaml writes it: /items/{item_id}
  std::string_view operation_id;  // as openapi.yaml names it
  void (*handle)(Service& service, const httplib::Request& request, httplib::Response& response);
};

// Every operation the server answers, in openapi.yaml's order. tests/test_contract.cpp fails when this table
// and the contract disagree.
std::span<const Route> routes();

// `table` in the order cpp-httplib must try it: it takes the first route whose pattern matches, so at the
// first segment where two paths differ, a literal one (/items/search) goes before a {parameter}
// (/items/{item_id}). Otherwise the table's order is kept.
std::vector<Route> in_matching_order(std::span<const Route> table);

// Registers every route on `http`, and answers an unknown path (404), a method the path lacks (405) and an
// unexpected exception (500) in the error shape. Every response gets an X-Request-ID (request_id.hpp).
// `service` must outlive `http`.
void mount(httplib::Server& http, Service& service);

}  // namespace {{ namespace }}
