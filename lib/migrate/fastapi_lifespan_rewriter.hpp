// The built-in "fastapi-lifespan" rewriter: startup/shutdown event handlers to a lifespan context manager.
#pragma once

#include <string_view>

#include "migrate/code_rewrite.hpp"

namespace apictl::migrate {

// Rewrites one Python file: the `@app.on_event("startup")` / `("shutdown")` handlers of the one FastAPI app the
// file creates become a single `@asynccontextmanager async def lifespan(app)` placed before the app (async
// handler bodies inlined where that keeps their meaning, other handlers called from it), the app gets
// `lifespan=lifespan`, and `Query/Path/...(regex=)` becomes `pattern=`. When any handler cannot move safely
// (another app or router, an event name in a variable, several apps) none moves, each gets a manual item.
// A file that does not import fastapi comes back unchanged; a rewritten file rewrites to itself.
RewriteOutcome rewrite_fastapi_lifespan(std::string_view source);

}  // namespace apictl::migrate
