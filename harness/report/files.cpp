#include "harness/report/files.hpp"

#include <iterator>
#include <stdexcept>
#include <utility>

#include "harness/report/html.hpp"
#include "harness/report/json.hpp"
#include "harness/report/junit.hpp"
#include "harness/report/tap.hpp"

namespace rstlab::report {
namespace {

namespace fs = std::filesystem;

// Two reports renamed onto one path would leave only the last.
void refuse_shared(const file_paths& p) {
  const std::pair<const char*, const std::string*> asked[] = {
      {"--junit", &p.junit}, {"--tap", &p.tap}, {"--json", &p.json}, {"--html", &p.html}};
  auto same = [](const std::string& a, const std::string& b) {
    return !a.empty() && !b.empty() &&
           fs::absolute(a).lexically_normal() == fs::absolute(b).lexically_normal();
  };
  for (std::size_t i = 0; i < std::size(asked); ++i)
    for (std::size_t j = i + 1; j < std::size(asked); ++j)
      if (same(*asked[i].second, *asked[j].second))
        throw std::runtime_error(std::string(asked[i].first) + " and " + asked[j].first +
                                 " name the same file " + *asked[i].second +
                                 "; give each report its own");
}

}  // namespace

report_files::report_files(const file_paths& paths, suite_layout layout)
    : layout_(std::move(layout)) {
  refuse_shared(paths);
  if (!paths.junit.empty()) reports_.push_back(std::make_unique<junit>(paths.junit, layout_));
  if (!paths.tap.empty()) reports_.push_back(std::make_unique<tap>(paths.tap, layout_));
  if (!paths.json.empty()) reports_.push_back(std::make_unique<json>(paths.json, layout_));
  if (!paths.html.empty()) reports_.push_back(std::make_unique<html>(paths.html, layout_));
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
