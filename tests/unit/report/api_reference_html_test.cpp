// The API reference page on small inline contracts: grouping by tag, parameters, $ref links and their anchors,
// cycles, allOf/oneOf, examples, escaping of hostile text, and that the page loads nothing from anywhere.
#include <catch2/catch.hpp>

#include <chrono>
#include <regex>
#include <set>
#include <string>

#include "contract/parse.hpp"
#include "contract/workspace.hpp"
#include "report/api_reference_html.hpp"

using namespace apictl;

namespace {

std::string render(std::string_view yaml, const report::ApiReferenceOptions& options = {}) {
  contract::Workspace workspace;
  auto document = contract::parse_document("openapi.yaml", std::string(yaml));
  REQUIRE(document.has_value());
  workspace.adopt(std::move(*document), "openapi.yaml");
  auto page = report::render_api_reference(workspace, options);
  REQUIRE(page.has_value());
  return *page;
}

std::size_t count(const std::string& text, std::string_view needle) {
  std::size_t found = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++found;
  return found;
}

std::vector<std::string> attribute_values(const std::string& page, const std::string& attribute) {
  std::vector<std::string> values;
  std::regex pattern("\\b" + attribute + "=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), pattern); it != std::sregex_iterator(); ++it) {
    values.push_back((*it)[1]);
  }
  return values;
}

// Every in-page link leads to an element of the page.
void check_internal_links(const std::string& page) {
  auto ids = attribute_values(page, "id");
  std::set<std::string> known(ids.begin(), ids.end());
  CHECK(known.size() == ids.size());  // ids are unique
  for (const std::string& href : attribute_values(page, "href")) {
    if (href.starts_with("#")) {
      INFO(href);
      CHECK(known.contains(href.substr(1)));
    }
  }
}

constexpr std::string_view petstore = R"(
openapi: 3.0.3
info: {title: Pets, version: 1.0.0}
tags:
  - name: store
    description: Orders.
  - name: pets
    description: All about pets.
paths:
  /pets/{petId}:
    parameters:
      - name: petId
        in: path
        required: true
        description: The id of the pet.
        schema: {type: string, format: uuid}
        example: 7f3c
    get:
      tags: [pets]
      operationId: getPet
      summary: Get a pet
      parameters:
        - name: fields
          in: query
          schema:
            type: array
            items: {type: string, enum: [name, tag]}
      responses:
        '200':
          description: The pet.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
              example: {id: 7f3c, name: Rex}
    put:
      tags: [pets, store]
      operationId: replacePet
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Pet'}
            examples:
              dog: {summary: A dog, value: {name: Rex}}
      responses:
        '204': {description: Replaced.}
  /orders:
    post:
      tags: [store]
      operationId: placeOrder
      responses:
        '201':
          description: Placed.
          content:
            application/json:
              schema:
                type: object
                required: [total]
                properties:
                  total: {type: integer, minimum: 1}
  /health:
    get:
      operationId: health
      responses:
        '200': {description: Up.}
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        id: {type: string, readOnly: true}
        name: {type: string, maxLength: 40, description: The pet's name.}
        owner: {$ref: '#/components/schemas/Owner'}
    Owner:
      type: object
      properties:
        name: {type: string, nullable: true}
)";

}  // namespace

