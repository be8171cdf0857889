#include "harness/endpoint/code_run.hpp"

#include <sys/eventfd.h>

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <exception>
#include <system_error>

#include "harness/sandbox/affinity.hpp"
#include "harness/sandbox/unique_fd.hpp"

namespace rstlab::endpoint {

// What the thread and its owner share; the thread keeps it alive if it outlives the owner.
struct code_run::shared {
  code_fn fn;
  code_env env;
  std::shared_ptr<output> keep;  // the output the env points at, kept while the thread runs
  sandbox::unique_fd done{::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)};
  std::mutex m;
  std::condition_variable returned;
  bool finished = false;
  bool abandoned = false;
  int status = 0;
};

namespace {

int run(code_fn& fn, code_env& env) {
  int status = 0;
  try {
    status = fn(env);
  } catch (const std::exception& e) {
    env.out->append(stream::err, std::string("uncaught exception: ") + e.what() + "\n");
    status = 1;
  } catch (...) {
    env.out->append(stream::err, "uncaught exception (not a std::exception)\n");
    status = 1;
  }
  return status;
  sigset_t pending;
  if (::sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE))
    env.out->append(stream::err, "SIGPIPE was raised (blocked on rstlab's thread; a process "
                                 "with SIGPIPE at its default action would have died of it)\n");
  return status;
}

}  // namespace

code_run::code_run(code_fn fn, code_env env, std::shared_ptr<output> out,
                   std::function<void()> unblock)
    : s_(std::make_shared<shared>()), unblock_(std::move(unblock)) {
  if (!s_->done) throw std::system_error(errno, std::generic_category(), "eventfd for code");
  s_->fn = std::move(fn);
  s_->env = std::move(env);
  s_->keep = std::move(out);
  s_->env.out = s_->keep.get();
  s_->keep->reopen();
  sandbox::unpinned its_cpus;  // the user's code runs where rstlab may, not on the case's CPU
  thread_ = std::thread([s = s_] {  // s keeps what the code uses alive, however long it runs
    int status = run(s->fn, s->env);
    {
      std::lock_guard lock(s->m);
      s->status = status;
      s->finished = true;
    }
    s->returned.notify_all();
    std::uint64_t one = 1;
    (void)!::write(s->done.get(), &one, sizeof one);
    s->env.out->mark_closed(stream::out);  // all it wrote is there: nothing is in flight
    s->env.out->mark_closed(stream::err);
  });
}

code_run::~code_run() {
  kill_group();
}

int code_run::done_fd() const {
  return s_->done.get();
}

std::optional<core::outcome> code_run::ended() {
  std::lock_guard lock(s_->m);
  if (!s_->finished) return std::nullopt;
  return core::outcome{core::outcome::kind::exited, s_->status};
}

long code_run::write_stdin(std::string_view) {
  errno = EBADF;
  return -1;
}

int code_run::close_stdin() {
  errno = EBADF;
  return -1;
}

int code_run::signal(int) {
  errno = EOPNOTSUPP;
  return -1;
}

bool code_run::kill_group() {
  if (!thread_.joinable()) return !abandoned();
  std::unique_lock lock(s_->m);
  if (!s_->finished && unblock_) {
    lock.unlock();
    unblock_();
    lock.lock();
  }
  if (s_->returned.wait_for(lock, patience, [&] { return s_->finished; })) {
    lock.unlock();
    thread_.join();
    return true;
  }
  s_->abandoned = true;
  lock.unlock();
  thread_.detach();  // it keeps what it uses alive (shared)
  return false;
}

bool code_run::abandoned() const {
  std::lock_guard lock(s_->m);
  return s_->abandoned;
}

}  // namespace rstlab::endpoint
