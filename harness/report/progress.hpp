// The run's progress in one line (`[36/86] running write-after-rst[v6] 1.2 s`): which cases
// are running, since when, and how many are done. Cases begin and end on any thread. Pure:
// the clock is passed in.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>

namespace rstlab::report {

// Whether a live progress line is drawn: only on a terminal, and not for TERM=dumb (which
// cannot move the cursor back). NO_COLOR is about colour and leaves it on.
bool progress_wanted(bool terminal, const char* term);

class progress {
 public:
  using clock = std::chrono::steady_clock;

  void start(std::size_t total);
  void began(std::size_t index, std::string name, clock::time_point at);
  void ended(std::size_t index);
  // "[done/total] running NAME 1.2 s" for the case running longest, "(and N more)" when others
  // run beside it, cut to `width` columns; empty while no case runs.
  std::string line(clock::time_point now, std::size_t width) const;

 private:
  struct running {
    std::string name;
    clock::time_point since;
  };
  mutable std::mutex mutex_;
  std::size_t total_ = 0, done_ = 0;
  std::map<std::size_t, running> running_;  // by index in the run
};

// The line's text for the case running longest.
std::string progress_text(std::size_t done, std::size_t total, const std::string& name,
                          std::chrono::nanoseconds for_how_long, std::size_t others);

// `text` cut to at most `width` characters (UTF-8 sequences kept whole).
std::string cut_to_width(const std::string& text, std::size_t width);

}  // namespace rstlab::report
