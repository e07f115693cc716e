// Proxy: where each request goes (a route, the app, a local handler, held, refused), the relay to the app over
// pooled keep-alive connections, and the exchange record.
#include "dev/proxy.hpp"

#include <httplib.h>

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "dev/proxy_headers.hpp"
#include "dev/proxy_server.hpp"

namespace apictl::dev {

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr std::size_t kMaxWholeBody = 1 << 20;  // app responses with a larger Content-Length are streamed
constexpr std::size_t kMaxIdleUpstreamsPerPort = 256;
constexpr std::size_t kMaxConnectionThreads = 1024;
constexpr auto kUpstreamConnectTimeout = 5s;
constexpr auto kUpstreamWriteTimeout = 30s;

// Headers httplib's server adds to each request it parses; the client did not send them.
bool added_by_httplib(std::string_view name) {
  return name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" || name == "LOCAL_PORT";
}

http::Headers from_httplib(const httplib::Headers& headers, bool skip_added = false) {
  http::Headers converted;
  converted.reserve(headers.size());
  for (const auto& [name, value] : headers) {
    if (skip_added && added_by_httplib(name)) continue;
    converted.push_back({name, value});
  }
  return converted;
}

httplib::Headers to_httplib(const http::Headers& headers) {
  httplib::Headers converted;
  for (const http::Header& header : headers) converted.emplace(header.name, header.value);
  return converted;
}

std::optional<std::size_t> content_length(const httplib::Headers& headers) {
  auto found = headers.find("Content-Length");
  if (found == headers.end()) return std::nullopt;
  std::string_view text = found->second;
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  std::size_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool is_chunked(const httplib::Headers& headers) {
  auto found = headers.find("Transfer-Encoding");
  return found != headers.end() && found->second.find("chunked") != std::string::npos;
}

bool is_idempotent(std::string_view method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS" || method == "PUT" || method == "DELETE";
}

// What the response's framing depends on in the request.
struct ClientSide {
  bool head = false;         // a HEAD request: no body in the answer
  bool http10 = false;       // an HTTP/1.0 client: no chunked encoding, keep-alive only when asked
  bool wants_close = false;  // the connection ends after this response
};

std::string seconds_text(std::chrono::milliseconds duration) {
  char text[32];
  std::snprintf(text, sizeof(text), "%g s", static_cast<double>(duration.count()) / 1000.0);
  return text;
}

}  // namespace

class Proxy::Impl {
 public:
  // Where requests go now.
  struct Target {
    enum class Kind { hold, forward, refuse, local } kind = Kind::hold;
    int port = 0;
    std::string reason;
    std::shared_ptr<const LocalHandler> handler;
  };

  Impl(ProxyOptions options, ExchangeHandler on_exchange)
      : options_(std::move(options)), on_exchange_(std::move(on_exchange)) {}
  ~Impl() { stop(); }

  Result<void> start();
  void stop();
  int port() const { return port_; }

  void set_target(Target target);
  void add_route(std::string prefix, LocalHandler handler);
  std::size_t in_flight(int upstream_port) const;
  bool wait_drained(int upstream_port, std::chrono::milliseconds timeout);
  std::size_t held() const;

 private:
  // A response written to the client, as the client saw it, and who gave it.
  struct Answer {
    http::Response response;
    ProxiedExchange::Origin origin = ProxiedExchange::Origin::proxy;
    int upstream_port = 0;
  };

  void handle(const httplib::Request& parsed, ClientConnection& connection);
  Answer dispatch(http::Request& request, const ClientSide& client, ClientConnection& connection);
  Answer forward(int upstream_port, http::Request& request, const ClientSide& client, ClientConnection& connection);
  Answer answer_locally(const LocalHandler& handler, const http::Request& request, const ClientSide& client,
                        ClientConnection& connection);
  Answer answer_from_proxy(int status, const std::string& message, const ClientSide& client,
                           ClientConnection& connection);
  // Writes a response whose body is all known. `declared_length` is the app's Content-Length for a body that is
  // not sent (HEAD, 304).
  http::Response write_whole(ClientConnection& connection, const ClientSide& client, int status,
                             std::string_view reason, http::Headers headers, const std::string& body,
                             std::optional<std::size_t> declared_length = std::nullopt);
  // The Connection header for the response, and whether the connection closes after it.
  void add_connection_header(http::Headers& headers, const ClientSide& client, ClientConnection& connection,
                             bool close_anyway = false);