TEST_CASE("operations are grouped by tag: declared order, untagged last, each described once", "[report][docs]") {
  std::string page = render(petstore);
  auto store = page.find("<section class=\"tag\" id=\"tag-store\">");
  auto pets = page.find("<section class=\"tag\" id=\"tag-pets\">");
  auto untagged = page.find("<section class=\"tag\" id=\"tag-untagged\">");
  REQUIRE(store != std::string::npos);
  REQUIRE(pets != std::string::npos);
  REQUIRE(untagged != std::string::npos);
  CHECK(store < pets);
  CHECK(pets < untagged);
  CHECK(page.find("All about pets.") > pets);
  // placeOrder under store; replacePet (tags pets, store) in full under pets, linked from store.
  auto place_order = page.find("id=\"op-placeOrder\"");
  auto replace_pet = page.find("id=\"op-replacePet\"");
  CHECK((place_order > store && place_order < pets));
  CHECK((replace_pet > pets && replace_pet < untagged));
  CHECK(count(page, "id=\"op-replacePet\"") == 1);
  auto also = page.find("<p class=\"also-op\"");
  CHECK((also > store && also < pets));
  CHECK(page.find("href=\"#op-replacePet\"", also) != std::string::npos);
  auto health = page.find("id=\"op-health\"");
  CHECK(health > untagged);
  // The sidebar lists every group and operation.
  auto nav_end = page.find("</nav>");
  CHECK(page.find("href=\"#tag-store\"") < nav_end);
  CHECK(page.find("href=\"#op-health\"") < nav_end);
  check_internal_links(page);
}

TEST_CASE("parameters: path-level ones join the operation's, with place, type, constraints and example",
          "[report][docs]") {
  std::string page = render(petstore);
  auto operation = page.find("id=\"op-getPet\"");
  auto end = page.find("</section>", operation);
  std::string get_pet = page.substr(operation, end - operation);
  CHECK(get_pet.find("<h4>Parameters</h4>") != std::string::npos);
  CHECK(get_pet.find("<code class=\"name\">petId</code> <span class=\"badge required\">required</span>") !=
        std::string::npos);
  CHECK(get_pet.find("<td>path</td>") != std::string::npos);
  CHECK(get_pet.find("<span class=\"type\">string</span><span class=\"format\">uuid</span>") != std::string::npos);
  CHECK(get_pet.find("The id of the pet.") != std::string::npos);
  CHECK(get_pet.find("example <code>7f3c</code>") != std::string::npos);
  CHECK(get_pet.find("<code class=\"name\">fields</code></td><td>query</td>") != std::string::npos);
  CHECK(get_pet.find("<span class=\"type\">array of</span> <span class=\"type\">string</span>") != std::string::npos);
  // replacePet inherits petId from the path item too.
  auto replace = page.find("id=\"op-replacePet\"");
  CHECK(page.find("<code class=\"name\">petId</code>", replace) < page.find("</section>", replace));
}

TEST_CASE("a $ref to a component schema links to its anchor in the Schemas section", "[report][docs]") {
  std::string page = render(petstore);
  CHECK(page.find("<section class=\"schema-entry\" id=\"schema-Pet\"") != std::string::npos);
  CHECK(page.find("<section class=\"schema-entry\" id=\"schema-Owner\"") != std::string::npos);
  CHECK(page.find("<a class=\"type-link\" href=\"#schema-Pet\">Pet</a>") != std::string::npos);
  CHECK(page.find("<code class=\"name\">owner</code> <a class=\"type-link\" href=\"#schema-Owner\">Owner</a>") !=
        std::string::npos);
  // A body that is a component shows that component's fields too.
  auto response = page.find("id=\"op-getPet\"");
  CHECK(page.find("<code class=\"name\">name</code> <span class=\"type\">string</span> <span class=\"badge "
                  "required\">required</span>",
                  response) < page.find("</section>", response));
  CHECK(page.find("<span class=\"badge\">read-only</span>") != std::string::npos);
  CHECK(page.find("max length <code>40</code>") != std::string::npos);
  CHECK(page.find("<span class=\"badge\">nullable</span>") != std::string::npos);
  check_internal_links(page);
}

