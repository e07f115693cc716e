// The pydantic-v2 rewriter: golden fixture project, each rule on small inputs, and what it must never touch.
// Its speed is measured by bench/migrate_bench.sh.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "migrate/code_rewrite.hpp"
#include "migrate/pydantic_v2_rewriter.hpp"
#include "rewrite_fixture.hpp"

using namespace apictl;
using namespace apictl::migrate;

namespace {

std::string manual_lines(const RewriteOutcome& outcome) {
  std::string out;
  for (const ManualItem& item : outcome.manual)
    out += std::to_string(item.line) + ":" + std::to_string(item.column) + ": " + item.text + "\n";
  return out;
}

// Rewrites and checks that a second run changes nothing.
RewriteOutcome rewrite(const std::string& source) {
  RewriteOutcome outcome = rewrite_pydantic_v2(source);
  RewriteOutcome again = rewrite_pydantic_v2(outcome.text);
  INFO(outcome.text);
  CHECK(again.text == outcome.text);
  CHECK(again.edits == 0);
  return outcome;
}

}  // namespace

TEST_CASE("pydantic-v2 rewrites the fixture project to its golden output", "[migrate]") {
  test::check_rewrite_fixture("pydantic-v2", &rewrite_pydantic_v2);
}

TEST_CASE("the pydantic-v2 fixture project is real Pydantic 1.10 code", "[migrate]") {
  test::check_before_tree_imports("pydantic-v2");
}

TEST_CASE("pydantic-v2 never rewrites strings, comments or unrelated names", "[migrate]") {
  const std::string source =
      "from pydantic import BaseModel\n"
      "\n"
      "\n"
      "class Item(BaseModel):\n"
      "    name: str\n"
      "\n"
      "\n"
      "def show(item: Item, my) -> str:\n"
      "    # item.dict() and class Config: in a comment\n"
      "    text = \"item.dict() and Item.parse_obj(x)\"\n"
      "    doc = '''\n"
      "    class Config:\n"
      "        orm_mode = True\n"
      "    '''\n"
      "    f = f\"{item.name} {'.dict()'}\"\n"
      "    pairs = item.dict_items if hasattr(item, 'dict_items') else dict(item)\n"
      "    mydict = dict()\n"
      "    mydict.copy()\n"
      "    callback = my.dict\n"
      "    return my.dict()\n";
  RewriteOutcome outcome = rewrite(source);
  CHECK(outcome.text == source);
  CHECK(outcome.edits == 0);
  CHECK(manual_lines(outcome) ==
        "20:12: `my.dict()`: cannot tell whether `my` is a Pydantic model; if it is, use .model_dump()\n");
}

TEST_CASE("pydantic-v2 renames methods only on receivers known to be models", "[migrate]") {
  const std::string source =
      "from typing import List, Optional\n"
      "\n"
      "import httpx\n"
      "from pydantic import BaseModel\n"
      "\n"
      "\n"
      "class Item(BaseModel):\n"
      "    name: str\n"
      "\n"
      "    def payload(self):\n"
      "        return self.json()\n"
      "\n"
      "\n"
      "def make() -> Item:\n"
      "    return Item(name='x')\n"
      "\n"
      "\n"
      "def use(a: Item, b: Optional[Item], items: List[Item], data: dict, unknown):\n"
      "    c = Item.parse_obj({'name': 'c'})\n"
      "    d = make()\n"
      "    e = c if a else d\n"
      "    response = httpx.get('http://127.0.0.1/')\n"
      "    for item in items:\n"
      "        item.dict()\n"
      "    return [a.dict(), b.copy(), c.json(), d.dict(), data.copy(), response.json(), items[0].dict(),\n"
      "            e.dict(), unknown.json()]\n";
  RewriteOutcome outcome = rewrite(source);
  CHECK(outcome.text ==
        "from typing import List, Optional\n"
        "\n"
        "import httpx\n"
        "from pydantic import BaseModel\n"
        "\n"
        "\n"
        "class Item(BaseModel):\n"
        "    name: str\n"
        "\n"
        "    def payload(self):\n"
        "        return self.model_dump_json()\n"
        "\n"
        "\n"
        "def make() -> Item:\n"
        "    return Item(name='x')\n"
        "\n"
        "\n"
        "def use(a: Item, b: Optional[Item], items: List[Item], data: dict, unknown):\n"
        "    c = Item.model_validate({'name': 'c'})\n"
        "    d = make()\n"
        "    e = c if a else d\n"
        "    response = httpx.get('http://127.0.0.1/')\n"
        "    for item in items:\n"
        "        item.model_dump()\n"
        "    return [a.model_dump(), b.model_copy(), c.model_dump_json(), d.model_dump(), data.copy(), "
        "response.json(), items[0].model_dump(),\n"
        "            e.dict(), unknown.json()]\n");
  CHECK(manual_lines(outcome) ==
        "26:13: `e.dict()`: cannot tell whether `e` is a Pydantic model; if it is, use .model_dump()\n"
        "26:23: `unknown.json()`: cannot tell whether `unknown` is a Pydantic model; if it is, use "
        ".model_dump_json() (an HTTP response's .json() stays)\n");
}