  std::shared_ptr<const LocalHandler> find_route(std::string_view path) const;
  std::unique_ptr<httplib::ClientImpl> acquire_upstream(int port);
  void release_upstream(int port, std::unique_ptr<httplib::ClientImpl> upstream);
  void finish_forward(int port);

  ProxyOptions options_;
  ExchangeHandler on_exchange_;
  std::unique_ptr<ProxyServer> server_;
  int port_ = 0;

  mutable std::mutex mutex_;
  std::condition_variable target_changed_;  // wakes held requests
  std::condition_variable forward_done_;    // wakes wait_drained
  Target target_;
  std::uint64_t generation_ = 0;  // counts target changes, so a held request sees one even back to hold
  bool stopping_ = false;
  std::size_t held_ = 0;
  std::map<int, std::size_t> in_flight_;
  std::vector<std::pair<std::string, std::shared_ptr<const LocalHandler>>> routes_;  // longest prefix first
  std::map<int, std::vector<std::unique_ptr<httplib::ClientImpl>>> idle_upstreams_;
  std::set<httplib::ClientImpl*> busy_upstreams_;
};

// ---- control ----

Result<void> Proxy::Impl::start() {
  if (server_) return fail("proxy-failed", "the proxy is already started");
  auto server = std::make_unique<ProxyServer>(
      ConnectionTimeouts{}, kMaxConnectionThreads,
      [this](const httplib::Request& parsed, ClientConnection& connection) { handle(parsed, connection); });
  auto bound = server->open(options_.host, options_.port);
  if (!bound) return std::unexpected(bound.error());
  port_ = *bound;
  server_ = std::move(server);
  server_->run();
  return {};
}

void Proxy::Impl::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || !server_) {
      stopping_ = true;
      return;
    }
    stopping_ = true;
  }
  target_changed_.notify_all();
  forward_done_.notify_all();
  server_->begin_shutdown();
  // Requests waiting on the app are cut (ClientImpl::stop shuts their socket down). Repeated, because a request
  // may have taken its connection just before and not be sending yet when the first round comes.
  while (!server_->wait_stopped(20ms)) {
    std::lock_guard lock(mutex_);
    for (httplib::ClientImpl* upstream : busy_upstreams_) upstream->stop();
  }
  server_->shutdown();
  std::map<int, std::vector<std::unique_ptr<httplib::ClientImpl>>> idle;
  {
    std::lock_guard lock(mutex_);
    idle.swap(idle_upstreams_);
  }
}

void Proxy::Impl::set_target(Target target) {
  std::map<int, std::vector<std::unique_ptr<httplib::ClientImpl>>> dropped;
  {
    std::lock_guard lock(mutex_);
    target_ = std::move(target);
    ++generation_;
    // Pooled connections to any other instance close now: the old app sees its clients go and can stop.
    for (auto entry = idle_upstreams_.begin(); entry != idle_upstreams_.end();) {
      if (target_.kind == Target::Kind::forward && entry->first == target_.port) {
        ++entry;
      } else {
        dropped.insert(idle_upstreams_.extract(entry++));
      }
    }
  }
  target_changed_.notify_all();
}

