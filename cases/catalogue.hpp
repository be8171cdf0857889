// Every action of the catalogue, one per file in cases/, collected by registry.cpp.
#pragma once

#include "cases/action.hpp"

namespace rstlab::cases {

extern const action socket_action;
extern const action bind_action;
extern const action listen_action;
extern const action connect_action;
extern const action accept_action;
extern const action read_action;
extern const action drain_action;
extern const action write_action;
extern const action fill_action;
extern const action send_action;
extern const action close_action;
extern const action shutdown_action;
extern const action abort_action;
extern const action forget_action;
extern const action setsockopt_action;
extern const action getsockopt_action;
extern const action poll_action;
extern const action await_action;
extern const action tcp_state_action;
extern const action getpeername_action;
extern const action getsockname_action;
extern const action ioctl_action;
extern const action wait_action;
extern const action partition_action;
extern const action heal_action;
extern const action release_action;
extern const action enable_action;
extern const action disable_action;
extern const action forge_action;
extern const action icmp_action;
extern const action kill_socket_action;
extern const action start_action;
extern const action await_listening_action;
extern const action await_connect_action;
extern const action await_reconnect_action;
extern const action await_exit_action;
extern const action expect_output_action;
extern const action write_stdin_action;
extern const action close_stdin_action;
extern const action signal_action;

}  // namespace rstlab::cases
