// C++ code as a program endpoint (the C++ API's rstlab::lab): a function run on a thread of its
// own inside the host's network namespace (the thread that starts it must be in it: a new
// thread shares its creator's namespaces), with every signal blocked as on rstlab's workers, so
// that a SIGPIPE its writes raise stays pending instead of ending the whole test program (it is
// said on the code's stderr). What the function returns is its exit status; an exception that
// escapes it is exit 1, with what() on its stderr. Code cannot be killed: ending it runs
// `unblock` (the engine destroys the host's TCP sockets, which wakes a call blocked on one with
// ECONNABORTED) and waits for the function to return.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "harness/endpoint/launched.hpp"
#include "harness/endpoint/output.hpp"

namespace rstlab::endpoint {

// What the code is told about where it runs, and where its output goes.
struct code_env {
  std::string address;       // its host's address ("198.18.0.1", "2001:db8::1")
  std::string peer_address;  // the other host's
  std::uint16_t port = 0;    // the fixture's service port
  int family = 4;
  output* out = nullptr;     // its stdout and stderr
};

using code_fn = std::function<int(code_env&)>;

class code_run : public launched {
 public:
  // How long ending it waits for the function to return before giving up on it.
  static constexpr std::chrono::seconds patience{2};

  // `out` is where env.out points: the thread keeps it alive while it runs.
  code_run(code_fn fn, code_env env, std::shared_ptr<output> out, std::function<void()> unblock);
  ~code_run() override;

  int pid() const override { return 0; }
  int done_fd() const override;
  std::optional<core::outcome> ended() override;
  long write_stdin(std::string_view) override;  // EBADF: code has no stdin
  int close_stdin() override;
  int signal(int) override;                     // EOPNOTSUPP: code cannot be signalled
  bool kill_group() override;  // false: it did not return within `patience`; left running

 private:
  bool abandoned() const;
  struct shared;
  std::shared_ptr<shared> s_;
  std::function<void()> unblock_;
  std::thread thread_;
};

}  // namespace rstlab::endpoint