void Proxy::Impl::add_route(std::string prefix, LocalHandler handler) {
  auto shared = std::make_shared<const LocalHandler>(std::move(handler));
  std::lock_guard lock(mutex_);
  auto same = std::find_if(routes_.begin(), routes_.end(), [&](const auto& route) { return route.first == prefix; });
  if (same != routes_.end()) {
    same->second = std::move(shared);
    return;
  }
  routes_.emplace_back(std::move(prefix), std::move(shared));
  std::stable_sort(routes_.begin(), routes_.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
}

std::shared_ptr<const LocalHandler> Proxy::Impl::find_route(std::string_view path) const {
  std::lock_guard lock(mutex_);
  for (const auto& [prefix, handler] : routes_) {
    if (path.starts_with(prefix)) return handler;
  }
  return nullptr;
}

std::size_t Proxy::Impl::in_flight(int upstream_port) const {
  std::lock_guard lock(mutex_);
  auto found = in_flight_.find(upstream_port);
  return found == in_flight_.end() ? 0 : found->second;
}

bool Proxy::Impl::wait_drained(int upstream_port, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return forward_done_.wait_for(lock, timeout, [&] { return !in_flight_.contains(upstream_port); });
}

std::size_t Proxy::Impl::held() const {
  std::lock_guard lock(mutex_);
  return held_;
}

// ---- one request ----

void Proxy::Impl::handle(const httplib::Request& parsed, ClientConnection& connection) {
  Clock::time_point received = connection.request_started;
  http::Request request{parsed.method, parsed.target, from_httplib(parsed.headers, true), parsed.body};
  ClientSide client;
  client.head = parsed.method == "HEAD";
  client.http10 = parsed.version == "HTTP/1.0";
  client.wants_close = has_connection_token(request.headers, "close") ||
                       (client.http10 && !has_connection_token(request.headers, "keep-alive"));

  Answer answer;
  // httplib reads bodies of POST, PUT, PATCH and DELETE only; a GET or OPTIONS with a body (rare, but some
  // search APIs do it) still has it waiting on the connection.
  std::optional<std::size_t> length = content_length(parsed.headers);
  if (request.body.empty() && length && *length > 0) {
    if (!connection.read_body(*length, request.body)) {
      connection.close_after_response = true;  // the client went away mid-body: nothing to answer
      return;
    }
  }
  if (request.body.empty() && !length && is_chunked(parsed.headers) && parsed.method != "POST" &&
      parsed.method != "PUT" && parsed.method != "PATCH") {
    client.wants_close = true;  // the unread chunks would be taken for the next request
    answer = answer_from_proxy(411,
                               "apictl dev: a " + parsed.method +
                                   " request with a chunked body cannot be passed "
                                   "on; send it with Content-Length",
                               client, connection);
  } else {
    answer = dispatch(request, client, connection);
  }

  auto record = std::make_shared<ProxiedExchange>();
  record->origin = answer.origin;
  record->upstream_port = answer.upstream_port;
  if (request.body.size() > options_.capture_limit) {
    request.body.resize(options_.capture_limit);
    record->request_body_complete = false;
  }
  record->exchange.request = std::move(request);
  record->exchange.response = std::move(answer.response);
  connection.after_response = [this, record, received] {
    record->duration = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - received);
    if (!on_exchange_) return;
    try {
      on_exchange_(*record);
    } catch (...) {
      // A failing observer must not take the connection down with it.
    }
  };
}

Proxy::Impl::Answer Proxy::Impl::dispatch(http::Request& request, const ClientSide& client,
                                          ClientConnection& connection) {
  if (auto handler = find_route(request.path())) return answer_locally(*handler, request, client, connection);

  Clock::time_point deadline = connection.request_started + options_.hold_timeout;
  std::unique_lock lock(mutex_);
  for (;;) {
    if (stopping_) {
      lock.unlock();
      return answer_from_proxy(503, "apictl dev is stopping", client, connection);
    }
    switch (target_.kind) {
      case Target::Kind::hold: {
        std::uint64_t seen = generation_;
        ++held_;
        bool changed = target_changed_.wait_until(lock, deadline, [&] { return stopping_ || generation_ != seen; });
        --held_;
        if (!changed) {
          lock.unlock();
          return answer_from_proxy(503,
                                   "apictl dev: no instance of the app became ready within " +
                                       seconds_text(options_.hold_timeout) + "; see apictl's output for why",
                                   client, connection);
        }
        continue;
      }
      case Target::Kind::refuse: {
        std::string reason = target_.reason;
        lock.unlock();
        return answer_from_proxy(503, reason, client, connection);
      }
      case Target::Kind::local: {
        std::shared_ptr<const LocalHandler> handler = target_.handler;
        lock.unlock();
        return answer_locally(*handler, request, client, connection);
      }
      case Target::Kind::forward: {
        int port = target_.port;
        ++in_flight_[port];  // under the lock that read the target: wait_drained cannot miss this request
        lock.unlock();
        return forward(port, request, client, connection);
      }
    }
  }
}

