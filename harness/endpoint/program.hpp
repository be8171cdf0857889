// A program endpoint during a case: what runs it (a command, its placeholders filled in for
// this run, or C++ code given through the C++ API), its latest start, everything it wrote, and
// how many of its connection attempts the steps have counted so far. Workers use it (their
// steps wait on it, feed it, signal it) while the case runs. Thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "harness/endpoint/code_run.hpp"
#include "harness/endpoint/output.hpp"
#include "harness/endpoint/process.hpp"
#include "harness/expect/record.hpp"

namespace rstlab::endpoint {

class program {
 public:
  explicit program(launch l) : launch_(std::move(l)) {}
  // C++ code; `unblock` wakes it when the case ends (see code_run).
  program(code_fn fn, code_env env, std::function<void()> unblock)
      : code_(std::move(fn)), env_(std::move(env)), unblock_(std::move(unblock)) {}
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
  output& out() { return *out_; }
  long write_stdin(std::string_view bytes);
  int close_stdin();
  // kill(2) to its process; -1 with ESRCH before any start.
  int signal(int sig);
  // The connection attempts of this host counted by earlier steps.
  std::atomic<std::size_t>& attempts_seen() { return attempts_seen_; }

  // Ends the latest start (kills its process group, or wakes the code and waits for it) and
  // reaps it; idempotent. False when code did not return (its thread was left running).
  bool stop();
  // What the reports show; call after stop().
  expect::program_record record() const;

 private:
  std::shared_ptr<launched> current() const;
  std::shared_ptr<launched> make_start();

  launch launch_;
  code_fn code_;
  code_env env_;
  std::function<void()> unblock_;
  std::shared_ptr<output> out_ = std::make_shared<output>();
  mutable std::mutex m_;
  std::shared_ptr<launched> proc_;
  std::optional<core::outcome> end_before_stop_;
  bool stopped_ = false;
  bool abandoned_ = false;
  unsigned starts_ = 0;
  std::atomic<std::size_t> attempts_seen_{0};
};

}  // namespace rstlab::endpoint
