// The report files a run writes (--junit, --tap, --json, --html, any of them together), as one
// listener: each is made (its temporary file created) before any case runs, hears every case,
// and at the end of the run each is written and renamed into place on its own, so one that
// fails (a full disk) neither stops the others nor hides why it failed.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "harness/report/listener.hpp"
#include "harness/report/placement.hpp"

namespace rstlab::report {

struct file_paths {
  std::string junit, tap, json, html;  // empty: not asked for
};

class report_files : public listener {
 public:
  // Throws std::runtime_error when a report cannot be written where asked, or two are asked
  // for in one file: "cannot write JUnit report PATH: REASON".
  report_files(const file_paths& paths, suite_layout layout);
  ~report_files() override;
  bool empty() const { return reports_.empty(); }

  void case_finished(const expect::case_result& r) override;
  // Writes every report; throws std::runtime_error naming each that could not be written
  // (one per line) once all were tried.
  void run_finished(const summary& s) override;

 private:
  suite_layout layout_;
  std::vector<std::unique_ptr<listener>> reports_;
};

}  // namespace rstlab::report