Proxy::Impl::Answer Proxy::Impl::answer_locally(const LocalHandler& handler, const http::Request& request,
                                                const ClientSide& client, ClientConnection& connection) {
  http::Response response;
  try {
    response = handler(request);
  } catch (const std::exception& error) {
    response = {500, {{"Content-Type", "text/plain; charset=utf-8"}}, std::string("apictl: ") + error.what() + "\n"};
  } catch (...) {
    response = {500, {{"Content-Type", "text/plain; charset=utf-8"}}, "apictl: the local handler failed\n"};
  }
  if (response.status < 100 || response.status > 999) {
    response = {500,
                {{"Content-Type", "text/plain; charset=utf-8"}},
                "apictl: the local handler gave status " + std::to_string(response.status) + "\n"};
  }
  Answer answer;
  answer.origin = ProxiedExchange::Origin::local;
  answer.response = write_whole(connection, client, response.status, reason_phrase(response.status),
                                end_to_end_headers(response.headers), response.body);
  return answer;
}

Proxy::Impl::Answer Proxy::Impl::answer_from_proxy(int status, const std::string& message, const ClientSide& client,
                                                   ClientConnection& connection) {
  http::Headers headers = {{"Content-Type", "text/plain; charset=utf-8"}, {"Cache-Control", "no-store"}};
  if (status == 503) headers.push_back({"Retry-After", "1"});
  Answer answer;
  answer.origin = ProxiedExchange::Origin::proxy;
  answer.response = write_whole(connection, client, status, reason_phrase(status), std::move(headers), message + "\n");
  return answer;
}

void Proxy::Impl::add_connection_header(http::Headers& headers, const ClientSide& client, ClientConnection& connection,
                                        bool close_anyway) {
  bool close = close_anyway || client.wants_close || server_->stopping();
  if (close) {
    headers.push_back({"Connection", "close"});
    connection.close_after_response = true;
  } else if (client.http10) {
    headers.push_back({"Connection", "keep-alive"});
  }
}

http::Response Proxy::Impl::write_whole(ClientConnection& connection, const ClientSide& client, int status,
                                        std::string_view reason, http::Headers headers, const std::string& body,
                                        std::optional<std::size_t> declared_length) {
  bool bodiless_status = status < 200 || status == 204 || status == 304;
  bool send_body = !client.head && !bodiless_status;
  if (status != 204 && status >= 200) {
    if (send_body || !declared_length) {
      if (status != 304) headers.push_back({"Content-Length", std::to_string(body.size())});
    } else {
      headers.push_back({"Content-Length", std::to_string(*declared_length)});
    }
  }
  add_connection_header(headers, client, connection);
  connection.send(response_head(status, reason, headers));
  if (send_body) connection.send(body);

  http::Response seen{status, std::move(headers), {}, true};
  if (send_body) {
    seen.body = body.substr(0, options_.capture_limit);
    seen.body_complete = body.size() <= options_.capture_limit;
  }
  return seen;
}

// ---- the relay to the app ----

std::unique_ptr<httplib::ClientImpl> Proxy::Impl::acquire_upstream(int port) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return nullptr;
    auto idle = idle_upstreams_.find(port);
    if (idle != idle_upstreams_.end() && !idle->second.empty()) {
      std::unique_ptr<httplib::ClientImpl> upstream = std::move(idle->second.back());
      idle->second.pop_back();
      busy_upstreams_.insert(upstream.get());
      return upstream;
    }
  }
  auto upstream = std::make_unique<httplib::ClientImpl>("127.0.0.1", port);
  upstream->set_keep_alive(true);
  upstream->set_url_encode(false);  // the target goes on byte for byte
  upstream->set_decompress(false);  // a gzip body goes on gzipped, as its Content-Encoding says
  upstream->set_tcp_nodelay(true);
  upstream->set_connection_timeout(kUpstreamConnectTimeout);
  upstream->set_read_timeout(options_.upstream_timeout);
  upstream->set_write_timeout(kUpstreamWriteTimeout);
  std::lock_guard lock(mutex_);
  if (stopping_) return nullptr;
  busy_upstreams_.insert(upstream.get());
  return upstream;
}

