// The bare floor: three scenarios reproduced by hand with no harness at all, in the same
// isolation rstlab gives every case (floor_support.hpp), each on one thread with non-blocking
// sockets, forwarding between calls. Nothing a harness could do costs less; what the harness
// must add to keep every call real and blocking is in the blocking floor (floor_blocking.cpp).
// Usage and output: floor_support.hpp.
#include "tests/bench/floor_support.hpp"

namespace {

using namespace floor_bench;

int tcp_in(int home, int ns) {
  check(setns(ns, CLONE_NEWNET) == 0, "setns");
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  check(setns(home, CLONE_NEWNET) == 0, "setns home");
  return fd;
}

// Client connected to server; returns {client fd, accepted fd, listener fd}.
std::vector<int> connected(pair_of_hosts& p) {
  int l = tcp_in(p.home, p.s.ns);
  auto sa = at(p.s.addr, 8000);
  check(bind(l, (sockaddr*)&sa, sizeof sa) == 0 && listen(l, 16) == 0, "listen");
  int c = tcp_in(p.home, p.c.ns);
  connect(c, (sockaddr*)&sa, sizeof sa);
  pump(p.c, p.s);
  int a = accept4(l, nullptr, nullptr, SOCK_NONBLOCK);
  check(a >= 0, "accept");
  return {c, a, l};
}

void refused() {
  pair_of_hosts p{refused_reads};
  p.ready();
  int c = tcp_in(p.home, p.c.ns);
  auto sa = at(p.s.addr, 54321);
  check(connect(c, (sockaddr*)&sa, sizeof sa) < 0 && errno == EINPROGRESS, "connect");
  pump(p.c, p.s);
  int err = 0;
  socklen_t len = sizeof err;
  getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len);
  check(err == ECONNREFUSED, "expected ECONNREFUSED");
  p.conclude();
  close(c);
}

void unread_close() {
  pair_of_hosts p{unread_close_reads};
  p.ready();
  auto fds = connected(p);
  static char buf[5000];
  check(write(fds[0], buf, 5000) == 5000, "write");
  pump(p.c, p.s);
  check(read(fds[1], buf, 4096) == 4096, "read 4096");
  close(fds[1]);
  pump(p.c, p.s);
  check(read(fds[0], buf, 100) < 0 && errno == ECONNRESET, "expected ECONNRESET");
  p.conclude();
  close(fds[0]);
  close(fds[2]);
}

void linger_zero() {
  pair_of_hosts p{linger_zero_reads};
  p.ready();
  auto fds = connected(p);
  static char buf[100];
  check(write(fds[0], buf, 100) == 100, "write");
  pump(p.c, p.s);
  check(read(fds[1], buf, 100) == 100, "read");
  linger lg{1, 0};
  setsockopt(fds[0], SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
  close(fds[0]);
  pump(p.c, p.s);
  check(read(fds[1], buf, 100) < 0 && errno == ECONNRESET, "expected ECONNRESET");
  p.conclude();
  close(fds[1]);
  close(fds[2]);
}

}  // namespace

int main(int argc, char** argv) {
  return run_floor(argc, argv, {refused, unread_close, linger_zero});
}
