#include "harness/expect/stability.hpp"

#include <algorithm>
#include <map>

namespace rstlab::expect {
namespace {

// A count an expected `ok` accepts is the same observation whatever its size: the fixture
// asked for "some bytes" (a partial non-blocking send, say), and got them.
std::string outcome_value(const fixture::step& s, const core::outcome& actual) {
  using k = core::outcome::kind;
  bool exact = std::find(s.expect.begin(), s.expect.end(), actual) != s.expect.end();
  bool as_ok = actual.what == k::count && actual.value > 0 &&
               std::find(s.expect.begin(), s.expect.end(), core::outcome{k::ok, 0}) != s.expect.end();
  return !exact && as_ok ? "ok (a positive count)" : core::describe(actual);
}

std::string step_value(const fixture::step& s, const step_record& rec) {
  if (!rec.ran) return "did not run";
  auto text = outcome_value(s, rec.obs.actual);
  if (rec.obs.sigpipe) text += " + SIGPIPE";
  return text;
}

long rsts_from(const run_record& run, fixture::host h) {
  return std::count_if(run.trace.begin(), run.trace.end(), [&](const wire::segment& seg) {
    return seg.sent() && seg.has(wire::flag::rst) && wire::sender(seg.dir) == h;
  });
}

std::string counter_value(const run_record& run, fixture::host h, const std::string& name) {
  const auto& moved = run.counters[core::index(h)];
  auto it = moved.find(name);
  return it == moved.end() ? "not reported" : std::to_string(it->second);
}

std::string runs_text(std::size_t n) { return std::to_string(n) + (n == 1 ? " run" : " runs"); }

}  // namespace

std::vector<observed_item> observe(const fixture::scenario& sc, const run_record& run) {
  std::vector<observed_item> out;
  for (std::size_t i = 0; i < sc.steps.size() && i < run.steps.size(); ++i)
    out.push_back({sc.steps[i].pos, i, step_label(sc, i), step_value(sc.steps[i], run.steps[i])});
  for (auto h : fixture::hosts) {
    // Like counters, the RSTs of a host count only where the fixture asserts them.
    if (const auto& want = sc.wire_rst[core::index(h)])
      out.push_back({want->pos, {},
                     std::string("RST segments from the ") + fixture::host_name(h) + " host",
                     std::to_string(rsts_from(run, h))});
    for (const auto& [name, range] : sc.counters[core::index(h)])
      out.push_back({range.pos, {}, "counter " + name + " on the " + fixture::host_name(h) + " host",
                     counter_value(run, h, name)});
  }
  return out;
}

std::vector<mismatch> instability(const fixture::scenario& sc, const std::vector<run_record>& runs) {
  std::vector<std::vector<observed_item>> seen;
  for (const auto& run : runs) seen.push_back(observe(sc, run));
  std::vector<mismatch> out;
  for (std::size_t item = 0; !seen.empty() && item < seen.front().size(); ++item) {
    std::map<std::string, std::size_t> counts;
    for (const auto& one : seen) ++counts[one.at(item).value];
    if (counts.size() < 2) continue;
    const auto& first = seen.front()[item];
    std::string text = first.label + ": changed between runs:";
    for (const auto& [value, n] : counts) text += " " + value + " (" + runs_text(n) + "),";
    text.pop_back();
    out.push_back({first.pos, first.step, text});
  }
  return out;
}

}  // namespace rstlab::expect
