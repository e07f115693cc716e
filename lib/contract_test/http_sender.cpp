// The only file of lib/contract_test that speaks to the network.
#include "contract_test/http_sender.hpp"

#include <httplib.h>

namespace apictl::contract_test {

HttpSender::HttpSender(const BaseUrl& base, std::chrono::milliseconds timeout)
    : base_(base), timeout_(timeout), client_(std::make_unique<httplib::Client>(base.origin())) {
  client_->set_keep_alive(true);
  // Headers and body go in two writes: without this a body waits for the server's delayed ACK (~40 ms a POST).
  client_->set_tcp_nodelay(true);
  client_->set_url_encode(false);  // the cases encode their targets; the reproduction shows the same bytes
  client_->set_follow_location(false);
  client_->set_connection_timeout(timeout);
  client_->set_read_timeout(timeout);
  client_->set_write_timeout(timeout);
}

HttpSender::~HttpSender() = default;

std::expected<http::Response, SendFailure> HttpSender::send(const http::Request& request) {
  httplib::Request outgoing;
  outgoing.method = request.method;
  outgoing.path = base_.path + request.target;
  for (const http::Header& header : request.headers) outgoing.headers.emplace(header.name, header.value);
  outgoing.body = request.body;
  auto result = client_->send(outgoing);
  if (!result) {
    httplib::Error error = result.error();
    SendFailure failure;
    failure.connect = error == httplib::Error::Connection || error == httplib::Error::ConnectionTimeout ||
                      error == httplib::Error::SSLConnection;
    auto seconds = std::chrono::duration<double>(timeout_).count();
    switch (error) {
      case httplib::Error::Connection:
        failure.message = "could not connect";
        break;
      case httplib::Error::ConnectionTimeout:
        failure.message = "connecting timed out after " + std::to_string(static_cast<int>(seconds)) + " s";
        break;
      case httplib::Error::Read:
        failure.message =
            "the connection closed or no answer came within " + std::to_string(static_cast<int>(seconds)) + " s";
        break;
      default:
        failure.message = httplib::to_string(error);
    }
    client_->stop();  // a fresh connection for the next request
    return std::unexpected(std::move(failure));
  }
  http::Response response;
  response.status = result->status;
  for (const auto& [name, value] : result->headers) response.headers.push_back({name, value});
  response.body = std::move(result->body);
  // A server that crashed on a request may close the connection without saying so (uvicorn after a 500);
  // the next request would then fail on the dead socket and be blamed for it.
  if (response.status >= 500) client_->stop();
  return response;
}

}  // namespace apictl::contract_test
