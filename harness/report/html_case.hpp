// One case in the HTML report: its row of the summary table, and its section (verdict, what
// did not hold, its steps expected against actual beside the wire's sequence diagram, the
// counters that moved). Every text is escaped (escape.hpp). Pure.
#pragma once

#include <cstddef>
#include <string>

#include "harness/expect/matcher.hpp"
#include "harness/report/placement.hpp"

namespace rstlab::report {

// `n`: the case's number in the report, which names its section (#case-N).
std::string html_row(const expect::case_result& r, const place& where, std::size_t n);
std::string html_case(const expect::case_result& r, const place& where, std::size_t n);

// "pass", "fail", "error", "skip", "flaky": the verdict as a class name.
const char* verdict_class(expect::verdict v);

}  // namespace rstlab::report
