// A program endpoint during a case: the command the fixture gives (its placeholders filled in
// for this run), the process of its latest start, everything it wrote, and how many of its
// connection attempts the steps have counted so far. Workers use it (their steps wait on it,
// feed it, signal it) while the case runs. Thread-safe.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>

#include "harness/endpoint/output.hpp"
#include "harness/endpoint/process.hpp"
#include "harness/expect/record.hpp"

namespace rstlab::endpoint {

class program {
 public:
  explicit program(launch l) : launch_(std::move(l)) {}
  ~program() { stop(); }
  program(const program&) = delete;
  program& operator=(const program&) = delete;

  // Starts it in the calling thread's namespace: 0, EALREADY while an earlier start still
  // runs, or the error that kept it from starting (ENOEXEC, ...). Throws std::system_error
  // when rstlab runs out of pipes or threads.
  int start();
  // How the latest start ended; nullopt while it runs (or before any start).
  std::optional<core::outcome> ended();
  bool started() const;
  // A descriptor readable once the latest start has ended; -1 before any start.
  int pidfd() const;
  output& out() { return out_; }
  long write_stdin(std::string_view bytes);
  int close_stdin();
  // kill(2) to its process; -1 with ESRCH before any start.
  int signal(int sig);
  // The connection attempts of this host counted by earlier steps.
  std::atomic<std::size_t>& attempts_seen() { return attempts_seen_; }

  // Kills the latest start's process group (if it still runs) and reaps it; idempotent.
  void stop();
  // What the reports show; call after stop().
  expect::program_record record() const;

 private:
  std::shared_ptr<process> current() const;

  launch launch_;
  output out_;
  mutable std::mutex m_;
  std::shared_ptr<process> proc_;
  std::optional<core::outcome> end_before_stop_;
  bool stopped_ = false;
  unsigned starts_ = 0;
  std::atomic<std::size_t> attempts_seen_{0};
};

}  // namespace rstlab::endpoint
