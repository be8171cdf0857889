#include "harness/expect/matcher.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace rstlab::expect {
namespace {

using core::outcome;

std::string signal_text(bool sigpipe) { return sigpipe ? "SIGPIPE" : "no signal"; }

void check_step(const fixture::scenario& sc, const run_record& run, std::size_t i,
                std::vector<mismatch>& out) {
  const auto& s = sc.steps[i];
  const auto& rec = run.steps[i];
  auto label = step_label(sc, i);
  if (!rec.ran) {
    auto why = !run.error.empty() ? "the harness failed" : !run.aborted.empty() ? run.aborted
                                                                                : "an earlier step stopped the case";
    out.push_back({s.pos, i, label + ": did not run (" + why + ")"});
    return;
  }
  if (s.background) return;  // its wait step carries the expectation
  if (!matches(s.expect, rec.obs.actual))
    out.push_back({s.expect_pos, i, label + ": expected " + describe_expected(s.expect) +
                                        ", got " + core::describe(rec.obs.actual)});
  if (s.expect_sigpipe != rec.obs.sigpipe)
    out.push_back({s.pos, i, label + ": expected " + signal_text(s.expect_sigpipe) + ", got " +
                                 signal_text(rec.obs.sigpipe)});
}

std::string range_text(const fixture::count_range& r) {
  if (r.min == r.max) return std::to_string(r.min);
  return "between " + std::to_string(r.min) + " and " + std::to_string(r.max);
}

void check_counters(const fixture::scenario& sc, const run_record& run, std::vector<mismatch>& out) {
  for (auto h : fixture::hosts) {
    const auto& moved = run.counters[static_cast<std::size_t>(h)];
    for (const auto& [name, range] : sc.counters[static_cast<std::size_t>(h)]) {
      auto it = moved.find(name);
      std::string where = "counter " + name + " on the " + fixture::host_name(h) + " host";
      if (it == moved.end())
        out.push_back({range.pos, {}, where + ": this kernel does not report it"});
      else if (!range.contains(it->second))
        out.push_back({range.pos, {}, where + ": expected " + range_text(range) + ", got " +
                                          std::to_string(it->second)});
    }
  }
}

void check_wire(const fixture::scenario& sc, const run_record& run, std::vector<mismatch>& out) {
  for (auto h : fixture::hosts) {
    const auto& want = sc.wire_rst[static_cast<std::size_t>(h)];
    if (!want) continue;
    auto sent = std::count_if(run.trace.begin(), run.trace.end(), [&](const wire::segment& s) {
      return s.sent() && s.has(wire::flag::rst) && wire::sender(s.dir) == h;
    });
    if (!want->contains(sent))
      out.push_back({want->pos, {}, std::string("RST segments from the ") + fixture::host_name(h) +
                                        " host: expected " + range_text(*want) + ", got " +
                                        std::to_string(sent)});
  }
}

// The payload bytes `h` sent, each counted once however often it was resent: per connection,
// from the first byte after its SYN (or the first data seen) to the furthest byte sent.
std::int64_t bytes_sent(const std::vector<wire::segment>& trace, fixture::host h) {
  struct span {
    std::uint32_t first = 0, end = 0;
  };
  std::map<std::tuple<std::uint16_t, std::uint16_t>, span> flows;
  for (const auto& s : trace) {
    if (!s.sent() || wire::sender(s.dir) != h) continue;
    auto key = std::tuple{s.sport, s.dport};
    bool fresh = !flows.contains(key);
    auto& f = flows[key];
    if (s.has(wire::flag::syn)) f = {s.seq + 1, s.seq + 1};
    if (s.payload == 0) continue;
    if (fresh) f = {s.seq, s.seq};
    auto end = s.seq + s.payload;
    if (static_cast<std::int32_t>(end - f.end) > 0) f.end = end;
  }
  std::int64_t total = 0;
  for (const auto& [key, f] : flows) total += static_cast<std::uint32_t>(f.end - f.first);
  return total;
}

void check_bytes(const fixture::scenario& sc, const run_record& run, std::vector<mismatch>& out) {
  for (auto h : fixture::hosts) {
    const auto& want = sc.wire_bytes[static_cast<std::size_t>(h)];
    if (!want) continue;
    auto sent = bytes_sent(run.trace, h);
    if (!want->contains(sent))
      out.push_back({want->pos, {}, std::string("payload bytes from the ") + fixture::host_name(h) +
                                        " host: expected " + range_text(*want) + ", got " +
                                        std::to_string(sent)});
  }
}

bool fits(const fixture::segment_pattern& p, const wire::segment& s) {
  return wire::sender(s.dir) == p.from && s.flags == p.flags && (p.fate ? s.what == *p.fate : s.sent());
}

// The patterns, in order, each after the last one found (other segments may come between).
void check_sequence(const fixture::scenario& sc, const run_record& run, std::vector<mismatch>& out) {
  std::size_t at = 0;
  std::optional<std::size_t> last;
  for (const auto& p : sc.wire_sequence) {
    while (at < run.trace.size() && !fits(p, run.trace[at])) ++at;
    if (at == run.trace.size()) {
      auto after = last ? " after the segment marked in the ladder" : "";
      out.push_back({p.pos, {}, "wire: expected the segment " + std::string("'") + p.text + "'" +
                                    after + "; it never came",
                     last});
      return;
    }
    last = at++;
  }
}

void check_never(const fixture::scenario& sc, const run_record& run, std::vector<mismatch>& out) {
  for (const auto& p : sc.wire_never)
    for (std::size_t i = 0; i < run.trace.size(); ++i)
      if (fits(p, run.trace[i])) {
        out.push_back({p.pos, {}, "wire: the segment '" + p.text + "' must not appear; it did " +
                                      "(marked in the ladder)",
                       i});
        break;
      }
}

}  // namespace

