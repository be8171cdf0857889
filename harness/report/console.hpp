// The console reporter: a line per case (PASS/FAIL/SKIP, name, time), the details of every
// failure, and the closing count "N passed, N failed, N skipped".
#pragma once

#include <ostream>
#include <string>

#include "harness/report/listener.hpp"

namespace rstlab::report {

// Whether the console colours its verdicts: only on a terminal, never when NO_COLOR is set to
// anything but empty, nor for TERM=dumb.
bool colour_wanted(bool terminal, const char* no_color, const char* term);

class console : public listener {
 public:
  console(std::ostream& out, bool verbose, bool colour = false)
      : out_(out), verbose_(verbose), colour_(colour) {}
  void case_finished(const expect::case_result& r) override;
  void run_finished(const summary& s) override;

 private:
  std::ostream& out_;
  bool verbose_;
  bool colour_;
  std::string last_skip_note_;  // a reason repeated case after case is printed once
};

}  // namespace rstlab::report
