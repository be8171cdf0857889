#include "harness/expect/stability.hpp"

#include <algorithm>
#include <map>

namespace rstlab::expect {
namespace {

std::string step_value(const step_record& rec) {
  if (!rec.ran) return "did not run";
  auto text = core::describe(rec.obs.actual);
  if (rec.obs.sigpipe) text += " + SIGPIPE";
  return text;
}

long rsts_from(const run_record& run, fixture::host h) {
  return std::count_if(run.trace.begin(), run.trace.end(), [&](const wire::segment& seg) {
    return seg.has(wire::flag::rst) && wire::sender(seg.dir) == h;
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
    out.push_back({sc.steps[i].pos, i, step_label(sc, i), step_value(run.steps[i])});
  for (auto h : fixture::hosts) {
    const auto& want = sc.wire_rst[core::index(h)];
    out.push_back({want ? want->pos : fixture::source_pos{}, {},
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
