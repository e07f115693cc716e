// The fastapi-lifespan rewriter: golden fixture projects, the lifespan it writes, and what it leaves as manual.
#include <catch2/catch.hpp>

#include <string>

#include "migrate/fastapi_lifespan_rewriter.hpp"
#include "rewrite_fixture.hpp"

using namespace apictl;
using namespace apictl::migrate;

namespace {

RewriteOutcome rewrite(const std::string& source) {
  RewriteOutcome outcome = rewrite_fastapi_lifespan(source);
  RewriteOutcome again = rewrite_fastapi_lifespan(outcome.text);
  INFO(outcome.text);
  CHECK(again.text == outcome.text);
  CHECK(again.edits == 0);
  return outcome;
}

}  // namespace

TEST_CASE("fastapi-lifespan rewrites the fixture projects to their golden output", "[migrate]") {
  test::check_rewrite_fixture("fastapi-lifespan", &rewrite_fastapi_lifespan);
}

TEST_CASE("the fastapi-lifespan fixture projects are real FastAPI 0.92 code", "[migrate]") {
  test::check_before_tree_imports("fastapi-lifespan");
}

TEST_CASE("fastapi-lifespan moves startup and shutdown handlers into one lifespan", "[migrate]") {
  RewriteOutcome outcome = rewrite(
      "from fastapi import FastAPI\n"
      "\n"
      "app = FastAPI()\n"
      "state = {}\n"
      "\n"
      "\n"
      "@app.on_event('shutdown')\n"
      "def flush():\n"
      "    state.clear()\n"
      "\n"
      "\n"
      "@app.on_event(\"startup\")\n"
      "async def load():\n"
      "    state['ready'] = True\n"
      "\n"
      "\n"
      "@app.on_event(\"startup\")\n"
      "async def announce():\n"
      "    print('up', state)\n");
  CHECK(outcome.text ==
        "from contextlib import asynccontextmanager\n"
        "\n"
        "from fastapi import FastAPI\n"
        "\n"
        "\n"
        "@asynccontextmanager\n"
        "async def lifespan(app):\n"
        "    state['ready'] = True\n"
        "    print('up', state)\n"
        "    yield\n"
        "    flush()\n"
        "\n"
        "\n"
        "app = FastAPI(lifespan=lifespan)\n"
        "state = {}\n"
        "\n"
        "\n"
        "def flush():\n"
        "    state.clear()\n");
  CHECK(outcome.manual.empty());
}

TEST_CASE("fastapi-lifespan calls the handlers whose bodies would change meaning inlined", "[migrate]") {
  // `client` is local to `connect` but global in `close`: one function would merge them. `check` returns early.
  RewriteOutcome outcome = rewrite(
      "import fastapi\n"
      "\n"
      "app = fastapi.FastAPI(title='x',)\n"
      "client = None\n"
      "\n"
      "@app.on_event('startup')\n"
      "async def connect():\n"
      "    client = 1\n"
      "    print(client)\n"
      "\n"
      "@app.on_event('startup')\n"
      "async def check():\n"
      "    if client is None:\n"
      "        return\n"
      "\n"
      "@app.on_event('shutdown')\n"
      "async def close():\n"
      "    print(client)\n");
  CHECK(outcome.text ==
        "from contextlib import asynccontextmanager\n"
        "\n"
        "import fastapi\n"
        "\n"
        "\n"
        "@asynccontextmanager\n"
        "async def lifespan(app):\n"
        "    await connect()\n"
        "    await check()\n"
        "    yield\n"
        "    await close()\n"
        "\n"
        "\n"
        "app = fastapi.FastAPI(title='x', lifespan=lifespan)\n"
        "client = None\n"
        "\n"
        "async def connect():\n"
        "    client = 1\n"
        "    print(client)\n"
        "\n"
        "async def check():\n"
        "    if client is None:\n"
        "        return\n"
        "\n"
        "async def close():\n"
        "    print(client)\n");
}

TEST_CASE("fastapi-lifespan keeps a CRLF file's line endings", "[migrate]") {
  auto crlf = [](std::string text) {
    std::string out;
    for (char c : text) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
    return out;
  };
  RewriteOutcome outcome =
      rewrite(crlf("import os\n"
                   "from fastapi import FastAPI\n"
                   "\n"
                   "app = FastAPI(\n"
                   "    title='x'\n"
                   ")\n"
                   "\n"
                   "\n"
                   "@app.on_event('startup')\n"
                   "async def start():\n"
                   "    # say it\n"
                   "    print(os.getpid())\n"));
  CHECK(outcome.text == crlf("import os\n"
                             "from contextlib import asynccontextmanager\n"
                             "from fastapi import FastAPI\n"
                             "\n"
                             "\n"
                             "@asynccontextmanager\n"
                             "async def lifespan(app):\n"
                             "    # say it\n"
                             "    print(os.getpid())\n"
                             "    yield\n"
                             "\n"
                             "\n"
                             "app = FastAPI(\n"
                             "    title='x',\n"
                             "    lifespan=lifespan\n"
                             ")\n"));
}

TEST_CASE("fastapi-lifespan leaves every handler when one cannot move", "[migrate]") {
  SECTION("the app lives in another file") {
    const std::string source =
        "from .main import app\n"
        "import fastapi\n"
        "\n"
        "@app.on_event('startup')\n"
        "async def go():\n"
        "    pass\n";
    RewriteOutcome outcome = rewrite(source);
    CHECK(outcome.text == source);
    REQUIRE(outcome.manual.size() == 1);
    CHECK(outcome.manual[0].line == 4);
    CHECK(outcome.manual[0].column == 2);
    CHECK(outcome.manual[0].text ==
          "`@app.on_event('startup')` on `go` was left as it is: the FastAPI app is not created in this file (pass "
          "lifespan= where it is); move it into a lifespan context manager by hand");
  }
  SECTION("a router's handler next to the app's") {
    const std::string source =
        "from fastapi import APIRouter, FastAPI\n"
        "\n"
        "app = FastAPI()\n"
        "router = APIRouter()\n"
        "\n"
        "@app.on_event('startup')\n"
        "async def a():\n"
        "    pass\n"
        "\n"
        "@router.on_event('startup')\n"
        "async def b():\n"
        "    pass\n";
    RewriteOutcome outcome = rewrite(source);
    CHECK(outcome.text == source);
    REQUIRE(outcome.manual.size() == 2);
    CHECK(outcome.manual[0].text.find("another handler of this file cannot move") != std::string::npos);
    CHECK(outcome.manual[1].text.find("it is registered on `router`, not on the app `app`") != std::string::npos);
  }
}

TEST_CASE("fastapi-lifespan renames regex= of parameter declarations only", "[migrate]") {
  RewriteOutcome outcome = rewrite(
      "from fastapi import Header, Query\n"
      "import re\n"
      "\n"
      "def f(q: str = Query(None, regex='^a'), h: str = Header(..., regex=r'\\d')):\n"
      "    return re.match(q, 'regex=1'), dict(regex=1)\n");
  CHECK(outcome.text ==
        "from fastapi import Header, Query\n"
        "import re\n"
        "\n"
        "def f(q: str = Query(None, pattern='^a'), h: str = Header(..., pattern=r'\\d')):\n"
        "    return re.match(q, 'regex=1'), dict(regex=1)\n");
  CHECK(outcome.edits == 2);
  const std::string no_fastapi = "def f(q=Query(None, regex='x')):\n    pass\n";
  CHECK(rewrite(no_fastapi).text == no_fastapi);
}
