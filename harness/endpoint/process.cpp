#include "harness/endpoint/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <linux/close_range.h>
#include <sys/prctl.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <csignal>
#include <cstdint>
#include <mutex>
#include <system_error>

namespace rstlab::endpoint {
namespace {

using sandbox::unique_fd;

[[noreturn]] void fail(const std::string& what, int err = errno) {
  throw std::system_error(err, std::generic_category(), what);
}

struct pipe_ends {
  unique_fd read, write;
};

pipe_ends make_pipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) < 0) fail("pipe for a program");
  return {unique_fd(fds[0]), unique_fd(fds[1])};
}

std::vector<char*> pointers(const std::vector<std::string>& texts) {
  std::vector<char*> out;
  for (const auto& t : texts) out.push_back(const_cast<char*>(t.c_str()));
  out.push_back(nullptr);
  return out;
}

// In the forked child, with only system calls (the parent has other threads): every signal at
// its default action and none blocked, glibc's own two included (posix_spawn leaves those
// ignored), its own process group, the pipes as 0, 1 and 2 and nothing else open, its folder,
// then the program. An exec that fails writes its errno to `report` and exits 127.
[[noreturn]] void become(const launch& l, char* const* argv, char* const* envp, int in, int out,
                         int err, int report) {
  struct {
    void* handler;
    unsigned long flags;
    void* restorer;
    unsigned long mask;
  } dfl{};  // the kernel's struct sigaction (SIG_DFL is a null handler)
  for (long sig = 1; sig <= 64; ++sig) ::syscall(SYS_rt_sigaction, sig, &dfl, nullptr, 8);
  unsigned long none = 0;
  ::syscall(SYS_rt_sigprocmask, SIG_SETMASK, &none, nullptr, 8);
  ::setpgid(0, 0);
  if (::dup2(in, 0) < 0 || ::dup2(out, 1) < 0 || ::dup2(err, 2) < 0 || ::chdir(l.cwd.c_str()) < 0)
    goto failed;
  ::syscall(SYS_close_range, 3u, ~0u, CLOSE_RANGE_CLOEXEC);  // `report` stays open until exec
  ::execve(l.executable.c_str(), argv, envp);
failed:
  int e = errno;
  (void)!::write(report, &e, sizeof e);
  ::_exit(127);
}

core::outcome outcome_of(const siginfo_t& info) {
  if (info.si_code == CLD_EXITED) return {core::outcome::kind::exited, info.si_status};
  return {core::outcome::kind::killed, info.si_status};
}

}  // namespace

// fork(), not posix_spawn(): glibc's posix_spawn leaves its two internal signals ignored in
// the child, which a program with another C library (or its own use of them) would inherit.
process::process(const launch& l, output& out) : out_(out) {
  static std::once_flag adopting;
  std::call_once(adopting, [] { ::prctl(PR_SET_CHILD_SUBREAPER, 1); });
  auto in = make_pipe(), o = make_pipe(), e = make_pipe(), report = make_pipe();
  auto argv = pointers(l.argv);
  auto envp = pointers(l.env);
  pid_ = ::fork();
  if (pid_ < 0) fail("fork for a program");
  if (pid_ == 0)
    become(l, argv.data(), envp.data(), in.read.get(), o.write.get(), e.write.get(),
           report.write.get());
  ::setpgid(pid_, pid_);  // as the child does: whichever runs first, the group exists after
  report.write.reset();
  int exec_error = 0;
  if (::read(report.read.get(), &exec_error, sizeof exec_error) == sizeof exec_error) {
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
    fail("cannot start " + l.executable, exec_error);
  }
  pidfd_.reset(static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0)));
  stop_.reset(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
  stdin_ = std::move(in.write);
  stdout_ = std::move(o.read);
  stderr_ = std::move(e.read);
  if (!pidfd_ || !stop_) {
    kill_group();
    fail("pidfd or eventfd for a program");
  }
  reader_ = std::thread([this] { read_loop(); });
}

process::~process() {
  kill_group();
}

// Copies both pipes into the output until both are closed, or until told to stop: then it
// takes what the pipes still hold and ends (a process the program left behind in another group
// may keep them open).
void process::read_loop() {
  pollfd fds[3] = {{stdout_.get(), POLLIN, 0}, {stderr_.get(), POLLIN, 0}, {stop_.get(), POLLIN, 0}};
  char buf[16384];
  int open = 2;
  bool stopping = false;
  while (open > 0) {
    if (::poll(fds, 3, stopping ? 0 : -1) <= 0) {
      if (stopping || errno != EINTR) break;
      continue;
    }
    if (fds[2].revents) stopping = true, fds[2].fd = -1;
    for (int i = 0; i < 2; ++i) {
      if (!fds[i].revents) continue;
      auto n = ::read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        out_.append(i == 0 ? stream::out : stream::err, {buf, static_cast<std::size_t>(n)});
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;
        --open;
        out_.mark_closed(i == 0 ? stream::out : stream::err);
      }
    }
  }
  out_.poke();
}

std::optional<core::outcome> process::ended() {
  std::lock_guard lock(m_);
  if (end_) return end_;
  siginfo_t info{};
  // WNOWAIT: the zombie keeps its pid, so its group id cannot be reused before kill_group.
  if (::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
      info.si_pid == pid_)
    end_ = outcome_of(info);
  return end_;
}

long process::write_stdin(std::string_view bytes) {
  int fd;
  {
    std::lock_guard lock(m_);
    fd = stdin_.get();
  }
  if (fd < 0) {
    errno = EBADF;
    return -1;
  }
  return ::write(fd, bytes.data(), bytes.size());
}

int process::signal(int sig) {
  return ::kill(pid_, sig);
}

int process::close_stdin() {
  std::lock_guard lock(m_);
  if (!stdin_) {
    errno = EBADF;
    return -1;
  }
  return ::close(stdin_.release());
}

void process::kill_group() {
  std::lock_guard lock(m_);
  if (killed_ || pid_ < 0) return;
  killed_ = true;
  ::kill(-pid_, SIGKILL);
  siginfo_t info{};
  while (::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED) < 0 && errno == EINTR) {
  }
  if (!end_) end_ = outcome_of(info);
  // The rest of the group: killed with it and, orphaned, rstlab's children now.
  while (::waitid(P_PGID, static_cast<id_t>(pid_), &info, WEXITED) == 0 || errno == EINTR) {
  }
  std::uint64_t one = 1;
  if (stop_) (void)!::write(stop_.get(), &one, sizeof one);
  if (reader_.joinable()) reader_.join();
}

}  // namespace rstlab::endpoint
