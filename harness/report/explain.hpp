// `rstlab explain`: a case told in full: what the fixture says, every step expected and
// actual with its time, the wire ladder, the counters that moved, each host's TCP settings.
#pragma once

#include <ostream>

#include "harness/expect/matcher.hpp"

namespace rstlab::report {

void print_explanation(const expect::case_result& r, std::ostream& out);

}  // namespace rstlab::report