TEST_CASE("recursive schemas end in a link, through components or not", "[report][docs]") {
  std::string page = render(R"(
openapi: 3.1.0
info: {title: Trees, version: '1'}
paths:
  /tree:
    get:
      responses:
        '200':
          description: A tree.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Node'}
  /list:
    get:
      responses:
        '200':
          description: A linked list, not a component.
          content:
            application/json:
              schema:
                type: object
                properties:
                  value: {type: integer}
                  next: {$ref: '#/paths/~1list/get/responses/200/content/application~1json/schema'}
components:
  schemas:
    Node:
      type: object
      properties:
        children:
          type: array
          items: {$ref: '#/components/schemas/Node'}
        parent: {$ref: '#/components/schemas/Node'}
)");
  CHECK(page.find("<code class=\"name\">children</code> <span class=\"type\">array of</span> <a class=\"type-link\" "
                  "href=\"#schema-Node\">Node</a>") != std::string::npos);
  CHECK(page.find("<code class=\"name\">parent</code> <a class=\"type-link\" href=\"#schema-Node\">Node</a>") !=
        std::string::npos);
  // The inline cycle is named after its $ref, listed among the schemas and linked with a mark.
  CHECK(page.find("<span class=\"kw\">(recursive)</span>") != std::string::npos);
  CHECK(page.find("id=\"schema-schema\"") != std::string::npos);
  CHECK(page.size() < 100'000);
  check_internal_links(page);
}

TEST_CASE("hostile $ref shapes stay bounded: allOf of itself, a long chain of inline parts", "[report][docs]") {
  std::string contract = R"(
openapi: 3.1.0
info: {title: Loops, version: '1'}
paths:
  /self:
    get:
      responses:
        '200':
          description: A one-part allOf of itself.
          content:
            application/json:
              schema:
                allOf:
                  - $ref: '#/paths/~1self/get/responses/200/content/application~1json/schema'
  /chain:
    get:
      responses:
        '200':
          description: Thousands of inline parts, each an allOf of the next.
          content:
            application/json:
              schema: {$ref: '#/x-chain/s0'}
x-chain:
)";
  for (int i = 0; i < 5000; ++i) {
    contract += "  s" + std::to_string(i) + ": {allOf: [{$ref: '#/x-chain/s" + std::to_string(i + 1) +
                "'}, {type: object, properties: {p" + std::to_string(i) + ": {type: string}}}]}\n";
  }
  contract += "  s5000: {type: string}\n";
  std::string page = render(contract);
  CHECK(page.find("id=\"op-get-self\"") != std::string::npos);
  CHECK(page.find("id=\"op-get-chain\"") != std::string::npos);
  CHECK(page.find("<code class=\"name\">p0</code>") != std::string::npos);
  CHECK(page.find("<code class=\"name\">p4999</code>") == std::string::npos);  // cut long before
  CHECK(page.size() < 2'000'000);
  check_internal_links(page);
}

TEST_CASE("allOf parts join one list; oneOf and anyOf list their variants", "[report][docs]") {
  std::string page = render(R"(
openapi: 3.0.3
info: {title: Shapes, version: '1'}
paths: {}
components:
  schemas:
    Base:
      type: object
      properties:
        id: {type: string}
    Dog:
      allOf:
        - $ref: '#/components/schemas/Base'
        - type: object
          properties:
            barks: {type: boolean}
    Pet:
      oneOf:
        - $ref: '#/components/schemas/Dog'
        - type: object
          title: Cat
          properties:
            meows: {type: boolean}
      discriminator: {propertyName: kind}
    Tagged:
      description: A 3.0 way to describe a $ref.
      allOf:
        - $ref: '#/components/schemas/Base'
)");
  auto dog = page.find("id=\"schema-Dog\"");
  auto pet = page.find("id=\"schema-Pet\"");
  std::string dog_entry = page.substr(dog, pet - dog);
  CHECK(dog_entry.find("<span class=\"kw\">all of</span> <a class=\"type-link\" href=\"#schema-Base\">Base</a>") !=
        std::string::npos);
  CHECK(dog_entry.find("<code class=\"name\">barks</code>") != std::string::npos);
  std::string pet_entry = page.substr(pet, page.find("</section>", pet) - pet);
  CHECK(pet_entry.find("<span class=\"kw\">one of (1/2)</span> <a class=\"type-link\" href=\"#schema-Dog\">Dog</a>") !=
        std::string::npos);
  CHECK(pet_entry.find("<span class=\"kw\">one of (2/2)</span> <span class=\"type\">object</span> <span "
                       "class=\"kw\">Cat</span>") != std::string::npos);
  CHECK(pet_entry.find("<code class=\"name\">meows</code>") != std::string::npos);
  CHECK(pet_entry.find("discriminator <code>kind</code>") != std::string::npos);
  // A one-part allOf is its part, with the wrapper's description.
  auto tagged = page.find("id=\"schema-Tagged\"");
  CHECK(page.find("<a class=\"type-link\" href=\"#schema-Base\">Base</a>", tagged) != std::string::npos);
  CHECK(page.find("A 3.0 way to describe a $ref.", tagged) != std::string::npos);
}

