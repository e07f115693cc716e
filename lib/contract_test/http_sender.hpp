// HttpSender: sends the cases' requests to the base URL over one kept-alive connection (cpp-httplib), byte for
// byte (no re-encoding of the target), without following redirects.
#pragma once

#include <chrono>
#include <expected>
#include <memory>
#include <string>

#include "contract_test/base_url.hpp"
#include "http/message.hpp"

namespace httplib {
class Client;
}

namespace apictl::contract_test {

struct SendFailure {
  bool connect = false;  // the connection could not be made (refused, unknown host, connect timeout)
  std::string message;   // "connection refused", "read timed out after 10 s"
};

class HttpSender {
 public:
  HttpSender(const BaseUrl& base, std::chrono::milliseconds timeout);
  ~HttpSender();
  HttpSender(const HttpSender&) = delete;
  HttpSender& operator=(const HttpSender&) = delete;

  // Sends `request` (its target relative to the base URL's path) and returns the whole response.
  std::expected<http::Response, SendFailure> send(const http::Request& request);

 private:
  BaseUrl base_;
  std::chrono::milliseconds timeout_;
  std::unique_ptr<httplib::Client> client_;
};

}  // namespace apictl::contract_test
