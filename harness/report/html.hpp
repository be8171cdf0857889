// One self-contained HTML page for a run (--html): the totals and a table of every case, then
// per case its verdict, what did not hold, its steps expected against actual beside the wire
// drawn as a sequence diagram. CSS and SVG are inline: no script, nothing fetched, so the file
// opens anywhere as it is (a CI artifact, a mail attachment). Written atomically; the cases'
// text waits in a scratch file until the run ends and the totals, which come first, are known.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "harness/report/atomic_file.hpp"
#include "harness/report/listener.hpp"
#include "harness/report/placement.hpp"
#include "harness/report/spool.hpp"

namespace rstlab::report {

class html : public listener {
 public:
  // Makes the temporary file at once (std::runtime_error when it cannot). `layout` must
  // outlive the reporter.
  html(std::string path, const suite_layout& layout);
  void case_finished(const expect::case_result& r) override;
  // Writes the page and renames it into place; throws std::runtime_error if it cannot.
  void run_finished(const summary& s) override;

 private:
  const suite_layout& layout_;
  atomic_file file_;
  spool cases_;
  std::vector<std::pair<spool::range, spool::range>> spooled_;  // each case's row and section
};

}  // namespace rstlab::report
