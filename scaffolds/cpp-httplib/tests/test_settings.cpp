// Settings from the command line and the environment.
#include <catch2/catch.hpp>

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "settings.hpp"

namespace {{ namespace }}::tests {

namespace {

// Reads settings from `arguments` and a made-up environment.
Settings settings_from(std::vector<std::string_view> arguments, std::map<std::string, std::string> variables = {}) {
  return read_settings(arguments, [&variables](std::string_view name) -> std::optional<std::string> {
    auto found = variables.find(std::string(name));
    if (found == variables.end()) return std::nullopt;
    return found->second;
  });
}

std::string variable(std::string_view name) { return std::string(environment_prefix) + std::string(name); }

// An environment holding one of the server's variables: environment_with("PORT", "9000").
std::map<std::string, std::string> environment_with(std::string_view name, std::string value) {
  std::map<std::string, std::string> variables;
  variables[variable(name)] = std::move(value);
  return variables;
}

}  // namespace

TEST_CASE("the defaults listen on loopback on the template's port", "[settings]") {
  Settings settings = settings_from({});
  CHECK(settings.host == "127.0.0.1");
  CHECK(settings.port == {{ port }});
  CHECK_FALSE(settings.help);
}

TEST_CASE("the command line overrides the environment, which overrides the defaults", "[settings]") {
  CHECK(settings_from({}, environment_with("PORT", "9000")).port == 9000);
  CHECK(settings_from({"--port", "9001"}, environment_with("PORT", "9000")).port == 9001);
  CHECK(settings_from({"--port=0"}).port == 0);
  Settings settings = settings_from({"--host", "0.0.0.0"}, environment_with("HOST", "::1"));
  CHECK(settings.host == "0.0.0.0");
  CHECK(settings_from({}, environment_with("HOST", "::1")).host == "::1");
  CHECK(settings_from({"--help"}).help);
}

TEST_CASE("a bad value names the flag or variable it came from", "[settings]") {
  using Catch::Matchers::Contains;
  CHECK_THROWS_WITH(settings_from({"--port", "80a"}), Contains("--port must be a port number") && Contains("'80a'"));
  CHECK_THROWS_WITH(settings_from({"--port=70000"}), Contains("--port must be a port number"));
  CHECK_THROWS_WITH(settings_from({}, environment_with("PORT", "-1")),
                    Contains(variable("PORT") + " must be a port number"));
  CHECK_THROWS_WITH(settings_from({"--port"}), "--port needs a value");
  CHECK_THROWS_WITH(settings_from({"--verbose"}), Contains("unknown option '--verbose'"));
  CHECK_THROWS_WITH(settings_from({"--host="}), "--host must name a host address");
}

}  // namespace {{ namespace }}::tests
