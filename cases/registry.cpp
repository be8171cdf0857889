// The one table of actions. Explicit on purpose: static self-registration is dropped by the
// linker when nothing references an object file of a static library.
#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>
#include <vector>

#include "cases/catalogue.hpp"

namespace rstlab::cases {
namespace {

std::array<action, 40> make_table() {
  std::array<action, 40> table{
      socket_action,     bind_action,       listen_action,      connect_action,
      accept_action,     read_action,       drain_action,       write_action,      fill_action,
      send_action,       close_action,      shutdown_action,    abort_action,
      forget_action,     setsockopt_action, getsockopt_action,  poll_action,
      await_action,      tcp_state_action,  getpeername_action, getsockname_action,
      ioctl_action,      wait_action,       partition_action,   heal_action,
      release_action,    enable_action,     disable_action,     forge_action,
      icmp_action,       kill_socket_action, start_action,     await_listening_action,
      await_connect_action, await_reconnect_action, await_exit_action, expect_output_action,
      write_stdin_action, close_stdin_action, signal_action};
  for (auto it = table.begin(); it != table.end(); ++it)
    if (std::any_of(table.begin(), it, [&](const action& a) { return a.spec.name == it->spec.name; }))
      throw std::logic_error("two actions are named " + std::string(it->spec.name));
  return table;
}

}  // namespace

std::span<const action> registry() {
  static const auto table = make_table();
  return table;
}

std::span<const fixture::action_spec> specs() {
  static const auto list = [] {
    std::vector<fixture::action_spec> out;
    for (const auto& a : registry()) out.push_back(a.spec);
    return out;
  }();
  return list;
}

const action* find(std::string_view name) {
  for (const auto& a : registry())
    if (a.spec.name == name) return &a;
  return nullptr;
}

}  // namespace rstlab::cases
