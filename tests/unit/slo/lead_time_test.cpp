// Lead time on a git history built here with fixed dates: a known answer, an operation still open, the window of
// the last N operations, and test files outside the test globs not counting.
#include "slo/lead_time.hpp"

#include <catch2/catch.hpp>

#include <map>

#include "support/scratch_folder.hpp"
#include "util/subprocess.hpp"

namespace {

using apictl::test::ScratchFolder;

void git(const ScratchFolder& folder, std::vector<std::string> arguments, const std::string& date = "") {
  arguments.insert(arguments.begin(), {"git", "-C", folder.path().string(), "-c", "commit.gpgsign=false"});
  std::vector<std::string> environment = {"GIT_AUTHOR_NAME=t",     "GIT_AUTHOR_EMAIL=t@example.com",
                                          "GIT_COMMITTER_NAME=t",  "GIT_COMMITTER_EMAIL=t@example.com",
                                          "GIT_CONFIG_NOSYSTEM=1", "HOME=" + folder.path().string()};
  if (!date.empty()) {
    environment.push_back("GIT_AUTHOR_DATE=" + date);
    environment.push_back("GIT_COMMITTER_DATE=" + date);
  }
  auto output = apictl::run_process(arguments, environment);
  REQUIRE(output.has_value());
  INFO(output->err);
  REQUIRE(output->exit_status == 0);
}

void commit(const ScratchFolder& folder, const std::string& date, const std::string& message) {
  git(folder, {"add", "-A"});
  git(folder, {"commit", "-q", "--allow-empty", "-m", message}, date);
}

std::string contract(const std::string& paths) {
  return "openapi: 3.0.3\ninfo: {title: pets, version: '1'}\npaths:\n" + paths;
}

const std::string list_pets =
    "  /pets:\n    get:\n      operationId: listPets\n      summary: List pets\n"
    "      responses: {'200': {description: ok}}\n";
const std::string create_pet_undocumented =
    "    post:\n      operationId: createPet\n"
    "      responses: {'201': {description: ok}}\n";
const std::string create_pet =
    "    post:\n      operationId: createPet\n      summary: Add a pet\n"
    "      responses: {'201': {description: ok}}\n";
const std::string show_pet =
    "  /pets/{petId}:\n    get:\n      operationId: showPetById\n      description: One pet\n"
    "      responses: {'200': {description: ok}}\n";
const std::string delete_pet =
    "    delete:\n      operationId: deletePet\n      summary: Delete a pet\n"
    "      responses: {'204': {description: ok}}\n";
const std::string store_orders =
    "  /stores/{storeId}/orders:\n    get:\n      summary: A store's orders\n"
    "      responses: {'200': {description: ok}}\n";

// 2024-01-01 GET+POST /pets (POST without docs) · 01-03 a test calls /pets · 01-04 POST documented, GET
// /pets/{petId} added · 01-10 README only · 01-11 a test names showPetById · 01-12 DELETE /pets/{petId} added,
// named only in docs/ · 01-15 GET /stores/{storeId}/orders with its test ("/stores/42/orders") in one commit.
void build_history(const ScratchFolder& folder) {
  git(folder, {"init", "-q", "-b", "main"});
  folder.write("openapi.yaml", contract(list_pets + create_pet_undocumented));
  commit(folder, "2024-01-01T00:00:00Z", "pets");
  folder.write("tests/test_pets.py", "def test_list(client):\n    assert client.get(\"/pets\").status_code == 200\n");
  commit(folder, "2024-01-03T00:00:00Z", "test pets");
  folder.write("openapi.yaml", contract(list_pets + create_pet + show_pet));
  commit(folder, "2024-01-04T12:00:00Z", "one pet");
  folder.write("README.md", "pets\n");
  commit(folder, "2024-01-10T00:00:00Z", "readme");
  folder.write("tests/test_pet.py", "# showPetById\ndef test_one(client):\n    pass\n");
  commit(folder, "2024-01-11T00:00:00Z", "test one pet");
  folder.write("openapi.yaml", contract(list_pets + create_pet + show_pet + delete_pet));
  folder.write("docs/notes.md", "deletePet is called as DELETE /pets/7\n");
  commit(folder, "2024-01-12T00:00:00Z", "delete");
  folder.write("openapi.yaml", contract(list_pets + create_pet + show_pet + delete_pet + store_orders));
  folder.write("tests/test_orders.py", "def test_orders(client):\n    client.get('/stores/42/orders?limit=1')\n");
  commit(folder, "2024-01-15T00:00:00Z", "orders");
}

std::map<std::string, std::optional<double>> days_by_operation(const apictl::slo::LeadTimeResult& result) {
  std::map<std::string, std::optional<double>> days;
  for (const auto& operation : result.operations) days[operation.operation] = operation.days();
  return days;
}

}  // namespace

