// Proxy: `apictl dev`'s front door on the stable port. It forwards each request to the app instance serving
// now, holds requests while none is ready, answers from apictl itself where asked (mock mode, /_apictl/ pages),
// and reports every exchange for the access log and the contract checker.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "diagnostic.hpp"
#include "http/message.hpp"

namespace apictl::dev {

struct ProxyOptions {
  std::string host = "127.0.0.1";
  int port = 8000;                                // 0: any free port (tests)
  std::size_t capture_limit = 1 << 20;            // bytes of each body kept for on_exchange
  std::chrono::milliseconds hold_timeout{30000};  // how long a held request waits before 503
  // How long the app may keep the proxy waiting for its next bytes (the response head, or the next piece of a
  // stream) before the client gets 502 (or, mid-stream, a cut connection).
  std::chrono::milliseconds upstream_timeout{std::chrono::minutes(5)};
};

struct ProxiedExchange {
  // The request and response as the client saw them (bodies up to capture_limit; body_complete false beyond, and
  // when a streamed response broke off).
  http::Exchange exchange;
  std::chrono::microseconds duration{0};  // request received -> response fully sent
  // forwarded to the app / answered by a local handler / the proxy's own 502/503
  enum class Origin { app, local, proxy } origin = Origin::proxy;
  int upstream_port = 0;              // the app instance that answered (Origin::app); 0 otherwise
  bool request_body_complete = true;  // false when the request body was cut at capture_limit
};

// Called on a proxy thread AFTER the response was sent; calls come from several threads at once.
using ExchangeHandler = std::function<void(const ProxiedExchange&)>;
// Answers a request from apictl itself; called on a proxy thread, from several at once. An exception becomes a
// 500 answer.
using LocalHandler = std::function<http::Response(const http::Request&)>;

// An HTTP/1.1 reverse proxy on its own threads (cpp-httplib parses the requests; see proxy_server.hpp).
//
// - Keep-alive both ways: client connections stay open between requests (a thread each, the pool grows as
//   needed), and connections to the app are pooled per port and reused.
// - Responses without Content-Length (chunked, Server-Sent Events) and large ones are passed on as they
//   arrive; others are read whole first, so that an app dying mid-response still gets the client a clean 502.
// - Any method httplib parses (GET HEAD POST PUT PATCH DELETE OPTIONS); the request target byte for byte;
//   end-to-end headers both ways, hop-by-hop ones not; X-Forwarded-For/-Host/-Proto added; Host kept.
// - Until the first forward_to/refuse/serve_locally, requests are held as by hold().
// All members are thread-safe; call stop() (or the destructor) from outside the proxy's handlers.
class Proxy {
 public:
  Proxy(ProxyOptions options, ExchangeHandler on_exchange);
  ~Proxy();  // stops
  Proxy(const Proxy&) = delete;
  Proxy& operator=(const Proxy&) = delete;

  // Binds and listens, serves on its own threads; returns once accepting. A port in use gives the
  // "port-in-use" diagnostic naming the process holding it when that can be found (port_owner.hpp).
  Result<void> start();
  // Stops accepting, answers held requests with 503, cuts requests waiting on the app, ends connections, joins.
  void stop();
  int port() const;  // the bound port (useful with port 0)

  // Where requests go. Each applies to requests arriving after the call; held requests are released to it.
  void forward_to(int upstream_port);        // the app on 127.0.0.1:upstream_port; pooled connections to others close
  void hold();                               // requests wait (<= hold_timeout, then 503) for the next change
  void refuse(std::string reason);           // answer 503 at once with the reason (the app is down, ...)
  void serve_locally(LocalHandler handler);  // answer from a function (mock mode)
  // Answered by apictl itself whatever the target: requests whose path starts with `path_prefix` (the longest
  // matching prefix wins), e.g. "/_apictl/". Adding a prefix again replaces its handler.
  void add_route(std::string path_prefix, LocalHandler handler);

  // Requests being forwarded to upstream_port now (sent, or waiting for or reading its response).
  std::size_t in_flight(int upstream_port) const;
  // Waits until no request is being forwarded to upstream_port any more, at most `timeout`; true when drained.
  bool wait_drained(int upstream_port, std::chrono::milliseconds timeout);
  // Requests waiting because of hold() now.
  std::size_t held() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace apictl::dev
