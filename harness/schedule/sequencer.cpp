#include "harness/schedule/sequencer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace rstlab::schedule {
namespace {

using kind = command::kind;
using std::chrono::duration_cast;
using std::chrono::microseconds;

std::string step_name(const fixture::scenario& sc, std::size_t i) {
  return "step " + std::to_string(i + 1) + " (" + sc.steps[i].action + ")";
}

}  // namespace

clock::duration scaled(std::chrono::milliseconds ms, double scale) {
  double ns = double(ms.count()) * scale * 1e6;
  constexpr double most = double(std::numeric_limits<clock::rep>::max() / 4);
  if (!(ns < most)) ns = most;  // also catches NaN
  return duration_cast<clock::duration>(std::chrono::nanoseconds(static_cast<long long>(ns)));
}

sequencer::sequencer(const fixture::scenario& sc, double timeout_scale, time_point began)
    : sc_(sc),
      scale_(timeout_scale),
      began_(began),
      case_deadline_(began + scaled(sc.case_timeout, timeout_scale)),
      slots_(sc.steps.size()) {
  record_.steps.resize(sc.steps.size());
}

command sequencer::next(time_point now) {
  if (!ending_ && now >= case_deadline_) end_by_deadline();
  if (ending_) begin_ending(now);
  if (ending_ && any_running() && now - *ending_since_ >= give_up_after) {
    failed("a call was still blocked " + std::to_string(give_up_after.count()) +
           " s after the case ended, despite interrupts");
    return {kind::done};
  }
  if (auto c = interrupt_due(now)) return *c;
  if (ending_) return any_running() ? wait_for_event(now) : command{kind::done};
  if (settle_owed_) return {kind::settle};
  return advance(now);
}

// A running call past its deadline (or any running call once the case is ending) is
// interrupted, and again every resend_interval until it returns.
std::optional<command> sequencer::interrupt_due(time_point now) {
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    auto& sl = slots_[i];
    if (sl.at != phase::running) continue;
    bool due = sl.interrupted ? now >= sl.resend : (ending_ || now >= sl.deadline);
    if (!due) continue;
    sl.interrupted = true;
    sl.resend = now + resend_interval;
    return command{kind::interrupt, i};
  }
  return std::nullopt;
}

command sequencer::advance(time_point now) {
  while (turn_ < slots_.size()) {
    const auto& s = sc_.steps[turn_];
    auto& sl = slots_[turn_];
    if (sl.at == phase::pending && s.waits_for) {
      if (!finish_wait(turn_, now)) return wait_for_event(now);
    } else if (sl.at == phase::pending) {
      return start(turn_, now);
    } else if (sl.at == phase::running && !s.background) {
      return wait_for_event(now);
    } else if (sl.at == phase::running && !sl.blocked) {
      return {kind::watch, turn_};
    }
    ++turn_;  // finished (and settled), or a background call now asleep in the kernel
  }
  return any_running() ? wait_for_event(now) : command{kind::done};
}

command sequencer::start(std::size_t i, time_point now) {
  auto& sl = slots_[i];
  const auto& s = sc_.steps[i];
  sl.at = phase::running;
  sl.started = now;
  sl.deadline = now + scaled(s.timeout.value_or(sc_.step_timeout), scale_);
  record_.steps[i].started = duration_cast<microseconds>(now - began_);
  return {kind::start, i};
}

// A wait step is over as soon as its background step is: it reports that step's outcome.
bool sequencer::finish_wait(std::size_t i, time_point now) {
  auto target = *sc_.steps[i].waits_for;
  if (slots_[target].at != phase::finished) return false;
  slots_[i].at = phase::finished;
  record_.steps[i] = record_.steps[target];
  record_.steps[i].started = duration_cast<microseconds>(now - began_);
  finished_.push_back(i);
  return true;
}

command sequencer::wait_for_event(time_point now) const {
  auto until = ending_ ? now + resend_interval : case_deadline_;
  for (const auto& sl : slots_)
    if (sl.at == phase::running) until = std::min(until, sl.interrupted ? sl.resend : sl.deadline);
  return {kind::wait, 0, until};
}

bool sequencer::any_running() const {
  return std::any_of(slots_.begin(), slots_.end(),
                     [](const slot& sl) { return sl.at == phase::running; });
}

void sequencer::blocked(std::size_t step) { slots_.at(step).blocked = true; }

void sequencer::completed(std::size_t step, core::observation obs, time_point now) {
  auto& sl = slots_.at(step);
  if (sl.at != phase::running) return;
  sl.at = phase::finished;
  obs.elapsed = duration_cast<microseconds>(now - sl.started);
  if (sl.interrupted) {
    obs.interrupted = true;
    obs.actual = core::outcome{core::outcome::kind::timeout, 0};
  }
  record_.steps[step].ran = true;
  record_.steps[step].obs = obs;
  settle_owed_ = true;
  finished_.push_back(step);
}

void sequencer::settled() { settle_owed_ = false; }

void sequencer::not_started(std::size_t step) {
  auto& sl = slots_.at(step);
  if (sl.at == phase::running) sl.at = phase::finished;
}

void sequencer::begin_ending(time_point now) {
  if (!ending_since_) ending_since_ = now;
}

void sequencer::failed(const std::string& what) {
  if (record_.error.empty()) record_.error = what;
  ending_ = true;
}

void sequencer::end_by_deadline() {
  ending_ = true;
  auto first = [&](auto pred) {
    for (std::size_t i = 0; i < slots_.size(); ++i)
      if (pred(i)) return std::optional<std::size_t>(i);
    return std::optional<std::size_t>();
  };
  auto running = first([&](std::size_t i) {
    return slots_[i].at == phase::running && !sc_.steps[i].background;
  });
  auto pending = first([&](std::size_t i) { return slots_[i].at == phase::pending; });
  std::string when = running   ? "during " + step_name(sc_, *running)
                     : pending ? "before " + step_name(sc_, *pending) + " could run"
                               : "at the end of the case";
  record_.aborted =
      "the case deadline (" + std::to_string(sc_.case_timeout.count()) + " ms) passed " + when;
}

}  // namespace rstlab::schedule
