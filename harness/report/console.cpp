#include "harness/report/console.hpp"

#include <cstdio>

#include "harness/report/text.hpp"

namespace rstlab::report {
namespace {

}  // namespace

void console::case_finished(const expect::case_result& r) {
  char line[256];
  std::snprintf(line, sizeof line, "%-5s %-40s %10s", verdict_word(r.outcome),
                r.sc->name.c_str(), milliseconds(r.record.elapsed).c_str());
  out_ << line;
  if (r.outcome == expect::verdict::skip) {
    out_ << "  (" << (r.note == last_skip_note_ ? "same reason as above" : r.note) << ")";
    last_skip_note_ = r.note;
  }
  out_ << "\n";
  if (r.outcome == expect::verdict::fail || r.outcome == expect::verdict::error ||
      r.outcome == expect::verdict::flaky)
    out_ << failure_block(r, "      ");
  else if (verbose_ && r.outcome == expect::verdict::pass)
    out_ << failure_block(r, "      ");
  out_.flush();
}

void console::run_finished(const summary& s) {
  out_ << s.passed << " passed, " << s.failed << " failed, " << s.errors << " errors, " << s.skipped
       << " skipped";
  if (s.flaky > 0) out_ << ", " << s.flaky << " flaky";
  out_ << "\n";
  out_.flush();
}

}  // namespace rstlab::report
