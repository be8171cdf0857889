// A program's process: started in the calling thread's network namespace (a worker of its
// host, or the engine thread inside a netns_guard), in a process group of its own, with no
// signal blocked and every signal at its default action (rstlab's blocked SIGPIPE must not
// leak into it), only its three pipes open, and a reader thread copying its stdout and stderr
// into an `output` as they come. Destroying it kills the whole group, reaps the process and
// stops the reader: no zombie, no stray, no descriptor left. rstlab becomes a child subreaper
// (PR_SET_CHILD_SUBREAPER) when it first starts a program, so that what the program's processes
// leave behind comes to it to be reaped, not to an init that may never reap it; a program that
// embeds rstlab adopts its own orphans from then on too.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "harness/core/outcome.hpp"
#include "harness/endpoint/launched.hpp"
#include "harness/endpoint/output.hpp"
#include "harness/sandbox/unique_fd.hpp"

namespace rstlab::endpoint {

struct launch {
  std::string executable;         // absolute
  std::vector<std::string> argv;  // argv[0] as written
  std::vector<std::string> env;   // the whole environment, "NAME=value"
  std::string cwd;
};

class process : public launched {
 public:
  // Throws std::system_error when the program cannot be started (the error of the exec).
  process(const launch& l, output& out);
  ~process() override;
  process(const process&) = delete;
  process& operator=(const process&) = delete;

  int pid() const override { return pid_; }
  // Readable once the process has ended (a pidfd).
  int done_fd() const override { return pidfd_.get(); }
  // How it ended (exited with a status, killed by a signal); nullopt while it runs. The
  // zombie is left for kill_group to reap.
  std::optional<core::outcome> ended() override;
  // Writes to its stdin as write(2) does (a broken pipe is EPIPE, with SIGPIPE raised on the
  // calling thread); -1 with EBADF once stdin is closed.
  long write_stdin(std::string_view bytes) override;
  int close_stdin() override;
  int signal(int sig) override;
  // SIGKILL to the whole group, then waits for the process to end and the reader to finish.
  bool kill_group() override;

 private:
  void read_loop();

  output& out_;
  pid_t pid_ = -1;
  sandbox::unique_fd pidfd_, stdin_, stdout_, stderr_, stop_;
  std::mutex m_;
  std::optional<core::outcome> end_;
  bool killed_ = false;
  std::thread reader_;
};

}  // namespace rstlab::endpoint
