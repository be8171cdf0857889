// The floor: three scenarios reproduced by hand with no harness at all, in the same isolation
// rstlab gives every case (two fresh network namespaces joined by two TUN devices and a
// forwarding loop). What this costs is the least any harness can cost for the same case.
// The same kernel work as the harness, no more: each of these fixtures asserts counters of both
// hosts, so both hosts' counter files are read as the case starts and before it ends.
// Prints one line per scenario: name, runs, median and best time in milliseconds.
// `rstlab_floor RUNS NAME` runs one scenario only (ci/bench-scale times a process of one);
// `rstlab_floor RUNS NAME phases` prints, instead, the mean length of each phase in
// microseconds, cut where the harness cuts its own (its JSON report's phases_us).
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "harness/sandbox/link_conf.hpp"

namespace {

using steady = std::chrono::steady_clock;

// The end of each phase of the current run: the hosts built, the counters read, the steps
// over, the counters read again, everything closed.
struct phase_clock {
  steady::time_point began, built, ready, ran, concluded, done;
} phases;

void check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "floor: %s: %s\n", what, std::strerror(errno));
  std::exit(1);
}

struct host {
  int ns = -1, tun = -1, snmp = -1, netstat = -1;
  in_addr addr{};
};

void set_if(int sock, const char* name, unsigned long req, in_addr a) {
  ifreq r{};
  std::strncpy(r.ifr_name, name, IFNAMSIZ - 1);
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  sin.sin_addr = a;
  std::memcpy(&r.ifr_addr, &sin, sizeof sin);
  check(ioctl(sock, req, &r) == 0, "ioctl address");
}

void up(int sock, const char* name) {
  ifreq r{};
  std::strncpy(r.ifr_name, name, IFNAMSIZ - 1);
  check(ioctl(sock, SIOCGIFFLAGS, &r) == 0, "get flags");
  r.ifr_flags = short(r.ifr_flags | IFF_UP);
  check(ioctl(sock, SIOCSIFFLAGS, &r) == 0, "set flags");
}

host make_host(int home, uint32_t ip) {
  host h;
  check(unshare(CLONE_NEWNET) == 0, "unshare");
  h.ns = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  h.snmp = open("/proc/thread-self/net/snmp", O_RDONLY | O_CLOEXEC);
  h.netstat = open("/proc/thread-self/net/netstat", O_RDONLY | O_CLOEXEC);
  check(h.snmp >= 0 && h.netstat >= 0, "open counters");
  h.tun = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
  check(h.tun >= 0, "open tun");
  ifreq r{};
  r.ifr_flags = IFF_TUN | IFF_NO_PI;
  std::strcpy(r.ifr_name, "wire0");
  check(ioctl(h.tun, TUNSETIFF, &r) == 0, "TUNSETIFF");
  // The kernel work the harness does for a quiet interface: one rtnetlink request.
  rstlab::sandbox::no_generated_ipv6("wire0");
  int s = socket(AF_INET, SOCK_DGRAM, 0);
  h.addr.s_addr = htonl(ip);
  set_if(s, "wire0", SIOCSIFADDR, h.addr);
  set_if(s, "wire0", SIOCSIFNETMASK, in_addr{htonl(0xffffff00u)});
  up(s, "wire0");
  up(s, "lo");
  close(s);
  check(setns(home, CLONE_NEWNET) == 0, "setns home");
  return h;
}

void drop(host& h) {
  ioctl(h.tun, TUNSETPERSIST, 1);  // batched cleanup, as the harness does
  close(h.tun);
  close(h.snmp);
  close(h.netstat);
  close(h.ns);
}

// Both hosts' counters, read whole (the kernel writes the text anew at every read).
void read_counters(const host& a, const host& b) {
  static char buf[16384];
  for (const host* h : {&a, &b})
    for (int fd : {h->snmp, h->netstat}) check(pread(fd, buf, sizeof buf, 0) > 0, "counters");
}

// Forward packets both ways until neither host has anything queued.
void pump(host& a, host& b) {
  static char buf[65536];
  for (bool moved = true; moved;) {
    moved = false;
    for (auto [from, to] : {std::pair{&a, &b}, std::pair{&b, &a}})
      for (ssize_t n; (n = read(from->tun, buf, sizeof buf)) > 0; moved = true)
        check(write(to->tun, buf, size_t(n)) == n, "forward");
  }
}

int tcp_in(int home, int ns) {
  check(setns(ns, CLONE_NEWNET) == 0, "setns");
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  check(setns(home, CLONE_NEWNET) == 0, "setns home");
  return fd;
}

sockaddr_in at(in_addr a, int port) {
  sockaddr_in s{};
  s.sin_family = AF_INET;
  s.sin_addr = a;
  s.sin_port = htons(uint16_t(port));
  return s;
}

struct pair_of_hosts {
  int home;
  host c, s;
  pair_of_hosts() : home(open("/proc/thread-self/ns/net", O_RDONLY)) {
    phases.began = steady::now();
    c = make_host(home, 0xC6120001u);
    s = make_host(home, 0xC6120002u);
    phases.built = steady::now();
    read_counters(c, s);
    phases.ready = steady::now();
  }
  void conclude() {
    phases.ran = steady::now();
    read_counters(c, s);
    phases.concluded = steady::now();
  }
  ~pair_of_hosts() {
    drop(c);
    drop(s);
    close(home);
    phases.done = steady::now();
  }
};

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
  pair_of_hosts p;
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
  pair_of_hosts p;
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
  pair_of_hosts p;
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

void measure_phases(const char* name, void (*scenario)(), int runs) {
  double sum[5] = {};
  for (int i = 0; i < runs; ++i) {
    scenario();
    const steady::time_point marks[] = {phases.began, phases.built, phases.ready, phases.ran,
                                        phases.concluded, phases.done};
    for (int k = 0; k < 5; ++k)
      sum[k] += std::chrono::duration<double, std::micro>(marks[k + 1] - marks[k]).count();
  }
  std::printf("phases %-32s sandbox %6.0f start %6.0f steps %6.0f end %6.0f teardown %6.0f\n",
              name, sum[0] / runs, sum[1] / runs, sum[2] / runs, sum[3] / runs, sum[4] / runs);
}

void measure(const char* name, void (*scenario)(), int runs) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    scenario();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  std::printf("floor  %-32s runs %3d  median %7.3f ms  best %7.3f ms\n", name, runs,
              ms[ms.size() / 2], ms.front());
}

}  // namespace

// rstlab_floor [RUNS [NAME [phases]]]: every scenario RUNS times (default 20), or only the one
// NAME, timed whole or by phase.
int main(int argc, char** argv) {
  int runs = argc > 1 ? std::atoi(argv[1]) : 20;
  const char* only = argc > 2 ? argv[2] : nullptr;
  bool by_phase = argc > 3 && std::strcmp(argv[3], "phases") == 0;
  const std::pair<const char*, void (*)()> scenarios[] = {
      {"connect-no-listener", refused},
      {"close-with-unread-data", unread_close},
      {"abort-with-linger-zero", linger_zero}};
  for (auto [name, scenario] : scenarios)
    if (!only || std::strcmp(only, name) == 0)
      (by_phase ? measure_phases : measure)(name, scenario, runs);
}
