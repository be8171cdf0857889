#include "harness/report/text.hpp"

#include <cstdio>
#include <map>
#include <sstream>

#include "harness/core/names.hpp"
#include "harness/wire/ladder.hpp"

namespace rstlab::report {
namespace {

std::string actual_text(const expect::step_record& rec) {
  if (!rec.ran) return "did not run";
  std::string text = "got " + core::describe(rec.obs.actual);
  if (rec.obs.sigpipe) text += " + SIGPIPE";
  return text;
}

std::string expected_text(const fixture::step& s) {
  if (s.background) return "(see its wait)";
  std::string text = expect::describe_expected(s.expect);
  if (s.expect_sigpipe) text += " + SIGPIPE";
  return text;
}

std::string indent_lines(const std::string& text, const std::string& indent) {
  std::istringstream in(text);
  std::string out, line;
  while (std::getline(in, line)) out += indent + line + "\n";
  return out;
}

}  // namespace

bool step_ok(const fixture::step& s, const expect::step_record& rec) {
  if (s.background) return rec.ran;
  return rec.ran && expect::matches(s.expect, rec.obs.actual) &&
         s.expect_sigpipe == rec.obs.sigpipe;
}

const char* verdict_word(expect::verdict v) {
  switch (v) {
    case expect::verdict::pass: return "PASS";
    case expect::verdict::fail: return "FAIL";
    case expect::verdict::skip: return "SKIP";
    case expect::verdict::error: return "ERROR";
    case expect::verdict::flaky: return "FLAKY";
  }
  return "?";
}

std::string milliseconds(std::chrono::microseconds us) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f ms", double(us.count()) / 1000.0);
  return buf;
}

std::string steps_table(const expect::case_result& r, bool with_times) {
  std::ostringstream out;
  for (std::size_t i = 0; i < r.sc->steps.size(); ++i) {
    const auto& s = r.sc->steps[i];
    const auto& rec = r.record.steps.at(i);
    char line[256];
    std::snprintf(line, sizeof line, "%-4s %4d  %-6s %-11s expected %-28s %s",
                  !rec.ran ? "--" : step_ok(s, rec) ? "ok" : "FAIL", s.pos.line,
                  s.actor(), s.action.c_str(), expected_text(s).c_str(),
                  actual_text(rec).c_str());
    out << line;
    if (with_times && rec.ran)
      out << "  (at " << milliseconds(rec.started) << ", took " << milliseconds(rec.obs.elapsed)
          << ")";
    out << "\n";
  }
  return out.str();
}

std::string mismatch_lines(const expect::case_result& r) {
  std::string out;
  for (const auto& m : r.mismatches) out += fixture::located(r.sc->file, m.pos) + ": " + m.message + "\n";
  return out;
}

std::string wire_ladder(const expect::case_result& r) {
  std::vector<std::string> names;
  for (const auto& rule : r.sc->wire_rules) names.push_back(rule.id);
  std::map<std::size_t, std::string> marks;
  for (const auto& m : r.mismatches)
    if (m.segment) marks[*m.segment] = fixture::located(r.sc->file, m.pos);
  return wire::ladder(r.record.trace, names, marks);
}

std::string replay_line(const expect::case_result& r) {
  if (!r.record.seed) return "";
  auto seed = std::to_string(*r.record.seed);
  return "random draws from seed " + seed + "; replay them: rstlab run --seed " + seed + " " +
         r.sc->file + "\n";
}

namespace {

// The last `n` lines of `text`, each cut to 200 characters.
std::string last_lines(const std::string& text, std::size_t n) {
  std::vector<std::string_view> lines;
  std::string_view rest = text;
  if (!rest.empty() && rest.back() == '\n') rest.remove_suffix(1);
  while (!rest.empty() && lines.size() < n) {
    auto nl = rest.rfind('\n');
    lines.push_back((nl == std::string_view::npos ? rest : rest.substr(nl + 1)).substr(0, 200));
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(0, nl);
  }
  std::string out;
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) out.append("  ").append(*it) += '\n';
  return out;
}

std::string stream_block(const char* name, const std::string& text, std::size_t dropped,
                         std::size_t n) {
  if (text.empty()) return std::string("  (nothing on ") + name + ")\n";
  auto out = std::string("  last lines of ") + name;
  if (dropped) out += " (" + std::to_string(dropped) + " bytes past the 1 MiB kept, not shown)";
  return out + ":\n" + indent_lines(last_lines(text, n), "  ");
}

}  // namespace

std::string programs_block(const expect::case_result& r, std::size_t lines) {
  std::string out;
  for (auto h : fixture::hosts) {
    const auto& p = r.record.programs[core::index(h)];
    if (!p) continue;
    out += std::string(fixture::host_name(h)) + " program: " + p->command;
    if (p->starts == 0) {
      out += ": never started\n";
      continue;
    }
    out += p->pid ? " (pid " + std::to_string(p->pid) + "): " : std::string(": ");
    out += p->end ? core::describe(*p->end) : std::string("still running at the end; killed");
    out += "\n" + stream_block("stderr", p->err, p->err_dropped, lines) +
           stream_block("stdout", p->out, p->out_dropped, lines);
  }
  return out;
}

std::string failure_block(const expect::case_result& r, const std::string& indent) {
  std::string out = r.note.empty() ? "" : indent + r.note + "\n";
  out += indent_lines(mismatch_lines(r), indent);
  out += indent_lines(replay_line(r), indent);
  out += indent + "steps (line, endpoint, action):\n" + indent_lines(steps_table(r), indent + "  ");
  out += indent_lines(programs_block(r), indent);
  out += indent + "wire:\n" + indent_lines(wire_ladder(r), indent + "  ");
  if (!r.capture.empty()) out += indent + "packets: " + r.capture + "\n";
  return out;
}

}  // namespace rstlab::report
