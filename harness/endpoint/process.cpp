#include "harness/endpoint/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <csignal>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <system_error>

#include "harness/sandbox/affinity.hpp"

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

// posix_spawn's attributes and file actions, destroyed with the scope.
struct spawn_plan {
  posix_spawnattr_t attr;
  posix_spawn_file_actions_t files;
  spawn_plan() {
    ::posix_spawnattr_init(&attr);
    ::posix_spawn_file_actions_init(&files);
  }
  ~spawn_plan() {
    ::posix_spawn_file_actions_destroy(&files);
    ::posix_spawnattr_destroy(&attr);
  }
  spawn_plan(const spawn_plan&) = delete;
  spawn_plan& operator=(const spawn_plan&) = delete;
};

// Its own group, nothing blocked, every action the default, the pipes as 0, 1 and 2, nothing
// else open, in its working folder. The set of signals to default is filled byte by byte:
// sigfillset() leaves out glibc's two internal signals, which posix_spawn would then leave
// ignored in the child (it ignores each one blocked in the parent that the set does not name).
void plan_child(spawn_plan& p, int in, int out, int err, const std::string& cwd) {
  sigset_t none, all;
  sigemptyset(&none);
  std::memset(&all, 0xff, sizeof all);
  ::posix_spawnattr_setsigmask(&p.attr, &none);
  ::posix_spawnattr_setsigdefault(&p.attr, &all);
  ::posix_spawnattr_setpgroup(&p.attr, 0);
  ::posix_spawnattr_setflags(&p.attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF |
                                          POSIX_SPAWN_SETPGROUP);
  ::posix_spawn_file_actions_adddup2(&p.files, in, 0);
  ::posix_spawn_file_actions_adddup2(&p.files, out, 1);
  ::posix_spawn_file_actions_adddup2(&p.files, err, 2);
  ::posix_spawn_file_actions_addchdir_np(&p.files, cwd.c_str());
  ::posix_spawn_file_actions_addclosefrom_np(&p.files, 3);
}

core::outcome outcome_of(const siginfo_t& info) {
  if (info.si_code == CLD_EXITED) return {core::outcome::kind::exited, info.si_status};
  return {core::outcome::kind::killed, info.si_status};
}

}  // namespace

// posix_spawn (a vfork: 0.5 ms to start /bin/true here, where fork() copying rstlab's page
// tables took 1.4 ms).
process::process(const launch& l, output& out) : out_(out) {
  static std::once_flag adopting;
  std::call_once(adopting, [] { ::prctl(PR_SET_CHILD_SUBREAPER, 1); });
  auto in = make_pipe(), o = make_pipe(), e = make_pipe();
  spawn_plan plan;
  plan_child(plan, in.read.get(), o.write.get(), e.write.get(), l.cwd);
  auto argv = pointers(l.argv);
  auto envp = pointers(l.env);
  sandbox::unpinned its_cpus;  // the program runs where rstlab may, not on the case's CPU
  int rc = ::posix_spawn(&pid_, l.executable.c_str(), &plan.files, &plan.attr, argv.data(),
                         envp.data());
  if (rc != 0) {
    pid_ = -1;
    fail("cannot start " + l.executable, rc);
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
  out_.reopen();
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

bool process::kill_group() {
  std::lock_guard lock(m_);
  if (killed_ || pid_ < 0) return true;
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
  return true;
}

}  // namespace rstlab::endpoint
