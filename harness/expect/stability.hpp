// Whether a case observed the same things every time it ran: each step's outcome and signal,
// and the RST counts and counters the fixture asserts. A case whose observations change
// between runs depends on timing the fixture does not control, and would flake. Pure.
#pragma once

#include <string>
#include <vector>

#include "harness/expect/matcher.hpp"

namespace rstlab::expect {

struct observed_item {
  fixture::source_pos pos;
  std::optional<std::size_t> step;
  std::string label;  // "step 9 (client read)", "RST segments from the server host"
  std::string value;  // "ECONNRESET (errno 104)", "3"
};

// What one run observed, in a fixed order for the scenario.
std::vector<observed_item> observe(const fixture::scenario& sc, const run_record& run);

// One mismatch per item whose value differed between `runs` (all of `sc`), with each value
// and how many runs saw it: "step 9 (client read): changed between runs: 3 (49 runs), 4 (1 run)".
std::vector<mismatch> instability(const fixture::scenario& sc, const std::vector<run_record>& runs);

}  // namespace rstlab::expect
