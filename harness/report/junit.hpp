// JUnit XML, the format CI systems read: a <testsuites> root, one <testsuite> per fixture suite
// (the fixture's folder, placement.hpp) in the order first heard, a <testcase> per case
// variant with its classname, file and line, a <failure> (a fixture's expectation did not
// hold), <error> (the harness failed) or <skipped> with the reason, and the case told in full
// (steps, wire ladder, counters: what `rstlab explain` prints) in <system-out>. Valid against
// tests/junit.xsd. Cases are spooled to a scratch file as they end and the document is
// written at the end of the run, atomically (atomic_file.hpp).
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "harness/report/atomic_file.hpp"
#include "harness/report/listener.hpp"
#include "harness/report/placement.hpp"
#include "harness/report/spool.hpp"

namespace rstlab::report {

class junit : public listener {
 public:
  // Makes the temporary and scratch files at once: a folder that cannot be written stops the
  // run before any case runs (std::runtime_error). `layout` must outlive the reporter.
  junit(std::string path, const suite_layout& layout);
  void case_finished(const expect::case_result& r) override;
  // Writes the document and renames it into place; throws std::runtime_error saying why not.
  void run_finished(const summary& s) override;

 private:
  struct tally {
    std::size_t tests = 0, failures = 0, errors = 0, skipped = 0;
    std::chrono::microseconds time{0};
    void add(const expect::case_result& r);
  };
  struct suite {
    std::string name;
    tally counts;
    std::vector<spool::range> cases;  // in the spool, in the order they ended
  };

  const suite_layout& layout_;
  atomic_file file_;
  spool cases_;
  std::vector<suite> suites_;
  std::map<std::string, std::size_t> by_name_;
};

// One <testcase> element (indented for its place in the document, ending in a newline).
std::string junit_testcase(const expect::case_result& r, const place& where);

}  // namespace rstlab::report
