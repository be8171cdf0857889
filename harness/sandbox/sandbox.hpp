// Two hosts for one case: network namespaces "client" (198.18.0.1 or 2001:db8::1) and "server"
// (198.18.0.2 or 2001:db8::2), each with a TUN interface whose other end is the wire the engine
// runs. A sandbox speaks one family. Nothing else is reachable from inside: the hosts see each
// other only through packets we forward.
#pragma once

#include <array>
#include <map>
#include <vector>
#include <optional>
#include <stdexcept>
#include <string>

#include "harness/core/address.hpp"
#include "harness/core/counters.hpp"
#include "harness/fixture/model.hpp"
#include "harness/sandbox/unique_fd.hpp"
#include "harness/wire/device.hpp"
#include "harness/wire/tap.hpp"

namespace rstlab::sandbox {

struct options {
  std::string tun_node = "/dev/net/tun";
  core::family family = core::family::v4;
  // One namespace for both hosts, talking over lo (127.0.0.1 or ::1); the wire only watches.
  bool loopback = false;
};

// Which of a host's two counter files to read.
struct counter_files {
  bool snmp = true, netstat = true;
};

// Raised when this machine cannot build a sandbox; what() says why and how to fix it. Running
// out of descriptors or memory is not that: it throws std::runtime_error.
class unavailable : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

class sandbox {
 public:
  explicit sandbox(const options& opts);  // throws unavailable
  sandbox(sandbox&&) noexcept = default;
  sandbox& operator=(sandbox&&) noexcept = default;

  int netns(fixture::host h) const { return at(h).ns.get(); }
  core::ip_address address(fixture::host h) const;
  wire::tun_device& tun(fixture::host h) { return *hosts_[index(h)].tun; }
  // The loopback topology: both hosts are one namespace, and the wire is a tap on its lo.
  bool loopback() const { return tap_.has_value(); }
  wire::loopback_tap& tap() { return *tap_; }
  // Tcp: and TcpExt: counters of the host, as the kernel reports them now.
  core::counter_map counters(fixture::host h) const;
  // The same, as the kernel's text (the snmp file, then netstat; or the one of them asked
  // for): core::delta() of two of them is cheaper than parsing each.
  std::string counter_text(fixture::host h, counter_files files = {}) const;
  // Writes the fixture's kernel settings for host `h` inside its namespace. Throws
  // std::runtime_error naming the setting when the kernel refuses one.
  void apply(fixture::host h, const std::vector<fixture::sysctl_setting>& settings);
  // The host's TCP settings now: every /proc/sys/net/ipv4/tcp_* file and net.core.somaxconn,
  // read inside its namespace.
  std::map<std::string, std::string> tcp_settings(fixture::host h) const;
  // TCP sockets still hashed in the host's namespace (orphans included, TIME_WAIT not).
  int tcp_in_use(fixture::host h) const;
  // Destroys every TCP socket left in the host (see sock_diag.hpp); false when it cannot.
  bool destroy_sockets(fixture::host h);

 private:
  struct host_net {
    unique_fd ns;
    unique_fd snmp, netstat, sockstat;  // the host's /proc/net files, opened from inside it
    unique_fd sockstat6;                // IPv6 sandboxes only
    std::optional<wire::tun_device> tun;
    core::ip_address addr;
  };
  static std::size_t index(fixture::host h) { return static_cast<std::size_t>(h); }
  const host_net& at(fixture::host h) const { return hosts_[index(h)]; }
  static host_net make_host(const options& opts, fixture::host h);
  static void quiet_ipv6(core::family f);
  static void open_counters(host_net& net, core::family f);

  static host_net make_loopback(const options& opts, std::optional<wire::loopback_tap>& tap);
  static void loopback_host(const options& opts, host_net& net,
                            std::optional<wire::loopback_tap>& tap);
  static host_net share(const host_net& net);

  std::optional<wire::loopback_tap> tap_;
  std::array<host_net, 2> hosts_;
};

// Builds and drops one sandbox: empty when sandboxes can be made here, else why not.
std::string probe(const options& opts);

}  // namespace rstlab::sandbox
