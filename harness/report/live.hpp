// The console on a terminal, with a live progress line at its bottom: a thread of its own
// redraws it every 150 ms (which case has run longest, for how long, how many are done), and
// before any line of the console is printed the progress line is erased, so that what the
// console prints is exactly what it prints anywhere else. Only for a terminal
// (progress_wanted, progress.hpp).
#pragma once

#include <condition_variable>
#include <mutex>
#include <ostream>
#include <thread>

#include "harness/report/listener.hpp"
#include "harness/report/progress.hpp"

namespace rstlab::report {

class live_console : public listener, public case_watcher {
 public:
  // `inner` prints to `out` and outlives this; `width`: the terminal's columns.
  live_console(std::ostream& out, listener& inner, std::size_t width);
  ~live_console() override;
  live_console(const live_console&) = delete;
  live_console& operator=(const live_console&) = delete;

  void run_started(std::size_t cases) override;
  void case_started(const fixture::scenario& sc) override;
  void step_finished(const fixture::scenario& sc, std::size_t step,
                     const expect::step_record& rec) override;
  void case_finished(const expect::case_result& r) override;
  void run_finished(const summary& s) override;

  void case_began(std::size_t index, const fixture::scenario& sc) override;
  void case_ended(std::size_t index) override;

 private:
  void tick();
  void stop();
  void draw();   // with mutex_ held
  void erase();  // with mutex_ held

  std::ostream& out_;
  listener& inner_;
  std::size_t width_;
  progress progress_;
  std::mutex mutex_;  // the terminal: the ticker's line and the console's lines
  std::condition_variable wake_;
  bool stopping_ = false;
  bool drawn_ = false;  // a progress line is on the screen
  std::thread ticker_;
};

}  // namespace rstlab::report
