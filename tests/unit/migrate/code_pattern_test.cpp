// Token patterns of `rewrite` steps, import detection, and the registry of built-in rewriters.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "migrate/code_rewrite.hpp"

using namespace apictl;
using namespace apictl::migrate;

namespace {

RewriteOutcome apply(Language language, const std::string& source, std::vector<CodePattern> patterns) {
  auto outcome = apply_patterns(language, source, patterns);
  REQUIRE(outcome.has_value());
  return *outcome;
}

std::string python(const std::string& source, const std::string& pattern, const std::string& replacement) {
  return apply(Language::python, source, {{pattern, replacement}}).text;
}

}  // namespace

TEST_CASE("a $capture matches one operand with its trailers", "[migrate]") {
  CHECK(python("x = a.b(c).d[0].dict()\n", "$x.dict()", "$x.model_dump()") == "x = a.b(c).d[0].model_dump()\n");
  CHECK(python("y = (a or b).dict()\n", "$x.dict()", "$x.model_dump()") == "y = (a or b).model_dump()\n");
  CHECK(python("y = items[i + 1].dict(exclude={1})\n", "$x.dict(exclude=$e)", "$x.model_dump(exclude=$e)") ==
        "y = items[i + 1].model_dump(exclude={1})\n");
  CHECK(python("print(Item.parse_obj(d).dict())", "$m.parse_obj($d)", "$m.model_validate($d)") ==
        "print(Item.model_validate(d).dict())");
  // Whitespace and line breaks inside a match do not matter; the captured text is re-emitted as written.
  CHECK(python("r = f( a ,\n  b ).dict( )\n", "$x.dict()", "$x.model_dump()") == "r = f( a ,\n  b ).model_dump()\n");
  // Non-overlapping, left to right, every match in the file.
  CHECK(python("a.dict(); b.dict()\nc.dict()", "$x.dict()", "$x.model_dump()") ==
        "a.model_dump(); b.model_dump()\nc.model_dump()");
  // A name captured twice must be the same operand both times.
  CHECK(python("if a.b == a.b and a == b: pass", "$x == $x", "True") == "if True and a == b: pass");
}

TEST_CASE("patterns never match in strings, comments, or parts of other names", "[migrate]") {
  const std::string source =
      "s = 'a.dict()'  # b.dict()\n"
      "t = f\"{c.dict()}\"\n"
      "u = d.dict_items() + dict() + e.dictionary()\n"
      "v = \"\"\"\nx.dict()\n\"\"\"\n";
  RewriteOutcome outcome = apply(Language::python, source, {{"$x.dict()", "$x.model_dump()"}});
  CHECK(outcome.text == source);
  CHECK(outcome.edits == 0);
  // A pattern starting with a name does not match after a dot: `dict(...)` is not `obj.dict(...)`.
  CHECK(python("a = dict(x) + obj.dict(y)", "dict($v)", "to_dict($v)") == "a = to_dict(x) + obj.dict(y)");
  // Nor does a capture start inside a dotted operand: `$x.dict()` takes all of `a.b`.
  RewriteOutcome dotted = apply(Language::python, "a.b.dict()", {{"$x.dict()", "[$x]"}});
  CHECK(dotted.text == "[a.b]");
  CHECK(dotted.edits == 1);
}

TEST_CASE("patterns apply in order, and keep every other byte", "[migrate]") {
  const std::string source = "\tx = a.dict()\r\n# a.dict()\r\ny = a.json()  \r\n";
  RewriteOutcome outcome =
      apply(Language::python, source,
            {{"$x.dict()", "$x.model_dump()"}, {"$x.json()", "$x.model_dump_json()"}, {"$x.model_dump()", "dump($x)"}});
  CHECK(outcome.text == "\tx = dump(a)\r\n# a.dict()\r\ny = a.model_dump_json()  \r\n");
  CHECK(outcome.edits == 3);
}

