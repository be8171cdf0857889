// The console reporter: a line per case (PASS/FAIL/SKIP, name, time), the details of every
// failure, and the closing count "N passed, N failed, N skipped".
#pragma once

#include <ostream>
#include <string>

#include "harness/report/listener.hpp"

namespace rstlab::report {

class console : public listener {
 public:
  console(std::ostream& out, bool verbose) : out_(out), verbose_(verbose) {}
  void case_finished(const expect::case_result& r) override;
  void run_finished(const summary& s) override;

 private:
  std::ostream& out_;
  bool verbose_;
  std::string last_skip_note_;  // a reason repeated case after case is printed once
};

}  // namespace rstlab::report
