// The blocking floor: the same three scenarios as the bare floor, in the same isolation
// (floor_support.hpp), but made the way rstlab must make them: every step of the fixture, in
// its order, is a blocking call on a thread of its endpoint's own, inside its host (started at
// the endpoint's first step, as the harness starts its workers), while this thread keeps the
// wire moving until the call returns. It is the least a harness costs that keeps every call
// real and blocking, with nothing of the harness's own: no parsing, no schedule, no trace, no
// report. Like the harness, it keeps a run's threads on one CPU. Usage and output:
// floor_support.hpp.
#include <linux/sockios.h>
#include <linux/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/eventfd.h>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "tests/bench/floor_support.hpp"

namespace {

using namespace floor_bench;

constexpr int tcp_close = 7;  // TCP_CLOSE of the kernel's TCP states

// One endpoint's thread: it enters its host and makes one call at a time, blocking, with
// SIGPIPE blocked so that a write on a reset connection leaves it pending for the step to take.
class endpoint {
 public:
  explicit endpoint(int ns) : thread_([this, ns] { loop(ns); }) {}
  ~endpoint() {
    {
      std::lock_guard lock{m_};
      stop_ = true;
    }
    cv_.notify_one();
    thread_.join();
    close(done_);
  }
  void hand(std::function<void()> call) {
    {
      std::lock_guard lock{m_};
      job_ = std::move(call);
    }
    cv_.notify_one();
  }
  int done_fd() const { return done_; }

 private:
  void loop(int ns) {
    check(setns(ns, CLONE_NEWNET) == 0, "setns");
    sigset_t pipe;
    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
    std::unique_lock lock{m_};
    for (;;) {
      cv_.wait(lock, [&] { return stop_ || job_; });
      if (!job_) return;
      auto job = std::move(job_);
      job_ = nullptr;
      lock.unlock();
      job();
      uint64_t one = 1;
      check(write(done_, &one, sizeof one) == sizeof one, "done");
      lock.lock();
    }
  }

  std::mutex m_;
  std::condition_variable cv_;
  std::function<void()> job_;
  bool stop_ = false;
  int done_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  std::thread thread_;  // last: it starts once the rest is ready
};

// The run's threads on one CPU, the one this thread is on as it starts, as the harness keeps a
// case's (harness/sandbox/affinity.hpp); every CPU again after.
class one_cpu {
 public:
  one_cpu() {
    sched_getaffinity(0, sizeof before_, &before_);
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(sched_getcpu(), &one);
    sched_setaffinity(0, sizeof one, &one);
  }
  ~one_cpu() { sched_setaffinity(0, sizeof before_, &before_); }

 private:
  cpu_set_t before_{};
};

// A run: the two hosts and their endpoints, each started at its first step.
struct run {
  one_cpu pinned;
  pair_of_hosts p;
  std::optional<endpoint> client, server;

  explicit run(counter_reads reads) : p(reads) { p.ready(); }
  ~run() {
    client.reset();
    server.reset();
  }
  // Hands `call` to the client's (or server's) thread; the wire moves until it returned.
  void on(std::optional<endpoint>& e, int ns, std::function<void()> call) {
    if (!e) e.emplace(ns);
    e->hand(std::move(call));
    for (uint64_t n;;) {
      pollfd fds[] = {{p.c.tun, POLLIN, 0}, {p.s.tun, POLLIN, 0}, {e->done_fd(), POLLIN, 0}};
      check(poll(fds, 3, -1) > 0, "poll");
      forward(p.c, p.s);
      if (read(e->done_fd(), &n, sizeof n) == sizeof n) break;
    }
    pump(p.c, p.s);
  }
  void client_does(std::function<void()> call) { on(client, p.c.ns, std::move(call)); }
  void server_does(std::function<void()> call) { on(server, p.s.ns, std::move(call)); }
};

// Sleeps on the socket until `holds` is true of it, looking again at each wake-up.
template <class Cond>
void await(int fd, Cond holds) {
  while (!holds()) {
    pollfd p{fd, POLLIN | POLLRDHUP, 0};
    check(poll(&p, 1, 1000) >= 0, "poll socket");
  }
}

bool reset_pending(int fd) {
  pollfd p{fd, POLLIN, 0};
  return poll(&p, 1, 0) == 1 && (p.revents & POLLERR);
}

int tcp_state(int fd) {
  tcp_info info{};
  socklen_t len = sizeof info;
  check(getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len) == 0, "TCP_INFO");
  return info.tcpi_state;
}