TEST_CASE("examples come from example, examples, or a sample generated from the schema", "[report][docs]") {
  std::string page = render(petstore);
  // `example` on the media type, pretty-printed JSON.
  CHECK(page.find("<summary>Example</summary><pre><code>{\n  &quot;id&quot;: &quot;7f3c&quot;,\n  &quot;name&quot;: "
                  "&quot;Rex&quot;\n}</code></pre>") != std::string::npos);
  // Each of `examples`, titled with its name and summary.
  CHECK(page.find("<summary>Example: dog — A dog</summary>") != std::string::npos);
  // None given: generated from the schema (the required `total`, at its minimum).
  auto order = page.find("id=\"op-placeOrder\"");
  auto generated = page.find("<summary>Example (generated from the schema)</summary>", order);
  REQUIRE(generated != std::string::npos);
  CHECK(page.find("&quot;total&quot;: 1", generated) < page.find("</section>", order));
}

TEST_CASE("hostile text from the contract is escaped, and links keep only safe URLs", "[report][docs]") {
  std::string page = render(R"(
openapi: 3.1.0
info:
  title: "</title><script>alert('title')</script>"
  version: "1\"><img src=x onerror=alert(1)>"
  description: |
    <script>alert("description")</script>
    [click](javascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD4=) and <a href="javascript:x">a</a>
    <img src="https://tracker.example/pixel.png"> <iframe src="https://evil.example/"></iframe>
    [fine](https://example.com/docs?a=1&b=2)
servers:
  - url: "https://api.example.com/\"><script>alert(2)</script>"
tags:
  - name: "<b onmouseover=alert(3)>tag</b>"
paths:
  "/x/{id}\"><script>alert(4)</script>":
    get:
      tags: ["<b onmouseover=alert(3)>tag</b>"]
      operationId: "op\"><script>alert(5)</script>"
      summary: "<style>body{display:none}</style>"
      parameters:
        - name: "</td><script>alert(6)</script>"
          in: query
          schema: {type: string, enum: ["</code><script>alert(7)</script>"], pattern: "<svg onload=alert(8)>"}
      responses:
        '200':
          description: "<link rel=stylesheet href=https://evil.example/x.css>"
          content:
            "text/html\"><script>alert(9)</script>":
              schema: {type: string}
              example: "<script>alert(10)</script>"
components:
  schemas:
    "<script>alert(11)</script>":
      type: object
      properties:
        "\"><script>alert(12)</script>": {type: string, description: "<script>alert(13)</script>"}
)");
  // Only the page's own script; no markup from the contract became an element.
  CHECK(count(page, "<script") == 1);
  CHECK(page.find("<script>alert") == std::string::npos);
  CHECK(page.find("<img") == std::string::npos);
  CHECK(page.find("<iframe") == std::string::npos);
  CHECK(page.find("<svg") == std::string::npos);
  CHECK(page.find("<style>body") == std::string::npos);
  CHECK(page.find("<link") == std::string::npos);
  CHECK(page.find("<b onmouseover") == std::string::npos);
  CHECK(page.find("&lt;script&gt;alert(&quot;description&quot;)&lt;/script&gt;") != std::string::npos);
  // Unsafe link targets lose the link, keep the text; a safe one stays a link.
  CHECK(page.find("javascript:") == std::string::npos);
  CHECK(page.find("href=\"data:") == std::string::npos);
  CHECK(page.find("<a href=\"https://example.com/docs?a=1&amp;b=2\" rel=\"nofollow noopener noreferrer\">fine</a>") !=
        std::string::npos);
  CHECK(page.find("click") != std::string::npos);
  check_internal_links(page);
}

TEST_CASE("the page loads nothing: no src, no stylesheet link, only hrefs written in the contract", "[report][docs]") {
  std::string page = render(R"(
openapi: 3.0.3
info:
  title: Links
  version: '1'
  description: See [the guide](https://guide.example.com/start) or <https://other.example.com/x>.
  contact: {url: 'https://contact.example.com', email: team@example.com}
  license: {name: MIT, url: 'https://license.example.com'}
servers: [{url: 'https://api.example.com'}]
paths:
  /a:
    get:
      externalDocs: {url: 'https://docs.example.com/a'}
      responses:
        '200': {description: OK}
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        clientCredentials: {tokenUrl: 'https://auth.example.com/token', scopes: {}}
)");
  CHECK(attribute_values(page, "src").empty());
  CHECK(page.find("<link") == std::string::npos);
  CHECK(page.find("@import") == std::string::npos);
  CHECK(page.find("url(") == std::string::npos);
  std::set<std::string> written = {"https://guide.example.com/start", "https://other.example.com/x",
                                   "https://contact.example.com",     "mailto:team@example.com",
                                   "https://license.example.com",     "https://docs.example.com/a"};
  for (const std::string& href : attribute_values(page, "href")) {
    INFO(href);
    CHECK((href.starts_with("#") || written.contains(href)));
  }
  // Every http(s) URL in the page is one the contract wrote.
  std::regex url("https?://[^\"<> )]*");
  std::string text = page;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), url); it != std::sregex_iterator(); ++it) {
    std::string found = it->str();
    INFO(found);
    CHECK((written.contains(found) || found == "https://api.example.com" || found == "https://auth.example.com/token"));
  }
  // Server and token URLs are shown, not linked.
  CHECK(page.find("<code>https://api.example.com</code>") != std::string::npos);
}

