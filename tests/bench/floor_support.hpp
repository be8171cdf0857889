// What both floors share (floor.cpp, floor_blocking.cpp): the isolation rstlab gives every case
// (two fresh network namespaces joined by two TUN devices and a forwarding loop), the kernel
// work it does for each host (one rtnetlink request for a quiet interface; both hosts' counter
// files read as the case starts and before it ends, as each of these fixtures asserts
// counters of both), the phase clock cut where the harness cuts its own (its JSON report's
// phases_us) and the command line: `FLOOR [RUNS [NAME [phases]]]` prints per scenario its runs,
// median and best time in milliseconds, or with `phases` the mean length of each phase in
// microseconds.
#pragma once

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
#include <utility>
#include <vector>

#include "harness/sandbox/link_conf.hpp"

namespace floor_bench {

using steady = std::chrono::steady_clock;

// The end of each phase of the current run: the hosts built, the counters read (and the
// endpoints ready), the steps over, the counters read again, everything closed.
struct phase_clock {
  steady::time_point began, built, ready, ran, concluded, done;
};
inline phase_clock phases;

inline void check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "floor: %s: %s\n", what, std::strerror(errno));
  std::exit(1);
}

struct host {
  int ns = -1, tun = -1, snmp = -1, netstat = -1;
  in_addr addr{};
};

inline void set_if(int sock, const char* name, unsigned long req, in_addr a) {
  ifreq r{};
  std::strncpy(r.ifr_name, name, IFNAMSIZ - 1);
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  sin.sin_addr = a;
  std::memcpy(&r.ifr_addr, &sin, sizeof sin);
  check(ioctl(sock, req, &r) == 0, "ioctl address");
}

inline void up(int sock, const char* name) {
  ifreq r{};
  std::strncpy(r.ifr_name, name, IFNAMSIZ - 1);
  check(ioctl(sock, SIOCGIFFLAGS, &r) == 0, "get flags");
  r.ifr_flags = short(r.ifr_flags | IFF_UP);
  check(ioctl(sock, SIOCSIFFLAGS, &r) == 0, "set flags");
}

