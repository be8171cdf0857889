// What a program wrote to its stdout and stderr, kept as it arrives: the reader thread of its
// process appends, workers wait for a pattern, the reports show the last lines. Each stream
// keeps its first `cap` bytes and counts the rest, so a chatty program never blocks on a full
// pipe and never fills memory. An expect-output step matches after the end of the previous
// match on the same stream, as expect(1) does. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <regex>
#include <string>
#include <string_view>

#include "harness/sandbox/unique_fd.hpp"

namespace rstlab::endpoint {

enum class stream { out, err };
const char* stream_name(stream s);  // "stdout", "stderr"

class output {
 public:
  static constexpr std::size_t default_cap = 1 << 20;
  static constexpr std::size_t max_line = 64 << 10;
  explicit output(std::size_t cap = default_cap);

  void append(stream s, std::string_view bytes);
  // Wakes every waiter (the program ended, say); append does it too.
  void poke();
  // The stream's pipe reached its end: everything the program wrote to it is here.
  void mark_closed(stream s);
  // A new start of the program writes to both streams again.
  void reopen();
  // Waits until both streams are closed, at most `bound` (a process the program left behind
  // may hold a pipe open); false when they are not.
  bool wait_closed(std::chrono::milliseconds bound = std::chrono::milliseconds(500));
  // An eventfd that becomes readable (edge per write) whenever output arrived or poke() ran.
  int changes() const { return changes_.get(); }

  // Whether `pattern` matches a line of what `s` holds after the last match (the line still
  // being written included); a match moves past it.
  bool consume_match(stream s, const std::regex& pattern);

  std::string text(stream s) const;
  std::size_t dropped(stream s) const;  // bytes past the cap, not kept

 private:
  struct buffer {
    std::string kept;
    std::size_t dropped = 0;
    std::size_t cursor = 0;  // where the next match starts
    bool closed = false;
  };
  buffer& at(stream s) { return bufs_[static_cast<int>(s)]; }
  const buffer& at(stream s) const { return bufs_[static_cast<int>(s)]; }

  std::size_t cap_;
  mutable std::mutex m_;
  std::condition_variable closing_;
  buffer bufs_[2];
  sandbox::unique_fd changes_;
};

}  // namespace rstlab::endpoint