TEST_CASE("pydantic-v2 renames classmethods and attributes of model classes", "[migrate]") {
  RewriteOutcome outcome = rewrite(
      "from typing import List\n"
      "\n"
      "from pydantic import BaseModel, parse_obj_as\n"
      "\n"
      "\n"
      "class A(BaseModel):\n"
      "    x: int\n"
      "\n"
      "\n"
      "def f(rows, raw):\n"
      "    a = A.from_orm(rows[0],)\n"
      "    b = A.parse_file('a.json')\n"
      "    c = A.schema_json()\n"
      "    d = parse_obj_as(List[A], rows)\n"
      "    A.update_forward_refs(B=int)\n"
      "    return A.construct(x=1), A.schema(by_alias=False), A.__fields__['x'], a.__fields_set__\n");
  CHECK(outcome.text ==
        "from typing import List\n"
        "\n"
        "from pydantic import BaseModel, TypeAdapter\n"
        "\n"
        "\n"
        "class A(BaseModel):\n"
        "    x: int\n"
        "\n"
        "\n"
        "def f(rows, raw):\n"
        "    a = A.model_validate(rows[0], from_attributes=True,)\n"
        "    b = A.parse_file('a.json')\n"
        "    c = A.schema_json()\n"
        "    d = TypeAdapter(List[A]).validate_python(rows)\n"
        "    A.update_forward_refs(B=int)\n"
        "    return A.model_construct(x=1), A.model_json_schema(by_alias=False), A.model_fields['x'], "
        "a.model_fields_set\n");
  CHECK(manual_lines(outcome) ==
        "12:9: `A.parse_file()`: parse_file() is deprecated in v2: use "
        "A.model_validate_json(pathlib.Path(path).read_text())\n"
        "13:9: `A.schema_json()`: schema_json() is deprecated in v2: use json.dumps(A.model_json_schema())\n"
        "15:5: `A.update_forward_refs()` was left as it is: pass the names with "
        "model_rebuild(_types_namespace={...})\n"
        "16:56: `A.__fields__` is now model_fields: its values are FieldInfo (annotation, default, is_required()), "
        "not ModelField; check the uses of each field\n");
}

TEST_CASE("pydantic-v2 does not trust a name bound to a model and to something else", "[migrate]") {
  const std::string source =
      "from pydantic import BaseModel\n"
      "\n"
      "class Item(BaseModel):\n"
      "    name: str\n"
      "\n"
      "def f(raw):\n"
      "    item = Item(name=raw)\n"
      "    if raw == 'x':\n"
      "        item = {'name': raw}\n"
      "    return item.copy()\n";
  RewriteOutcome outcome = rewrite(source);
  CHECK(outcome.text == source);
  REQUIRE(outcome.manual.size() == 1);
  CHECK(outcome.manual[0].line == 10);
}

