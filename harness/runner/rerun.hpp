// --rerun-failures: a failed case run again. If a rerun passes, the case is FLAKY and keeps the
// failed run's details (what a person needs to chase it); if none does, it stays FAIL and its
// note says how many reruns failed too. Only FAIL is rerun: an ERROR is the harness's, and a
// rerun could only hide it.
#pragma once

#include <functional>
#include <string>

#include "harness/expect/matcher.hpp"

namespace rstlab::runner {

inline void rerun_failed(expect::case_result& r, unsigned times,
                         const std::function<expect::verdict()>& again) {
  if (r.outcome != expect::verdict::fail || times == 0) return;
  auto add = [&r](const std::string& text) { r.note += (r.note.empty() ? "" : "; ") + text; };
  for (unsigned k = 1; k <= times; ++k) {
    if (again() != expect::verdict::pass) continue;
    r.outcome = expect::verdict::flaky;
    return add("failed, then passed on rerun " + std::to_string(k) + " of " + std::to_string(times));
  }
  add("failed on all " + std::to_string(times) + " reruns too");
}

}  // namespace rstlab::runner
