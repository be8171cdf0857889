// TAP version 13 (testanything.org): a test point per case variant in the order the cases
// end, `ok`, `not ok`, or `ok ... # SKIP reason`; a failure or harness error carries a YAML
// block (message, severity, file, line, the console's failure text); the plan closes the
// stream, as TAP allows when the count is known only at the end. Written atomically.
#pragma once

#include <cstddef>
#include <string>

#include "harness/report/atomic_file.hpp"
#include "harness/report/listener.hpp"
#include "harness/report/placement.hpp"

namespace rstlab::report {

class tap : public listener {
 public:
  // Makes the temporary file at once (std::runtime_error when it cannot). `layout` must
  // outlive the reporter.
  tap(std::string path, const suite_layout& layout);
  void case_finished(const expect::case_result& r) override;
  // Writes the plan and renames the file into place; throws std::runtime_error saying why not.
  void run_finished(const summary& s) override;

 private:
  const suite_layout& layout_;
  atomic_file file_;
  std::size_t points_ = 0;
};

// The test point of case number `number` (from 1), its YAML block included.
std::string tap_point(const expect::case_result& r, std::size_t number, const place& where);

}  // namespace rstlab::report
