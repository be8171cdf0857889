#include "harness/report/junit.hpp"

#include <cstdio>
#include <sstream>

#include "harness/report/escape.hpp"
#include "harness/report/explain.hpp"
#include "harness/report/text.hpp"

namespace rstlab::report {
namespace {

std::string seconds(std::chrono::microseconds us) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", double(us.count()) / 1e6);
  return buf;
}

std::string attribute(const char* name, std::string_view value) {
  return std::string(" ") + name + "=\"" + xml_attribute(value) + "\"";
}

std::string attribute(const char* name, std::size_t value) {
  return attribute(name, std::to_string(value));
}

// What did not hold, in the console's words: the first mismatch as the message, the whole
// failure block (every mismatch, the steps, the ladder) as the body.
std::string verdict_element(const expect::case_result& r) {
  using expect::verdict;
  if (r.outcome == verdict::pass) return "";
  if (r.outcome == verdict::skip) return "      <skipped" + attribute("message", r.note) + "/>\n";
  bool error = r.outcome == verdict::error;
  auto message = error || r.mismatches.empty() ? r.note : r.mismatches.front().message;
  // A flaky case passed in the end: the failed run rides along, as Maven's surefire writes it.
  const char* tag = error ? "error" : r.outcome == verdict::flaky ? "flakyFailure" : "failure";
  return std::string("      <") + tag + attribute("message", message) +
         attribute("type", error ? "harness-error" : "mismatch") + ">" +
         xml_text(failure_block(r, "")) + "</" + tag + ">\n";
}

std::string system_out(const expect::case_result& r) {
  if (r.outcome == expect::verdict::skip) return "";
  std::ostringstream text;
  print_explanation(r, text);
  return "      <system-out>" + xml_text(text.str()) + "</system-out>\n";
}

std::string suite_head(const char* tag, const std::string& name, std::size_t tests,
                       std::size_t failures, std::size_t errors, std::size_t skipped,
                       std::chrono::microseconds time) {
  return std::string("<") + tag + attribute("name", name) + attribute("tests", tests) +
         attribute("failures", failures) + attribute("errors", errors) +
         attribute("skipped", skipped) + attribute("time", seconds(time)) + ">\n";
}

}  // namespace

std::string junit_testcase(const expect::case_result& r, const place& where) {
  auto head = "    <testcase" + attribute("name", r.sc->name) +
              attribute("classname", where.classname) + attribute("file", where.file) +
              attribute("line", std::to_string(report_line(r))) +
              attribute("time", seconds(r.record.elapsed));
  auto body = verdict_element(r) + system_out(r);
  return head + (body.empty() ? "/>\n" : ">\n" + body + "    </testcase>\n");
}

void junit::tally::add(const expect::case_result& r) {
  ++tests;
  failures += r.outcome == expect::verdict::fail;
  errors += r.outcome == expect::verdict::error;
  skipped += r.outcome == expect::verdict::skip;
  time += r.record.elapsed;
}

junit::junit(std::string path, const suite_layout& layout)
    : layout_(layout), file_(path, "JUnit report"), cases_(path, "JUnit report") {}

void junit::case_finished(const expect::case_result& r) {
  auto where = layout_.of(r.sc->file);
  auto [at, fresh] = by_name_.emplace(where.suite, suites_.size());
  if (fresh) suites_.push_back({where.suite, {}, {}});
  auto& s = suites_[at->second];
  s.counts.add(r);
  s.cases.push_back(cases_.append(junit_testcase(r, where)));
}

void junit::run_finished(const summary& sum) {
  tally all;
  for (const auto& s : suites_) {
    all.tests += s.counts.tests;
    all.failures += s.counts.failures;
    all.errors += s.counts.errors;
    all.skipped += s.counts.skipped;
  }
  file_.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  file_.write(suite_head("testsuites", "rstlab", all.tests, all.failures, all.errors, all.skipped,
                         sum.wall));
  for (const auto& s : suites_) {
    const auto& c = s.counts;
    file_.write("  " +
                suite_head("testsuite", s.name, c.tests, c.failures, c.errors, c.skipped, c.time));
    for (const auto& range : s.cases)
      file_.write(cases_.read(range));
    file_.write("  </testsuite>\n");
  }
  file_.write("</testsuites>\n");
  file_.commit();
}

}  // namespace rstlab::report