bool matches(const std::vector<outcome>& expected, const outcome& actual) {
  return std::any_of(expected.begin(), expected.end(), [&](const outcome& e) {
    if (e == actual) return true;
    return e.what == outcome::kind::ok && actual.what == outcome::kind::count && actual.value > 0;
  });
}

std::vector<mismatch> check(const fixture::scenario& sc, const run_record& run) {
  std::vector<mismatch> out;
  for (std::size_t i = 0; i < sc.steps.size() && i < run.steps.size(); ++i)
    check_step(sc, run, i, out);
  if (!run.aborted.empty() && out.empty()) out.push_back({{}, {}, run.aborted});
  check_wire(sc, run, out);
  check_bytes(sc, run, out);
  check_sequence(sc, run, out);
  check_never(sc, run, out);
  check_counters(sc, run, out);
  return out;
}

case_result judge(const fixture::scenario& sc, run_record run) {
  case_result r;
  r.sc = &sc;
  r.mismatches = check(sc, run);
  r.outcome = r.mismatches.empty() ? verdict::pass : verdict::fail;
  if (!run.error.empty()) {
    // What did run is worth showing; the steps the failure kept from running are not findings.
    // Wire and counters were not measured.
    std::erase_if(r.mismatches, [&](const mismatch& m) { return !m.step || !run.steps[*m.step].ran; });
    r.outcome = verdict::error;
    r.note = "harness error: " + run.error;
  }
  r.record = std::move(run);
  return r;
}

std::string describe_expected(const std::vector<outcome>& expected) {
  if (expected.size() == 1) return core::describe(expected.front());
  std::string text = "any of ";
  for (std::size_t i = 0; i < expected.size(); ++i)
    text += (i ? ", " : "") + core::describe(expected[i]);
  return text;
}

std::string step_label(const fixture::scenario& sc, std::size_t index) {
  const auto& s = sc.steps[index];
  std::string label = "step " + std::to_string(index + 1) + " (" +
                      s.actor() + " " + s.action;
  if (!s.id.empty()) label += " '" + s.id + "'";
  return label + ")";
}

}  // namespace rstlab::expect
