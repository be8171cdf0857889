// Runs scenarios one after another and tells the listeners what happened. A machine where no
// sandbox can be built reports every case skipped with the reason, never passed.
#pragma once

#include <ostream>
#include <vector>

#include "harness/engine/engine.hpp"
#include "harness/expect/matcher.hpp"
#include "harness/report/listener.hpp"

namespace rstlab::cli {

struct runner_options {
  engine::options engine;
};

report::summary run_all(const std::vector<fixture::scenario>& scenarios, const runner_options& o,
                        const std::vector<report::listener*>& listeners);

// Runs one scenario and judges it; a harness error becomes a failure with the reason.
expect::case_result run_one(const fixture::scenario& sc, const runner_options& o);

// `rstlab explain`: the scenario, every step expected and actual, counters, the ladder.
void print_explanation(const expect::case_result& r, std::ostream& out);

}  // namespace rstlab::cli
