// The steps of a case and what did not hold, in the JSON report. Pure.
#pragma once

#include <string>

#include "harness/expect/matcher.hpp"
#include "harness/report/placement.hpp"

namespace rstlab::report {

// [{"step":1,"line":..,"expected":{..},"actual":{..},...}, ...]: every step of the fixture, in
// file order, with what it did when it ran.
std::string json_steps(const expect::case_result& r);

// [{"file":..,"line":..,"message":..}, ...]: every mismatch, in the matcher's order.
std::string json_mismatches(const expect::case_result& r, const place& where);

// {"client": null, "server": {"command": ..., "pid": ..., "starts": ..., "end": outcome or
// null (still running at the case's end), "stdout": ..., "stderr": ..., "stdout_dropped": ...,
// "stderr_dropped": ...}}
std::string json_programs(const expect::case_result& r);

}  // namespace rstlab::report
