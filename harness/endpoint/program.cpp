#include "harness/endpoint/program.hpp"

#include <csignal>
#include <system_error>

namespace rstlab::endpoint {

std::shared_ptr<launched> program::current() const {
  std::lock_guard lock(m_);
  return proc_;
}

std::shared_ptr<launched> program::make_start() {
  if (code_) return std::make_shared<code_run>(code_, env_, out_, unblock_);
  return std::make_shared<process>(launch_, *out_);
}

int program::start() {
  auto running = current();
  if (running && !running->ended()) return EALREADY;
  try {
    auto next = make_start();
    std::lock_guard lock(m_);
    proc_ = std::move(next);  // the one before has ended: its reader saw its pipes close
    ++starts_;
    return 0;
  } catch (const std::system_error& e) {
    int err = e.code().value();
    if (err == EMFILE || err == ENFILE || err == ENOMEM || err == EAGAIN) throw;
    return err;
  }
}

std::optional<core::outcome> program::ended() {
  auto p = current();
  return p ? p->ended() : std::nullopt;
}

bool program::started() const {
  return current() != nullptr;
}

int program::pidfd() const {
  auto p = current();
  return p ? p->done_fd() : -1;
}

long program::write_stdin(std::string_view bytes) {
  auto p = current();
  if (!p) return errno = EBADF, -1;
  return p->write_stdin(bytes);
}

int program::close_stdin() {
  auto p = current();
  if (!p) return errno = EBADF, -1;
  return p->close_stdin();
}

int program::signal(int sig) {
  auto p = current();
  if (!p) return errno = ESRCH, -1;
  return p->signal(sig);
}

bool program::stop() {
  auto p = current();
  std::lock_guard lock(m_);
  if (stopped_) return !abandoned_;
  stopped_ = true;
  if (!p) return true;
  end_before_stop_ = p->ended();
  abandoned_ = !p->kill_group();
  return !abandoned_;
}

expect::program_record program::record() const {
  expect::program_record r;
  if (code_) r.command = "(C++ code)";
  for (const auto& a : launch_.argv) r.command += (r.command.empty() ? "" : " ") + a;
  std::lock_guard lock(m_);
  r.starts = starts_;
  if (proc_) r.pid = proc_->pid();
  r.end = end_before_stop_;
  r.out = out_->text(stream::out);
  r.err = out_->text(stream::err);
  r.out_dropped = out_->dropped(stream::out);
  r.err_dropped = out_->dropped(stream::err);
  return r;
}

}  // namespace rstlab::endpoint
