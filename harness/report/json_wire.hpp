// The wire and the kernel's side of a case in the JSON report: the trace, segment by segment,
// and each host's counters and settings. Pure.
#pragma once

#include <string>

#include "harness/expect/matcher.hpp"

namespace rstlab::report {

// [{"at_us":..,"sender":"client",...}, ...]: every entry of the trace, in order.
std::string json_trace(const expect::case_result& r);

// {"client":{...},"server":{...}}: the counters that moved, and those the fixture asserts
// even when they did not.
std::string json_counters(const expect::case_result& r);

// {"client":{...},"server":{...}}: each host's TCP settings, when the run read them.
std::string json_settings(const expect::case_result& r);

}  // namespace rstlab::report