TEST_CASE("pydantic-v2 converts Config classes, or leaves them with a manual item", "[migrate]") {
  SECTION("known keys, one line when it fits") {
    RewriteOutcome outcome = rewrite(
        "from pydantic import BaseModel, Extra\n"
        "\n"
        "class A(BaseModel):\n"
        "    class Config:\n"
        "        validate_all = True\n"
        "        extra = Extra.allow\n"
        "        max_anystr_length = 10\n");
    CHECK(outcome.text ==
          "from pydantic import BaseModel, ConfigDict\n"
          "\n"
          "class A(BaseModel):\n"
          "    model_config = ConfigDict(validate_default=True, extra=\"allow\", str_max_length=10)\n");
    CHECK(outcome.manual.empty());
  }
  SECTION("comments are kept, one setting a line") {
    RewriteOutcome outcome = rewrite(
        "from pydantic import BaseModel\n"
        "\n"
        "class A(BaseModel):\n"
        "    class Config:\n"
        "        # reads ORM objects\n"
        "        orm_mode = True  # see services\n"
        "        allow_mutation = True\n");
    CHECK(outcome.text ==
          "from pydantic import BaseModel, ConfigDict\n"
          "\n"
          "class A(BaseModel):\n"
          "    model_config = ConfigDict(\n"
          "        # reads ORM objects\n"
          "        from_attributes=True,  # see services\n"
          "        frozen=False,\n"
          "    )\n");
  }
  SECTION("an unknown key leaves the whole Config") {
    const std::string source =
        "from pydantic import BaseModel\n"
        "\n"
        "class A(BaseModel):\n"
        "    class Config:\n"
        "        orm_mode = True\n"
        "        my_own_setting = 3\n";
    RewriteOutcome outcome = rewrite(source);
    CHECK(outcome.text == source);
    CHECK(manual_lines(outcome) ==
          "4:5: `class Config` of `A` was left as it is: `my_own_setting` is not a Pydantic v1 setting this "
          "rewrite knows; convert it to model_config = ConfigDict(...) by hand\n");
  }
  SECTION("a class that may or may not be a model") {
    const std::string source =
        "from pydantic import BaseModel\n"
        "from .base import Base\n"
        "\n"
        "class A(Base):\n"
        "    class Config:\n"
        "        orm_mode = True\n";
    RewriteOutcome outcome = rewrite(source);
    CHECK(outcome.text == source);
    REQUIRE(outcome.manual.size() == 1);
    CHECK(outcome.manual[0].line == 5);
  }
}

TEST_CASE("pydantic-v2 converts validators", "[migrate]") {
  RewriteOutcome outcome = rewrite(
      "from pydantic import BaseModel, root_validator, validator\n"
      "\n"
      "class A(BaseModel):\n"
      "    low: int\n"
      "    high: int\n"
      "\n"
      "    @validator('high', pre=True, allow_reuse=True)\n"
      "    def high_after_low(cls, v, values):\n"
      "        if 'low' in values and v < values['low']:\n"
      "            raise ValueError('high < low')\n"
      "        return v\n"
      "\n"
      "    @root_validator(skip_on_failure=True)\n"
      "    def check(cls, values: dict) -> dict:\n"
      "        assert values.get('low') is not None\n"
      "        return values\n");
  CHECK(outcome.text ==
        "from pydantic import BaseModel, field_validator, model_validator\n"
        "\n"
        "class A(BaseModel):\n"
        "    low: int\n"
        "    high: int\n"
        "\n"
        "    @field_validator('high', mode=\"before\")\n"
        "    @classmethod\n"
        "    def high_after_low(cls, v, info):\n"
        "        if 'low' in info.data and v < info.data['low']:\n"
        "            raise ValueError('high < low')\n"
        "        return v\n"
        "\n"
        "    @model_validator(mode=\"after\")\n"
        "    def check(self):\n"
        "        assert self.low is not None\n"
        "        return self\n");
  CHECK(outcome.manual.empty());
}

TEST_CASE("pydantic-v2 keeps a CRLF file's line endings", "[migrate]") {
  auto crlf = [](std::string text) {
    std::string out;
    for (char c : text) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
    return out;
  };
  RewriteOutcome outcome =
      rewrite(crlf("from pydantic import BaseModel, validator\n"
                   "\n"
                   "class A(BaseModel):\n"
                   "    x: int\n"
                   "\n"
                   "    class Config:\n"
                   "        orm_mode = True  # rows\n"
                   "\n"
                   "    @validator('x')\n"
                   "    def positive(cls, v):\n"
                   "        return v\n"));
  CHECK(outcome.text == crlf("from pydantic import BaseModel, ConfigDict, field_validator\n"
                             "\n"
                             "class A(BaseModel):\n"
                             "    x: int\n"
                             "\n"
                             "    model_config = ConfigDict(\n"
                             "        from_attributes=True,  # rows\n"
                             "    )\n"
                             "\n"
                             "    @field_validator('x')\n"
                             "    @classmethod\n"
                             "    def positive(cls, v):\n"
                             "        return v\n"));
}

