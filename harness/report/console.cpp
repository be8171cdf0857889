#include "harness/report/console.hpp"

#include <cstdio>
#include <cstring>
#include <string_view>

#include "harness/report/text.hpp"

namespace rstlab::report {
namespace {

// SGR colours: green PASS, red FAIL, bold red ERROR, yellow SKIP and FLAKY.
const char* colour_of(expect::verdict v) {
  switch (v) {
    case expect::verdict::pass: return "\x1b[32m";
    case expect::verdict::fail: return "\x1b[31m";
    case expect::verdict::error: return "\x1b[1;31m";
    case expect::verdict::skip:
    case expect::verdict::flaky: return "\x1b[33m";
  }
  return "";
}

}  // namespace

bool colour_wanted(bool terminal, const char* no_color, const char* term) {
  if (!terminal) return false;
  if (no_color && *no_color) return false;  // no-color.org: set and not empty
  return !(term && std::string_view(term) == "dumb");
}

void console::case_finished(const expect::case_result& r) {
  char line[256];
  std::snprintf(line, sizeof line, "%-5s %-40s %10s", verdict_word(r.outcome),
                r.sc->name.c_str(), milliseconds(r.record.elapsed).c_str());
  // The verdict coloured, not its padding.
  auto word = std::strlen(verdict_word(r.outcome));
  if (colour_)
    out_ << colour_of(r.outcome) << std::string_view(line, word) << "\x1b[0m" << (line + word);
  else
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
