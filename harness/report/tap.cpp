#include "harness/report/tap.hpp"

#include <cstdio>
#include <sstream>

#include "harness/report/escape.hpp"
#include "harness/report/text.hpp"

namespace rstlab::report {
namespace {

// A description or a directive's reason: one line, with `#` (which would start a directive)
// and `\` escaped as TAP 14 spells them.
std::string tap_text(std::string_view text) {
  std::string out;
  for (char c : printable(text)) {
    if (c == '#' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string milliseconds_number(std::chrono::microseconds us) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", double(us.count()) / 1000.0);
  return buf;
}

// A literal block scalar, each line printable; quoted instead when its first line starts with
// a space (a block would take that for its indentation).
std::string yaml_block(const std::string& text, const std::string& indent) {
  if (text.empty() || text.front() == ' ') return yaml_quoted(text) + "\n";
  std::istringstream in(text);
  std::string out = "|\n", line;
  while (std::getline(in, line))
    out += line.empty() ? "\n" : indent + printable(line) + "\n";
  return out;
}

std::string diagnostics(const expect::case_result& r, const place& where) {
  bool error = r.outcome == expect::verdict::error;
  auto message = error || r.mismatches.empty() ? r.note : r.mismatches.front().message;
  std::string out = "  ---\n";
  out += "  message: " + yaml_quoted(message) + "\n";
  bool flaky = r.outcome == expect::verdict::flaky;
  out += std::string("  severity: ") + (error ? "error" : flaky ? "flaky" : "fail") + "\n";
  out += "  suite: " + yaml_quoted(where.suite) + "\n";
  out += "  classname: " + yaml_quoted(where.classname) + "\n";
  out += "  file: " + yaml_quoted(where.file) + "\n";
  out += "  line: " + std::to_string(report_line(r)) + "\n";
  out += "  duration_ms: " + milliseconds_number(r.record.elapsed) + "\n";
  if (r.record.seed) out += "  seed: \"" + std::to_string(*r.record.seed) + "\"\n";
  if (!r.capture.empty()) out += "  capture: " + yaml_quoted(r.capture) + "\n";
  out += "  failure: " + yaml_block(failure_block(r, ""), "    ");
  return out + "  ...\n";
}

}  // namespace

std::string tap_point(const expect::case_result& r, std::size_t number, const place& where) {
  using expect::verdict;
  bool ok = r.outcome == verdict::pass || r.outcome == verdict::skip || r.outcome == verdict::flaky;
  auto line =
      std::string(ok ? "ok " : "not ok ") + std::to_string(number) + " - " + tap_text(r.sc->name);
  if (r.outcome == verdict::skip) return line + " # SKIP " + tap_text(r.note) + "\n";
  // Passed in the end, so "ok"; the comment and the failed run's diagnostics say it was not
  // at first (a comment, not a directive: TAP has no word for flaky).
  if (r.outcome == verdict::flaky)
    return line + " # flaky: " + tap_text(r.note) + "\n" + diagnostics(r, where);
  return line + "\n" + (ok ? "" : diagnostics(r, where));
}

tap::tap(std::string path, const suite_layout& layout)
    : layout_(layout), file_(std::move(path), "TAP report") {
  file_.write("TAP version 13\n");
}

void tap::case_finished(const expect::case_result& r) {
  file_.write(tap_point(r, ++points_, layout_.of(r.sc->file)));
}

void tap::run_finished(const summary&) {
  file_.write("1.." + std::to_string(points_) + "\n");
  file_.commit();
}

}  // namespace rstlab::report
