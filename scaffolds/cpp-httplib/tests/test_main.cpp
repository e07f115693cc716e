// Catch2's main(), alone in its file: the single header is slow to compile, and only this file pays for it.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
