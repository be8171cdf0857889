// JSON with everything a case observed (schema in the README, "Reports"): per case its names,
// variant, suite, file and line, verdict, times, note, seed and capture, each step expected
// against actual (outcome, return value, errno, signal, when and how long), the mismatches,
// every segment of the wire trace and the counters that moved. One object per line inside
// "cases", in the order the cases end; "schema" says which version of the layout it is.
// Written atomically.
#pragma once

#include <cstddef>
#include <string>

#include "harness/report/atomic_file.hpp"
#include "harness/report/listener.hpp"
#include "harness/report/placement.hpp"

namespace rstlab::report {

// The version of the document's layout: raised when a field changes meaning or goes away (a
// field added keeps it).
inline constexpr int json_schema = 1;

class json : public listener {
 public:
  // Makes the temporary file at once (std::runtime_error when it cannot). `layout` must
  // outlive the reporter.
  json(std::string path, const suite_layout& layout);
  void case_finished(const expect::case_result& r) override;
  // Writes the summary and renames the file into place; throws std::runtime_error if it cannot.
  void run_finished(const summary& s) override;

 private:
  const suite_layout& layout_;
  atomic_file file_;
  std::size_t cases_ = 0;
};

// One case as a JSON object, on one line.
std::string json_case(const expect::case_result& r, const place& where);

}  // namespace rstlab::report
