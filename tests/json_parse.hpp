// A strict JSON parser for the tests that read rstlab's JSON report: Boost.JSON (part of the
// Boost headers rstlab builds with), compiled once in json_parse.cpp. Invalid UTF-8, a raw
// control character or a trailing comma is an error, as for any conforming reader.
#pragma once

#include <boost/json/value.hpp>
#include <string>

namespace rstlab::test {

// Throws std::runtime_error saying what is wrong and where.
boost::json::value parse_json(const std::string& text);

}  // namespace rstlab::test
