#include "harness/report/files.hpp"

#include <stdexcept>

#include "harness/report/junit.hpp"

namespace rstlab::report {

report_files::report_files(const file_paths& paths, suite_layout layout)
    : layout_(std::move(layout)) {
  if (!paths.junit.empty()) reports_.push_back(std::make_unique<junit>(paths.junit, layout_));
}

report_files::~report_files() = default;

void report_files::case_finished(const expect::case_result& r) {
  for (auto& report : reports_)
    report->case_finished(r);
}

void report_files::run_finished(const summary& s) {
  std::string failed;
  for (auto& report : reports_) {
    try {
      report->run_finished(s);
    } catch (const std::exception& e) {
      failed += (failed.empty() ? "" : "\n") + std::string(e.what());
    }
  }
  reports_.clear();  // every temporary file is gone, whatever happened
  if (!failed.empty()) throw std::runtime_error(failed);
}

}  // namespace rstlab::report