TEST_CASE("pydantic-v2 moves BaseSettings and renames Field arguments", "[migrate]") {
  RewriteOutcome outcome = rewrite(
      "from pydantic import BaseSettings\n"
      "from pydantic.fields import Field\n"
      "\n"
      "class S(BaseSettings):\n"
      "    tags: list = Field([], min_items=1, max_items=3, unique_items=True)\n"
      "    code: str = Field('x', regex='^[a-z]$', allow_mutation=False)\n");
  CHECK(outcome.text ==
        "from pydantic_settings import BaseSettings\n"
        "from pydantic.fields import Field\n"
        "\n"
        "class S(BaseSettings):\n"
        "    tags: list = Field([], min_length=1, max_length=3, unique_items=True)\n"
        "    code: str = Field('x', pattern='^[a-z]$', frozen=True)\n");
  CHECK(manual_lines(outcome) ==
        "5:54: `Field(unique_items=...)` was removed in Pydantic v2: use a set type instead\n");
}

TEST_CASE("pydantic-v2 leaves files alone that do not use Pydantic v1", "[migrate]") {
  SECTION("no pydantic import") {
    const std::string source = "def f(item):\n    return item.dict()\n";
    RewriteOutcome outcome = rewrite(source);
    CHECK(outcome.text == source);
    CHECK(outcome.manual.empty());
  }
  SECTION("code kept on the pydantic.v1 compatibility layer") {
    const std::string source =
        "from pydantic.v1 import BaseModel, validator\n"
        "\n"
        "class A(BaseModel):\n"
        "    x: int\n"
        "\n"
        "    class Config:\n"
        "        orm_mode = True\n"
        "\n"
        "    @validator('x')\n"
        "    def check(cls, v):\n"
        "        return v\n"
        "\n"
        "def f(a: A):\n"
        "    return a.dict()\n";
    RewriteOutcome outcome = rewrite(source);
    CHECK(outcome.text == source);
    CHECK(outcome.manual.empty());
  }
  SECTION("a file that does not tokenize") {
    const std::string source = "from pydantic import BaseModel\nx = 'unterminated\n";
    RewriteOutcome outcome = rewrite(source);
    CHECK(outcome.text == source);
    CHECK(manual_lines(outcome) ==
          "2:5: the file does not tokenize as Python (this string is not closed on its line); migrate it to "
          "Pydantic v2 by hand\n");
  }
}

TEST_CASE("a call nested in a rewritten call's arguments is rewritten by the same apply", "[migrate]") {
  const std::string source =
      "from typing import List\n"
      "from pydantic import BaseModel, parse_obj_as\n"
      "\n"
      "class Item(BaseModel):\n"
      "    id: int\n"
      "\n"
      "def load(data):\n"
      "    return parse_obj_as(List[Item], parse_obj_as(list, data))\n";
  // One round leaves the inner call: its edit would overlap the outer one's.
  RewriteOutcome one_round = rewrite_pydantic_v2(source);
  CHECK(one_round.text.find("parse_obj_as(") != std::string::npos);
  // The apply path (find_builtin_rewriter) rounds until nothing changes.
  Rewriter settled = find_builtin_rewriter("pydantic-v2");
  RewriteOutcome outcome = settled(source);
  INFO(outcome.text);
  CHECK(outcome.text.find("parse_obj_as") == std::string::npos);
  CHECK(outcome.text.find("TypeAdapter(List[Item]).validate_python(TypeAdapter(list).validate_python(data))") !=
        std::string::npos);
  CHECK(outcome.text.find("from pydantic import BaseModel, TypeAdapter\n") != std::string::npos);
  RewriteOutcome again = settled(outcome.text);
  CHECK(again.text == outcome.text);
  CHECK(again.edits == 0);
}