TEST_CASE("C++ patterns", "[migrate]") {
  RewriteOutcome outcome = apply(Language::cpp,
                                 "if (v.size() == 0) return; // v.size() == 0\n"
                                 "auto s = R\"(v.size() == 0)\";\n"
                                 "while (ns::items(a)->size() == 0) {}\n",
                                 {{"$x.size() == 0", "$x.empty()"}, {"$p->size() == 0", "$p->empty()"}});
  CHECK(outcome.text ==
        "if (v.empty()) return; // v.size() == 0\n"
        "auto s = R\"(v.size() == 0)\";\n"
        "while (ns::items(a)->empty()) {}\n");
  CHECK(outcome.edits == 2);
}

TEST_CASE("invalid patterns are errors; a source that does not tokenize is a manual item", "[migrate]") {
  auto unterminated = apply_patterns(Language::python, "x", std::vector<CodePattern>{{"$x.get('a)", "$x"}});
  REQUIRE_FALSE(unterminated.has_value());
  CHECK(unterminated.error().code == "invalid-pattern");
  CHECK(unterminated.error().message.find("does not tokenize as Python") != std::string::npos);

  auto unknown = apply_patterns(Language::python, "x", std::vector<CodePattern>{{"$x.dict()", "$y.model_dump()"}});
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().message == "rewrite replacement `$y.model_dump()` uses $y, which the pattern does not capture");

  auto empty = apply_patterns(Language::cpp, "x", std::vector<CodePattern>{{"  // nothing", ""}});
  REQUIRE_FALSE(empty.has_value());
  CHECK(empty.error().message == "rewrite pattern `  // nothing`: is empty");

  RewriteOutcome broken = apply(Language::python, "a.dict()\nb = 'open\n", {{"$x.dict()", "$x.model_dump()"}});
  CHECK(broken.text == "a.dict()\nb = 'open\n");
  REQUIRE(broken.manual.size() == 1);
  CHECK(broken.manual[0].line == 2);
  CHECK(broken.manual[0].column == 5);
}

TEST_CASE("imports_module finds imports of a module and its submodules", "[migrate]") {
  auto imports = [](const std::string& source) { return imports_module(Language::python, source, "pydantic"); };
  CHECK(imports("import pydantic\n"));
  CHECK(imports("import os, pydantic.v1 as p\n"));
  CHECK(imports("from pydantic import BaseModel\n"));
  CHECK(imports("from pydantic.fields import (\n    Field,\n)\n"));
  CHECK(imports("try:\n    from pydantic import BaseModel\nexcept ImportError:\n    pass\n"));
  CHECK(imports("if TYPE_CHECKING: import pydantic\n"));
  CHECK_FALSE(imports("import pydantic_settings\n"));
  CHECK_FALSE(imports("from .pydantic import x\n"));
  CHECK_FALSE(imports("# import pydantic\ns = 'from pydantic import BaseModel'\n"));
  CHECK_FALSE(imports("x = pydantic.BaseModel\n"));
  CHECK_FALSE(imports("def f():\n    yield from pydantic\n"));
  CHECK_FALSE(imports(""));

  auto includes = [](const std::string& source, const char* module) {
    return imports_module(Language::cpp, source, module);
  };
  CHECK(includes("#include <fmt/format.h>\n", "fmt"));
  CHECK(includes("  #  include \"nlohmann/json.hpp\"\n", "nlohmann"));
  CHECK(includes("#include <toml.hpp>\n", "toml"));
  CHECK_FALSE(includes("#include <fmtlib/x.h>\n", "fmt"));
  CHECK_FALSE(includes("// #include <fmt/core.h>\nconst char* s = \"#include <fmt/core.h>\";\n", "fmt"));
}

TEST_CASE("the built-in rewriters are found by name", "[migrate]") {
  CHECK(builtin_rewriter_names() == std::vector<std::string_view>{"pydantic-v2", "fastapi-lifespan"});
  for (std::string_view name : builtin_rewriter_names()) CHECK(find_builtin_rewriter(name) != nullptr);
  CHECK(find_builtin_rewriter("pydantic-2") == nullptr);
  CHECK(find_builtin_rewriter("") == nullptr);
}
