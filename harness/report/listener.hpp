// Reporters are listeners: the runner tells them what happens, each prints it its own way.
#pragma once

#include <chrono>
#include <cstddef>

#include "harness/expect/matcher.hpp"

namespace rstlab::report {

struct summary {
  std::size_t passed = 0, failed = 0, skipped = 0;
  std::chrono::microseconds wall{0};
};

class listener {
 public:
  virtual ~listener() = default;
  virtual void run_started(std::size_t /*cases*/) {}
  virtual void case_started(const fixture::scenario&) {}
  virtual void case_finished(const expect::case_result&) {}
  virtual void run_finished(const summary&) {}
};

}  // namespace rstlab::report