// A write on a reset connection: EPIPE, and SIGPIPE pending for the thread.
void write_gets_epipe(int fd, size_t bytes) {
  static char buf[16];
  check(write(fd, buf, bytes) < 0 && errno == EPIPE, "expected EPIPE");
  sigset_t pipe;
  sigemptyset(&pipe);
  sigaddset(&pipe, SIGPIPE);
  timespec now{};
  check(sigtimedwait(&pipe, nullptr, &now) == SIGPIPE, "expected SIGPIPE");
}

int stream() { return socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0); }

int listener(in_addr a, int port) {
  int l = stream();
  auto sa = at(a, port);
  check(bind(l, (sockaddr*)&sa, sizeof sa) == 0 && listen(l, 16) == 0, "listen");
  return l;
}

void connect_to(int fd, in_addr a, int port) {
  auto sa = at(a, port);
  check(connect(fd, (sockaddr*)&sa, sizeof sa) == 0, "connect");
}

// connect-no-listener: connect (ECONNREFUSED), tcp-state CLOSE, getsockopt SO_ERROR.
void refused() {
  run r{refused_reads};
  int c = -1;
  r.client_does([&] {
    c = stream();
    auto sa = at(r.p.s.addr, 54321);
    check(connect(c, (sockaddr*)&sa, sizeof sa) < 0 && errno == ECONNREFUSED, "ECONNREFUSED");
  });
  r.client_does([&] { check(tcp_state(c) == tcp_close, "expected CLOSE"); });
  r.client_does([&] {
    int err = -1;
    socklen_t len = sizeof err;
    check(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0, "SO_ERROR");
  });
  r.p.conclude();
  close(c);
}

// close-with-unread-data: the fixture's twelve steps.
void unread_close() {
  run r{unread_close_reads};
  int l = -1, c = -1, a = -1;
  static char buf[5000];
  r.server_does([&] { l = listener(r.p.s.addr, 9877); });
  r.client_does([&] { connect_to(c = stream(), r.p.s.addr, 9877); });
  r.server_does([&] { check((a = accept4(l, nullptr, nullptr, SOCK_CLOEXEC)) >= 0, "accept"); });
  r.client_does([&] { check(write(c, buf, 5000) == 5000, "write"); });
  r.server_does([&] {
    await(a, [&] {
      int n = 0;
      return ioctl(a, SIOCINQ, &n) == 0 && n >= 5000;
    });
  });
  r.server_does([&] { check(read(a, buf, 4096) == 4096, "read 4096"); });
  r.server_does([&] { close(a); });
  r.client_does([&] { await(c, [&] { return reset_pending(c); }); });
  r.client_does([&] { check(tcp_state(c) == tcp_close, "expected CLOSE"); });
  r.client_does([&] { check(read(c, buf, 100) < 0 && errno == ECONNRESET, "ECONNRESET"); });
  r.client_does([&] { check(read(c, buf, 100) == 0, "expected eof"); });
  r.client_does([&] { write_gets_epipe(c, 1); });
  r.p.conclude();
  close(c);
  close(l);
}

// abort-with-linger-zero: the fixture's fifteen steps.
void linger_zero() {
  run r{linger_zero_reads};
  int l = -1, c = -1, a = -1, again = -1;
  static char buf[100];
  auto bound = [&](int fd) {
    auto sa = at(r.p.c.addr, 40000);
    return bind(fd, (sockaddr*)&sa, sizeof sa) == 0;
  };
  r.server_does([&] { l = listener(r.p.s.addr, 9877); });
  r.client_does([&] { c = stream(); });
  r.client_does([&] { check(bound(c), "bind"); });
  r.client_does([&] { connect_to(c, r.p.s.addr, 9877); });
  r.server_does([&] { check((a = accept4(l, nullptr, nullptr, SOCK_CLOEXEC)) >= 0, "accept"); });
  r.client_does([&] { check(write(c, buf, 100) == 100, "write"); });
  r.server_does([&] { check(read(a, buf, 100) == 100, "read"); });
  r.client_does([&] {
    linger lg{1, 0};
    check(setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof lg) == 0, "SO_LINGER");
  });
  r.client_does([&] { close(c); });
  r.server_does([&] { await(a, [&] { return reset_pending(a); }); });
  r.server_does([&] { check(read(a, buf, 100) < 0 && errno == ECONNRESET, "ECONNRESET"); });
  r.server_does([&] { check(read(a, buf, 100) == 0, "expected eof"); });
  r.server_does([&] { write_gets_epipe(a, 10); });
  r.client_does([&] { again = stream(); });
  r.client_does([&] { check(bound(again), "bind again"); });
  r.p.conclude();
  close(again);
  close(a);
  close(l);
}

}  // namespace

int main(int argc, char** argv) {
  return run_floor(argc, argv, {refused, unread_close, linger_zero});
}