void Proxy::Impl::release_upstream(int port, std::unique_ptr<httplib::ClientImpl> upstream) {
  std::unique_lock lock(mutex_);
  busy_upstreams_.erase(upstream.get());
  bool keep = !stopping_ && target_.kind == Target::Kind::forward && target_.port == port &&
              upstream->is_socket_open() && idle_upstreams_[port].size() < kMaxIdleUpstreamsPerPort;
  if (keep) {
    idle_upstreams_[port].push_back(std::move(upstream));
    return;
  }
  lock.unlock();
  upstream.reset();  // closes the connection, outside the lock
}

void Proxy::Impl::finish_forward(int port) {
  {
    std::lock_guard lock(mutex_);
    auto count = in_flight_.find(port);
    if (count != in_flight_.end() && --count->second == 0) in_flight_.erase(count);
  }
  forward_done_.notify_all();
}

Proxy::Impl::Answer Proxy::Impl::forward(int port, http::Request& request, const ClientSide& client,
                                         ClientConnection& connection) {
  struct InFlight {
    Impl* proxy;
    int port;
    ~InFlight() { proxy->finish_forward(port); }
  } in_flight{this, port};

  httplib::Request outgoing;
  outgoing.method = request.method;
  outgoing.path = request.target;
  http::Headers headers = end_to_end_headers(request.headers);
  add_forwarded_headers(headers, connection.remote_ip());
  outgoing.headers = to_httplib(headers);
  outgoing.body = std::move(request.body);
  struct GiveBodyBack {
    http::Request& request;
    httplib::Request& outgoing;
    ~GiveBodyBack() { request.body = std::move(outgoing.body); }
  } give_back{request, outgoing};

  // How the app's response reaches the client: whole (read first, then written with its length), or streamed
  // as it comes with the app's length, in chunks, or until the connection closes (HTTP/1.0 clients).
  enum class Relay { whole, stream_with_length, stream_chunked, stream_until_close };
  struct State {
    Relay relay = Relay::whole;
    bool head_seen = false;
    bool head_sent = false;     // streaming began: a failure now can only cut the connection
    bool skipped_body = false;  // a 304 or 1xx without framing: reading stopped on purpose
    bool client_gone = false;
    std::string body;
    http::Response seen;
  } state;

  Answer answer;
  answer.origin = ProxiedExchange::Origin::app;
  answer.upstream_port = port;

  outgoing.response_handler = [&](const httplib::Response& head) {
    state.head_seen = true;
    std::optional<std::size_t> length = content_length(head.headers);
    bool chunked = is_chunked(head.headers);
    if (!length && !chunked && (head.status == 304 || head.status < 200)) {
      // httplib would wait for a body until the app closes the connection; these responses have none.
      state.skipped_body = true;
      return false;
    }
    if (length && *length <= kMaxWholeBody) return true;
    http::Headers out = end_to_end_headers(from_httplib(head.headers));
    bool until_close = false;
    if (length) {
      state.relay = Relay::stream_with_length;
      out.push_back({"Content-Length", std::to_string(*length)});
    } else if (!client.http10) {
      state.relay = Relay::stream_chunked;
      out.push_back({"Transfer-Encoding", "chunked"});
    } else {
      state.relay = Relay::stream_until_close;
      until_close = true;
    }
    add_connection_header(out, client, connection, until_close);
    state.head_sent = true;
    state.seen.status = head.status;
    state.seen.headers = out;
    if (!connection.send(response_head(head.status, head.reason, out), true)) {
      state.client_gone = true;
      return false;
    }
    return true;
  };
  outgoing.content_receiver = [&](const char* data, std::size_t size, std::uint64_t, std::uint64_t) {
    if (state.relay == Relay::whole) {
      state.body.append(data, size);
      return true;
    }
    std::size_t room = options_.capture_limit - std::min(options_.capture_limit, state.seen.body.size());
    state.seen.body.append(data, std::min(size, room));
    if (size > room) state.seen.body_complete = false;
    bool sent;
    if (state.relay == Relay::stream_chunked) {
      char size_line[24];
      std::snprintf(size_line, sizeof(size_line), "%zx\r\n", size);
      sent =
          connection.send(size_line) && connection.send(std::string_view(data, size)) && connection.send("\r\n", true);
    } else {
      sent = connection.send(std::string_view(data, size), true);
    }
    if (!sent) state.client_gone = true;
    return sent;
  };

  httplib::Response response;
  httplib::Error error = httplib::Error::Success;
  bool ok = false;
  Clock::time_point sent_at = Clock::now();
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::unique_ptr<httplib::ClientImpl> upstream = acquire_upstream(port);
    if (!upstream) return answer_from_proxy(503, "apictl dev is stopping", client, connection);
    bool reused = upstream->is_socket_open() != 0;
    response = httplib::Response();
    error = httplib::Error::Success;
    sent_at = Clock::now();
    ok = upstream->send(outgoing, response, error);
    release_upstream(port, std::move(upstream));
    // A pooled connection the app closed while it was idle fails before any answer; an idempotent request is
    // safe to send again on a fresh connection.
    bool stale = !ok && reused && !state.head_seen && is_idempotent(request.method) &&
                 (error == httplib::Error::Read || error == httplib::Error::Write);
    if (!stale) break;
  }

  if (ok || (state.skipped_body && error == httplib::Error::Canceled)) {
    if (state.head_sent) {
      if (state.relay == Relay::stream_chunked && !connection.send("0\r\n\r\n", true)) state.client_gone = true;
      if (state.client_gone) {
        connection.close_after_response = true;
        state.seen.body_complete = false;
      }
      answer.response = std::move(state.seen);
      return answer;
    }
    std::optional<std::size_t> declared = content_length(response.headers);
    answer.response = write_whole(connection, client, response.status, response.reason,
                                  end_to_end_headers(from_httplib(response.headers)), state.body, declared);
    return answer;
  }

  if (state.head_sent) {
    // The head is out: the client learns of the failure from the connection closing before the body's end.
    connection.close_after_response = true;
    state.seen.body_complete = false;
    answer.response = std::move(state.seen);
    return answer;
  }

  bool stopping;
  {
    std::lock_guard lock(mutex_);
    stopping = stopping_;
  }
  if (stopping) return answer_from_proxy(503, "apictl dev is stopping", client, connection);
  std::string app = "apictl dev: the app on 127.0.0.1:" + std::to_string(port);
  std::string reason;
  if (error == httplib::Error::Connection || error == httplib::Error::ConnectionTimeout) {
    reason = app + " refused the connection (it is not listening, or it exited)";
  } else if ((error == httplib::Error::Read) && Clock::now() - sent_at >= options_.upstream_timeout) {
    reason = app + " did not answer within " + seconds_text(options_.upstream_timeout);
  } else if (error == httplib::Error::Read && state.head_seen) {
    reason = app + " closed the connection in the middle of its response";
  } else if (error == httplib::Error::Read || error == httplib::Error::Write) {
    reason = app + " closed the connection without answering";
  } else {
    reason = app + " could not be reached: " + httplib::to_string(error);
  }
  return answer_from_proxy(502, reason, client, connection);
}

