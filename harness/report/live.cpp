#include "harness/report/live.hpp"

#include <chrono>

namespace rstlab::report {

namespace {
// Often enough for a tenth of a second to tick visibly, seldom enough to cost nothing.
constexpr std::chrono::milliseconds redraw_every{150};
}  // namespace

live_console::live_console(std::ostream& out, listener& inner, std::size_t width)
    : out_(out), inner_(inner), width_(width > 1 ? width - 1 : 1) {}

live_console::~live_console() {
  stop();
  std::lock_guard lock{mutex_};
  erase();
}

void live_console::run_started(std::size_t cases) {
  progress_.start(cases);
  inner_.run_started(cases);
  ticker_ = std::thread([this] { tick(); });
}

void live_console::case_started(const fixture::scenario& sc) {
  std::lock_guard lock{mutex_};
  inner_.case_started(sc);
}

void live_console::step_finished(const fixture::scenario& sc, std::size_t step,
                                 const expect::step_record& rec) {
  std::lock_guard lock{mutex_};
  inner_.step_finished(sc, step, rec);
}

void live_console::case_finished(const expect::case_result& r) {
  std::lock_guard lock{mutex_};
  erase();
  inner_.case_finished(r);
}

void live_console::run_finished(const summary& s) {
  stop();
  std::lock_guard lock{mutex_};
  erase();
  inner_.run_finished(s);
}

void live_console::case_began(std::size_t index, const fixture::scenario& sc) {
  progress_.began(index, sc.name, progress::clock::now());
}

void live_console::case_ended(std::size_t index) {
  progress_.ended(index);
}

void live_console::tick() {
  std::unique_lock lock{mutex_};
  while (!wake_.wait_for(lock, redraw_every, [this] { return stopping_; }))
    draw();
}

void live_console::stop() {
  {
    std::lock_guard lock{mutex_};
    stopping_ = true;
  }
  wake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
}

void live_console::draw() {
  auto text = progress_.line(progress::clock::now(), width_);
  if (text.empty()) return erase();
  // Back to the line's start, the new text, and the rest of the old one cleared.
  out_ << "\r" << text << "\x1b[K" << std::flush;
  drawn_ = true;
}

void live_console::erase() {
  if (!drawn_) return;
  out_ << "\r\x1b[K" << std::flush;
  drawn_ = false;
}

}  // namespace rstlab::report
