#include "harness/sandbox/sandbox.hpp"

#include <arpa/inet.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <system_error>

#include "harness/core/sysctls.hpp"
#include "harness/sandbox/netns.hpp"
#include "harness/sandbox/sock_diag.hpp"
#include "harness/sandbox/sysctl.hpp"

namespace rstlab::sandbox {
namespace {

constexpr const char* ifname = "wire0";

in_addr host_address(fixture::host h) {
  return in_addr{htonl(h == fixture::host::client ? 0xC6120001u : 0xC6120002u)};  // 198.18.0.x
}

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

}  // namespace

sandbox::sandbox(const options& opts)
    : hosts_{make_host(opts, fixture::host::client), make_host(opts, fixture::host::server)} {}

sandbox::host_net sandbox::make_host(const options& opts, fixture::host h) {
  host_net net;
  try {
    net.ns = new_netns();
    net.addr = host_address(h);
    netns_guard in{net.ns.get()};
    // Router solicitations would appear on the wire ~2 s after the interface comes up; new
    // interfaces take the default, so that one write covers the wire.
    write_sysctl("/proc/sys/net/ipv6/conf/default/disable_ipv6", "1");
    bring_up("lo");
    net.snmp = open_net_file("snmp");
    net.netstat = open_net_file("netstat");
    net.sockstat = open_net_file("sockstat");
    net.tun.emplace(opts.tun_node, ifname);
    configure_interface(ifname, net.addr, 24);
  } catch (const std::system_error& e) {
    throw unavailable(explain_tun_failure(opts, e));
  }
  return net;
}

core::ip_address sandbox::address(fixture::host h) const {
  return core::ip_address::v4(ntohl(at(h).addr.s_addr));
}

std::string sandbox::counter_text(fixture::host h) const {
  return read_whole(at(h).snmp.get()) + read_whole(at(h).netstat.get());
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

int sandbox::tcp_in_use(fixture::host h) const {
  auto text = read_whole(at(h).sockstat.get());
  auto at_tcp = text.find("TCP: inuse ");
  return at_tcp == std::string::npos ? 0 : std::atoi(text.c_str() + at_tcp + 11);
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
