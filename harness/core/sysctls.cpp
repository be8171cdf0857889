#include "harness/core/sysctls.hpp"

#include <algorithm>
#include <array>
#include <cstddef>

namespace rstlab::core {
namespace {

// Every one of these is per network namespace on Linux 5.x and later (net/ipv4/sysctl_net_ipv4.c
// ipv4_net_table, net/core/sysctl_net_core.c netns_core_table).
// clang-format off
constexpr sysctl_info settings[] = {
    {"tcp_abort_on_overflow", "/proc/sys/net/ipv4/tcp_abort_on_overflow"},
    {"tcp_rfc1337", "/proc/sys/net/ipv4/tcp_rfc1337"},
    {"tcp_syncookies", "/proc/sys/net/ipv4/tcp_syncookies"},
    {"tcp_fin_timeout", "/proc/sys/net/ipv4/tcp_fin_timeout"},
    {"tcp_keepalive_time", "/proc/sys/net/ipv4/tcp_keepalive_time"},
    {"tcp_keepalive_intvl", "/proc/sys/net/ipv4/tcp_keepalive_intvl"},
    {"tcp_keepalive_probes", "/proc/sys/net/ipv4/tcp_keepalive_probes"},
    {"tcp_syn_retries", "/proc/sys/net/ipv4/tcp_syn_retries"},
    {"tcp_synack_retries", "/proc/sys/net/ipv4/tcp_synack_retries"},
    {"tcp_retries1", "/proc/sys/net/ipv4/tcp_retries1"},
    {"tcp_retries2", "/proc/sys/net/ipv4/tcp_retries2"},
    {"tcp_orphan_retries", "/proc/sys/net/ipv4/tcp_orphan_retries"},
    {"tcp_max_syn_backlog", "/proc/sys/net/ipv4/tcp_max_syn_backlog"},
    {"tcp_tw_reuse", "/proc/sys/net/ipv4/tcp_tw_reuse"},
    {"tcp_timestamps", "/proc/sys/net/ipv4/tcp_timestamps"},
    {"tcp_sack", "/proc/sys/net/ipv4/tcp_sack"},
    {"tcp_window_scaling", "/proc/sys/net/ipv4/tcp_window_scaling"},
    {"tcp_early_retrans", "/proc/sys/net/ipv4/tcp_early_retrans"},
    {"tcp_recovery", "/proc/sys/net/ipv4/tcp_recovery"},
    {"tcp_ecn", "/proc/sys/net/ipv4/tcp_ecn"},
    {"tcp_challenge_ack_limit", "/proc/sys/net/ipv4/tcp_challenge_ack_limit"},
    {"tcp_invalid_ratelimit", "/proc/sys/net/ipv4/tcp_invalid_ratelimit"},
    {"tcp_autocorking", "/proc/sys/net/ipv4/tcp_autocorking"},
    {"tcp_no_metrics_save", "/proc/sys/net/ipv4/tcp_no_metrics_save"},
    {"tcp_mtu_probing", "/proc/sys/net/ipv4/tcp_mtu_probing"},
    {"tcp_reordering", "/proc/sys/net/ipv4/tcp_reordering"},
    {"tcp_slow_start_after_idle", "/proc/sys/net/ipv4/tcp_slow_start_after_idle"},
    {"tcp_notsent_lowat", "/proc/sys/net/ipv4/tcp_notsent_lowat"},
    {"tcp_moderate_rcvbuf", "/proc/sys/net/ipv4/tcp_moderate_rcvbuf"},
    {"tcp_max_tw_buckets", "/proc/sys/net/ipv4/tcp_max_tw_buckets"},
    {"tcp_rmem", "/proc/sys/net/ipv4/tcp_rmem", 3},
    {"tcp_wmem", "/proc/sys/net/ipv4/tcp_wmem", 3},
    {"ip_local_port_range", "/proc/sys/net/ipv4/ip_local_port_range", 2},
    {"somaxconn", "/proc/sys/net/core/somaxconn"},
};
// clang-format on

constexpr auto names = [] {
  std::array<std::string_view, std::size(settings)> out{};
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = settings[i].name;
  return out;
}();

}  // namespace

std::optional<sysctl_info> find_sysctl(std::string_view name) {
  auto it = std::find_if(std::begin(settings), std::end(settings),
                         [&](const sysctl_info& s) { return s.name == name; });
  if (it == std::end(settings)) return std::nullopt;
  return *it;
}

std::span<const std::string_view> sysctl_names() {
  return names;
}

}  // namespace rstlab::core
