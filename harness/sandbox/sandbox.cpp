#include "harness/sandbox/sandbox.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/ip.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <system_error>

#include "harness/core/sysctls.hpp"
#include "harness/sandbox/link_conf.hpp"
#include "harness/sandbox/netns.hpp"
#include "harness/sandbox/sock_diag.hpp"
#include "harness/sandbox/sysctl.hpp"

namespace rstlab::sandbox {
namespace {

constexpr const char* ifname = "wire0";

std::string explain_tun_failure(const options& opts, const std::system_error& e) {
  std::string why = e.what();
  if (e.code().value() == EACCES || e.code().value() == EPERM)
    return why + ": the wire needs " + opts.tun_node +
           " readable and writable by this user (most distributions ship it as mode 0666; "
           "as root: chmod 0666 " + opts.tun_node + "), or run as root";
  if (e.code().value() == ENOENT)
    return why + ": this machine has no TUN device node (modprobe tun; mknod " + opts.tun_node +
           " c 10 200)";
  return why;
}

// Out of descriptors or memory, the machine can build sandboxes, just not now: that is the
// harness failing (ERROR), not a machine without sandboxes (SKIP).
bool out_of_resources(const std::system_error& e) {
  switch (e.code().value()) {
    case EMFILE: case ENFILE: case ENOMEM: case ENOBUFS: case ENOSPC: return true;
    default: return false;
  }
}

[[noreturn]] void cannot_build(const std::system_error& e, const std::string& why) {
  if (out_of_resources(e)) throw std::runtime_error(why);
  throw unavailable(why);
}

}  // namespace

sandbox::sandbox(const options& opts) {
  if (opts.loopback) {
    hosts_[0] = make_loopback(opts, tap_);
    hosts_[1] = share(hosts_[0]);
    return;
  }
  hosts_[0] = make_host(opts, fixture::host::client);
  hosts_[1] = make_host(opts, fixture::host::server);
}

sandbox::host_net sandbox::make_loopback(const options& opts,
                                         std::optional<wire::loopback_tap>& tap) {
  host_net net;
  try {
    net.addr = core::loopback_address(opts.family);
    netns_guard in{netns_guard::fresh{}, net.ns};
    loopback_host(opts, net, tap);
  } catch (const std::system_error& e) {
    cannot_build(e, e.what());
  }
  return net;
}

void sandbox::loopback_host(const options& opts, host_net& net,
                            std::optional<wire::loopback_tap>& tap) {
  // A new namespace starts IPv6 from the kernel's defaults, enabled: lo gets ::1 as it
  // comes up. lo is the only interface. A packet the wire puts on lo has no route attached as
  // the stack's own do, so IPv4 looks one up and drops a source of 127.0.0.1 as martian unless
  // lo has route_localnet (a loopback address may be routed) and accept_local (a source that
  // is one of our own addresses is fine). The stack's own packets carry their route and never
  // ask.
  set_ipv4_conf("lo", {{IPV4_DEVCONF_ROUTE_LOCALNET, 1}, {IPV4_DEVCONF_ACCEPT_LOCAL, 1}});
  bring_up(interface_socket().get(), "lo");
  open_counters(net, opts.family);
  tap.emplace();
}

// The other host of the loopback topology: the same namespace and files, its own descriptors.
sandbox::host_net sandbox::share(const host_net& net) {
  auto again = [](const unique_fd& fd) {
    if (!fd) return unique_fd{};
    unique_fd copy{::fcntl(fd.get(), F_DUPFD_CLOEXEC, 0)};
    if (!copy) throw std::system_error(errno, std::generic_category(), "dup a namespace file");
    return copy;
  };
  host_net other;
  other.ns = again(net.ns);
  other.snmp = again(net.snmp);
  other.netstat = again(net.netstat);
  other.sockstat = again(net.sockstat);
  other.sockstat6 = again(net.sockstat6);
  other.addr = net.addr;
  return other;
}

sandbox::host_net sandbox::make_host(const options& opts, fixture::host h) {
  host_net net;
  try {
    net.addr = core::sandbox_address(opts.family, h);
    netns_guard in{netns_guard::fresh{}, net.ns};
    open_counters(net, opts.family);
    net.tun.emplace(opts.tun_node, ifname);
    quiet_ipv6(opts.family);
    // One socket for every interface request; lo last, once the wire's interface is in place
    // (measured: about 15 us less a host than bringing lo up first).
    auto sock = interface_socket();
    configure_interface(sock.get(), ifname, net.addr, net.addr.fam == core::family::v4 ? 24 : 64);
    bring_up(sock.get(), "lo");
  } catch (const std::system_error& e) {
    cannot_build(e, explain_tun_failure(opts, e));
  }
  return net;
}

// The files the counters and the sockets in use are read from, of the namespace the thread is
// in.
void sandbox::open_counters(host_net& net, core::family f) {
  net_dir dir;
  net.snmp = dir.open("snmp");
  net.netstat = dir.open("netstat");
  net.sockstat = dir.open("sockstat");
  if (f == core::family::v6) net.sockstat6 = dir.open("sockstat6");
}

// The wire carries only what the hosts' sockets send: with no link-local address, IPv6 on a
// TUN interface sends nothing of its own (measured: nothing in 12 s; with the kernel's default,
// a router solicitation as the interface comes up and another 4 s later). Its global address
// comes with IFA_F_NODAD and TUN has no neighbour discovery, so nothing else is needed, over
// either family.
void sandbox::quiet_ipv6(core::family f) {
  if (!no_generated_ipv6(ifname) && f == core::family::v6)
    throw std::system_error(EAFNOSUPPORT, std::generic_category(), "this kernel has no IPv6");
}

core::ip_address sandbox::address(fixture::host h) const { return at(h).addr; }

std::string sandbox::counter_text(fixture::host h, counter_files files) const {
  std::string text;
  text.reserve(8192);  // both files of a 6.x kernel, about 5.3 kB
  if (files.snmp) append_whole(at(h).snmp.get(), text);
  if (files.netstat) append_whole(at(h).netstat.get(), text);
  return text;
}

core::counter_map sandbox::counters(fixture::host h) const {
  auto snmp = core::parse_counters(read_whole(at(h).snmp.get()));
  auto ext = core::parse_counters(read_whole(at(h).netstat.get()));
  snmp.merge(ext);
  return snmp;
}

void sandbox::apply(fixture::host h, const std::vector<fixture::sysctl_setting>& settings) {
  if (settings.empty()) return;
  netns_guard in{netns(h)};
  for (const auto& s : settings) {
    auto known = core::find_sysctl(s.name);  // the loader let only known names through
    if (!known) throw std::runtime_error("no such setting: " + s.name);
    std::string path{known->path};
    if (!write_setting(path, s.value))
      throw std::runtime_error(std::string("the ") + fixture::host_name(h) + " host refused " +
                               s.name + " = " + s.value + " (" + path + ": " +
                               std::strerror(errno) + ")");
  }
}

std::map<std::string, std::string> sandbox::tcp_settings(fixture::host h) const {
  netns_guard in{netns(h)};
  return read_tcp_settings();
}

namespace {

int in_use(int sockstat_fd, std::string_view label) {
  auto text = read_whole(sockstat_fd);
  auto at = text.find(label);
  return at == std::string::npos ? 0 : std::atoi(text.c_str() + at + label.size());
}

}  // namespace

int sandbox::tcp_in_use(fixture::host h) const {
  int n = in_use(at(h).sockstat.get(), "TCP: inuse ");
  return at(h).sockstat6 ? n + in_use(at(h).sockstat6.get(), "TCP6: inuse ") : n;
}

bool sandbox::destroy_sockets(fixture::host h) {
  netns_guard in{netns(h)};
  return destroy_tcp_sockets() >= 0;
}

std::string probe(const options& opts) {
  try {
    sandbox trial{opts};
  } catch (const unavailable& e) {
    return e.what();
  }
  return {};
}

}  // namespace rstlab::sandbox