TEST_CASE("the title can be overridden and the live page says when it was rendered", "[report][docs]") {
  std::string page = render(
      petstore, {.title = "Pets <beta>",
                 .live_updated = std::chrono::sys_days{std::chrono::year{2026} / 3 / 1} + std::chrono::hours{12}});
  CHECK(page.find("<title>Pets &lt;beta&gt; 1.0.0 — API reference</title>") != std::string::npos);
  CHECK(page.find("<h1>Pets &lt;beta&gt;</h1>") != std::string::npos);
  CHECK(page.find("Served by <code>apictl dev</code>; rendered from the contract at 2026-03-01 12:00:00 UTC") !=
        std::string::npos);
  CHECK(render(petstore).find("class=\"live\"") == std::string::npos);
}

TEST_CASE("an unresolvable $ref is marked where it is used; Swagger 2.0 is an error", "[report][docs]") {
  std::string page = render(R"(
openapi: 3.0.3
info: {title: Broken, version: '1'}
paths:
  /a:
    get:
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Missing'}
)");
  CHECK(page.find("<span class=\"unresolved\">unresolved $ref <code>#/components/schemas/Missing</code></span>") !=
        std::string::npos);

  contract::Workspace workspace;
  auto document = contract::parse_document("swagger.yaml", "swagger: '2.0'\ninfo: {title: Old, version: '1'}\n");
  REQUIRE(document.has_value());
  workspace.adopt(std::move(*document), "swagger.yaml");
  auto result = report::render_api_reference(workspace);
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().code == "unsupported-version");
  CHECK(result.error().where.file == "swagger.yaml");
  CHECK(result.error().where.line == 1);
}
