// The timeline's decisions, without threads, sockets or Asio: whose turn it is, when a step
// is over, which deadline comes next, what a background step and its wait do, and how a case
// ends when its deadline passes or the harness fails. The engine feeds it events (a call
// returned, a background call is asleep in the kernel, the wire settled) and does what next()
// says; the tests feed it fake completions and a fake clock.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "harness/expect/record.hpp"
#include "harness/fixture/model.hpp"

namespace rstlab::schedule {

using clock = std::chrono::steady_clock;
using time_point = clock::time_point;

// An interrupt can reach a thread just before it enters its system call, and is then lost;
// so it is sent again at this interval until the call returns.
inline constexpr std::chrono::milliseconds resend_interval{2};
// A call that has not returned this long after the case began to end will not: the case
// ends without it, as a harness failure.
inline constexpr std::chrono::seconds give_up_after{2};

struct command {
  enum class kind {
    start,      // run step `step` on its endpoint (in the background if the step says so)
    interrupt,  // interrupt the call of step `step`: its deadline passed, or the case ends
    settle,     // forward the wire until both hosts are quiet, then call settled()
    watch,      // see whether background step `step` is asleep in the kernel: blocked()
    wait,       // nothing to do before an event (a completion) or `until`
    done,       // the case is over and every call has returned
  };
  kind what = kind::wait;
  std::size_t step = 0;
  time_point until{};
};

class sequencer {
 public:
  sequencer(const fixture::scenario& sc, double timeout_scale, time_point began);

  // What to do now. Each command is to be carried out before next() is called again.
  command next(time_point now);

  // Events.
  void blocked(std::size_t step);  // a background step's call sleeps in the kernel
  void completed(std::size_t step, core::observation obs, time_point now);
  void settled();
  void failed(const std::string& what);  // a harness failure: the case ends at once
  // A started step that produced no outcome (it could not start, or its action threw).
  void not_started(std::size_t step);

  bool ending() const { return ending_; }
  time_point began() const { return began_; }
  // The steps whose result became known since the last call, in the order they finished.
  std::vector<std::size_t> take_finished() { return std::exchange(finished_, {}); }
  const expect::step_record& step(std::size_t i) const { return record_.steps.at(i); }
  expect::run_record take_record() { return std::move(record_); }

 private:
  enum class phase { pending, running, finished };
  struct slot {
    phase at = phase::pending;
    time_point started{}, deadline{};
    bool blocked = false;
    bool interrupted = false;  // an interrupt was sent; the call counts as timed out
    time_point resend{};
  };

  std::optional<command> interrupt_due(time_point now);
  command advance(time_point now);
  command start(std::size_t i, time_point now);
  bool finish_wait(std::size_t i, time_point now);
  command wait_for_event(time_point now) const;
  bool any_running() const;
  void end_by_deadline();
  void begin_ending(time_point now);

  const fixture::scenario& sc_;
  double scale_;
  time_point began_, case_deadline_;
  std::vector<slot> slots_;
  std::size_t turn_ = 0;  // the first step in file order that has not been let go yet
  bool settle_owed_ = false;
  bool ending_ = false;
  std::optional<time_point> ending_since_;
  std::vector<std::size_t> finished_;
  expect::run_record record_;
};

// A fixture's milliseconds times --timeout-scale, saturating instead of overflowing.
clock::duration scaled(std::chrono::milliseconds ms, double scale);

}  // namespace rstlab::schedule
