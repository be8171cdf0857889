// How soon the wire lets go of a held segment once the step its rule waits for (`until`) is
// over, from each run's own record: the released segment's time in the trace against the
// step's end as the harness recorded it, and, for a step that is a poll() with `wait_ms`,
// against the moment the kernel's wait ran out (start + wait_ms: that also counts the step's
// start on its worker, poll's timer slack, and the worker's word to the engine). Prints one
// line per fixture and measure: runs, median, worst and how many took over 1 ms.
// Usage: rstlab_release [RUNS] [FIXTURE...]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "cases/action.hpp"
#include "harness/engine/engine.hpp"
#include "harness/fixture/loader.hpp"
#include "harness/sandbox/netns.hpp"

namespace {

using namespace rstlab;
using std::chrono::microseconds;

// The poll is the `until` step itself: its wait runs out in the kernel, and the hold ends then.
const char* poll_fixture = R"(
name = "release-after-poll"
summary = "a SYN/ACK held until a 20 ms poll has timed out"
refs = ["ci/bench"]
steps = [
  { server = "listen", nonblocking = true },
  { client = "connect", nonblocking = true, expect = "EINPROGRESS" },
  { client = "poll", events = "OUT", wait_ms = 20, expect = "0", id = "waited" },
  { client = "poll", events = "OUT", wait_ms = 1000, expect = "OUT" },
]
[client]
[server]
[[wire.rule]]
from = "server"
flags = "S."
action = "hold"
until = "waited"
)";

struct latency {
  std::vector<double> after_step, after_wait;  // ms
};

// The first segment `rule` released, or nothing.
std::optional<microseconds> released_at(const expect::run_record& rec, std::size_t rule) {
  for (const auto& s : rec.trace)
    if (s.what == core::fate::released && s.rule == rule) return s.at;
  return std::nullopt;
}

double ms(microseconds us) { return static_cast<double>(us.count()) / 1000.0; }

void measure_run(const fixture::scenario& sc, latency& out) {
  auto rec = engine::run_case(sc, engine::options{});
  if (!rec.error.empty()) throw std::runtime_error(rec.error);
  for (std::size_t i = 0; i < sc.wire_rules.size(); ++i) {
    const auto& rule = sc.wire_rules[i];
    auto at = released_at(rec, i);
    if (!rule.until || !at) continue;
    const auto& step = rec.steps.at(*rule.until);
    out.after_step.push_back(ms(*at - (step.started + step.obs.elapsed)));
    const auto& s = sc.steps[*rule.until];
    auto wait = static_cast<double>(s.integer("wait_ms", 0));
    if (s.action == "poll" && wait > 0) out.after_wait.push_back(ms(*at - step.started) - wait);
  }
}

void print(const std::string& name, const char* what, std::vector<double> v) {
  if (v.empty()) return;
  std::sort(v.begin(), v.end());
  auto late = std::count_if(v.begin(), v.end(), [](double ms) { return ms > 1.0; });
  std::printf("release  %-40s %-14s runs %4zu  median %6.3f ms  worst %6.3f ms  over 1 ms %zu\n",
              name.c_str(), what, v.size(), v[(v.size() - 1) / 2], v.back(),
              static_cast<std::size_t>(late));
}

void bench(const fixture::scenario& sc, int runs) {
  latency l;
  for (int i = 0; i < runs; ++i) measure_run(sc, l);
  print(sc.name, "after its step", l.after_step);
  print(sc.name, "after the wait", l.after_wait);
}

}  // namespace

int main(int argc, char** argv) {
  int runs = argc > 1 ? std::atoi(argv[1]) : 20;
  try {
    if (auto why = sandbox::prepare_privileges(); !why.empty()) throw std::runtime_error(why);
    bench(fixture::load_text(poll_fixture, "release-after-poll", cases::specs()), runs);
    for (int i = 2; i < argc; ++i) bench(fixture::load_file(argv[i], cases::specs()), runs);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "release: %s\n", e.what());
    return 1;
  }
}