TEST_CASE("lead time from a history with fixed dates", "[slo]") {
  ScratchFolder folder("slo-lead-time");
  build_history(folder);
  apictl::slo::LeadTimeOptions options;
  options.root = folder.path();
  options.contract = "openapi.yaml";
  options.test_globs = {"tests/**"};
  options.last_operations = 20;
  auto result = apictl::slo::measure_lead_time(options);
  REQUIRE(result.has_value());
  CHECK(result->commits_read == 6);  // the README commit changes neither the contract nor a test

  auto days = days_by_operation(*result);
  REQUIRE(days.size() == 5);
  CHECK(days.at("GET /pets") == Approx(2.0));                     // 01-01 -> 01-03: the test
  CHECK(days.at("POST /pets") == Approx(3.5));                    // tested 01-03, documented 01-04 12:00
  CHECK(days.at("GET /pets/{petId}") == Approx(6.5));             // 01-04 12:00 -> 01-11: named by operationId
  CHECK(days.at("GET /stores/{storeId}/orders") == Approx(0.0));  // test and operation in one commit
  CHECK_FALSE(days.at("DELETE /pets/{petId}").has_value());       // only docs/ mention it

  const auto& last = result->operations.back();
  CHECK(last.operation == "GET /stores/{storeId}/orders");
  auto open = std::find_if(result->operations.begin(), result->operations.end(),
                           [](const auto& operation) { return !operation.done; });
  REQUIRE(open != result->operations.end());
  CHECK(open->operation == "DELETE /pets/{petId}");
  CHECK_FALSE(open->tested);
  CHECK(open->documented);
  CHECK(apictl::slo::open_reason(*open) == "DELETE /pets/{petId}: no test");

  // Done: 0, 2, 3.5, 6.5 days. Nearest rank: p50 is the 2nd, p90 the 4th.
  REQUIRE(result->p50_days.has_value());
  CHECK(*result->p50_days == Approx(2.0));
  CHECK(*result->p90_days == Approx(6.5));

  SECTION("over the last 3 operations introduced") {
    options.last_operations = 3;
    auto window = apictl::slo::measure_lead_time(options);
    REQUIRE(window.has_value());
    REQUIRE(window->operations.size() == 3);
    CHECK(window->operations.front().operation == "GET /pets/{petId}");
    CHECK(*window->p50_days == Approx(0.0));  // done: 0 and 6.5
    CHECK(*window->p90_days == Approx(6.5));
  }

  SECTION("the test globs decide where tests are") {
    options.test_globs = {"docs/**"};  // "/pets/7" there stands for both operations on /pets/{petId}
    auto elsewhere = apictl::slo::measure_lead_time(options);
    REQUIRE(elsewhere.has_value());
    auto other_days = days_by_operation(*elsewhere);
    CHECK(other_days.at("DELETE /pets/{petId}") == Approx(0.0));  // introduced with its mention
    CHECK(other_days.at("GET /pets/{petId}") == Approx(7.5));     // 01-04 12:00 -> 01-12
    CHECK_FALSE(other_days.at("GET /pets").has_value());
  }
}

TEST_CASE("lead time outside git or without commits is an error", "[slo]") {
  ScratchFolder folder("slo-lead-time-none");
  folder.write("openapi.yaml", contract(list_pets));
  apictl::slo::LeadTimeOptions options;
  options.root = folder.path();
  options.contract = "openapi.yaml";
  options.test_globs = {"tests/**"};
  auto outside = apictl::slo::measure_lead_time(options);
  REQUIRE_FALSE(outside.has_value());
  CHECK(outside.error().code == "not-a-git-repository");
  git(folder, {"init", "-q", "-b", "main"});
  auto empty = apictl::slo::measure_lead_time(options);
  REQUIRE_FALSE(empty.has_value());
  CHECK(empty.error().code == "no-history");
}