// ---- Proxy ----

Proxy::Proxy(ProxyOptions options, ExchangeHandler on_exchange)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(on_exchange))) {}

Proxy::~Proxy() = default;

Result<void> Proxy::start() { return impl_->start(); }
void Proxy::stop() { impl_->stop(); }
int Proxy::port() const { return impl_->port(); }

void Proxy::forward_to(int upstream_port) {
  Impl::Target target;
  target.kind = Impl::Target::Kind::forward;
  target.port = upstream_port;
  impl_->set_target(std::move(target));
}

void Proxy::hold() { impl_->set_target(Impl::Target{}); }

void Proxy::refuse(std::string reason) {
  Impl::Target target;
  target.kind = Impl::Target::Kind::refuse;
  target.reason = std::move(reason);
  impl_->set_target(std::move(target));
}

void Proxy::serve_locally(LocalHandler handler) {
  Impl::Target target;
  target.kind = Impl::Target::Kind::local;
  target.handler = std::make_shared<const LocalHandler>(std::move(handler));
  impl_->set_target(std::move(target));
}

void Proxy::add_route(std::string path_prefix, LocalHandler handler) {
  impl_->add_route(std::move(path_prefix), std::move(handler));
}

std::size_t Proxy::in_flight(int upstream_port) const { return impl_->in_flight(upstream_port); }

bool Proxy::wait_drained(int upstream_port, std::chrono::milliseconds timeout) {
  return impl_->wait_drained(upstream_port, timeout);
}

std::size_t Proxy::held() const { return impl_->held(); }

}  // namespace apictl::dev