inline host make_host(int home, uint32_t ip) {
  host h;
  check(unshare(CLONE_NEWNET) == 0, "unshare");
  h.ns = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  int net = open("/proc/thread-self/net", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  h.snmp = openat(net, "snmp", O_RDONLY | O_CLOEXEC);
  h.netstat = openat(net, "netstat", O_RDONLY | O_CLOEXEC);
  check(h.snmp >= 0 && h.netstat >= 0, "open counters");
  close(net);
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

inline void drop(host& h) {
  ioctl(h.tun, TUNSETPERSIST, 1);  // batched cleanup, as the harness does
  close(h.tun);
  close(h.snmp);
  close(h.netstat);
  close(h.ns);
}

// Which of a host's counter files a run reads: as the harness does, the ones holding a counter
// the scenario's fixture asserts of that host (snmp the Tcp: ones, netstat the TcpExt: ones).
struct files {
  bool snmp, netstat;
};
struct counter_reads {
  files client, server;
};
constexpr counter_reads refused_reads{{true, false}, {true, false}};       // connect-no-listener
constexpr counter_reads unread_close_reads{{true, false}, {true, true}};   // close-with-unread-data
constexpr counter_reads linger_zero_reads{{true, true}, {true, false}};    // abort-with-linger-zero

// The hosts' counters, read whole (the kernel writes the text anew at every read).
inline void read_counters(const host& a, const host& b, counter_reads r) {
  static char buf[16384];
  for (auto [h, f] : {std::pair{&a, r.client}, std::pair{&b, r.server}}) {
    if (f.snmp) check(pread(h->snmp, buf, sizeof buf, 0) > 0, "counters");
    if (f.netstat) check(pread(h->netstat, buf, sizeof buf, 0) > 0, "counters");
  }
}

// Forwards what either host has queued, both ways; true when a packet moved.
inline bool forward(host& a, host& b) {
  static char buf[65536];
  bool moved = false;
  for (auto [from, to] : {std::pair{&a, &b}, std::pair{&b, &a}})
    for (ssize_t n; (n = read(from->tun, buf, sizeof buf)) > 0; moved = true)
      check(write(to->tun, buf, size_t(n)) == n, "forward");
  return moved;
}

// Forwards until neither host has anything queued.
inline void pump(host& a, host& b) {
  while (forward(a, b)) {
  }
}

inline sockaddr_in at(in_addr a, int port) {
  sockaddr_in s{};
  s.sin_family = AF_INET;
  s.sin_addr = a;
  s.sin_port = htons(uint16_t(port));
  return s;
}

// The two hosts of one run, with the phase marks of building them and of reading the
// counters; `ready()` ends the start phase, `conclude()` the steps and the end.
struct pair_of_hosts {
  int home = -1;
  host c, s;
  counter_reads reads;
  explicit pair_of_hosts(counter_reads r) : reads(r) {
    phases.began = steady::now();
    home = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    c = make_host(home, 0xC6120001u);
    s = make_host(home, 0xC6120002u);
    phases.built = steady::now();
    read_counters(c, s, reads);
  }
  void ready() { phases.ready = steady::now(); }
  void conclude() {
    phases.ran = steady::now();
    read_counters(c, s, reads);
    phases.concluded = steady::now();
  }
  ~pair_of_hosts() {
    drop(c);
    drop(s);
    close(home);
    phases.done = steady::now();
  }
};

struct scenario {
  const char* name;
  void (*run)();
};

inline void measure_phases(const scenario& sc, int runs) {
  double sum[5] = {};
  for (int i = 0; i < runs; ++i) {
    sc.run();
    const steady::time_point marks[] = {phases.began, phases.built, phases.ready, phases.ran,
                                        phases.concluded, phases.done};
    for (int k = 0; k < 5; ++k)
      sum[k] += std::chrono::duration<double, std::micro>(marks[k + 1] - marks[k]).count();
  }
  std::printf("phases %-32s sandbox %6.0f start %6.0f steps %6.0f end %6.0f teardown %6.0f\n",
              sc.name, sum[0] / runs, sum[1] / runs, sum[2] / runs, sum[3] / runs,
              sum[4] / runs);
}

inline void measure(const scenario& sc, int runs) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    sc.run();  // timed from its first host to its last close, as a case's elapsed time is
    ms.push_back(std::chrono::duration<double, std::milli>(phases.done - phases.began).count());
  }
  std::sort(ms.begin(), ms.end());
  std::printf("floor  %-32s runs %3d  median %7.3f ms  best %7.3f ms\n", sc.name, runs,
              ms[ms.size() / 2], ms.front());
}

// The three scenarios every floor reproduces; each runs under its fixture's name, by which
// ci/bench finds the fixture to pair it with.
struct floor_scenarios {
  void (*refused)();       // connect-no-listener
  void (*unread_close)();  // close-with-unread-data
  void (*linger_zero)();   // abort-with-linger-zero
};

// FLOOR [RUNS [NAME [phases]]]: every scenario RUNS times (default 20), or only the one NAME,
// timed whole or by phase.
inline int run_floor(int argc, char** argv, const floor_scenarios& f) {
  const scenario scenarios[] = {{"connect-no-listener", f.refused},
                                {"close-with-unread-data", f.unread_close},
                                {"abort-with-linger-zero", f.linger_zero}};
  int runs = argc > 1 ? std::atoi(argv[1]) : 20;
  const char* only = argc > 2 ? argv[2] : nullptr;
  bool by_phase = argc > 3 && std::strcmp(argv[3], "phases") == 0;
  if (runs < 1) {
    std::fprintf(stderr, "usage: %s [RUNS [NAME [phases]]]\n", argv[0]);
    return 2;
  }
  for (const auto& sc : scenarios)
    if (!only || std::strcmp(only, sc.name) == 0) (by_phase ? measure_phases : measure)(sc, runs);
  return 0;
}

}  // namespace floor_bench
