// What several actions share: turning a syscall's result into an outcome, finding the socket
// a step names, and emulating a blocking call on a non-blocking fd.
#pragma once

#include <netinet/in.h>

#include <optional>

#include "cases/action.hpp"

namespace rstlab::cases {

// ret < 0 → the errno; otherwise `ok`.
attempt status_result(long ret, int err);
// ret < 0 → the errno; 0 → eof; otherwise that many bytes.
attempt byte_result(long ret, int err);
// The step names a socket its endpoint does not hold: what a program would get for a bad fd.
attempt no_such_socket();

// The step's socket, created (a fresh TCP socket in the endpoint's host) if the name is new;
// nullptr with errno set if the kernel refused one.
socket_slot* open_if_missing(endpoint_state& ep, const fixture::step& s);

// The socket the step names (its `socket` key, else the action's default), or nullptr.
socket_slot* target(endpoint_state& ep, const fixture::step& s);

sockaddr_in address(in_addr host, std::uint16_t port);
// The port the step names with `port`, else the fixture's service port.
std::uint16_t step_port(const endpoint_state& ep, const fixture::step& s);

// SO_RCVTIMEO / SO_SNDTIMEO of a socket: when a blocking call started at `since` gives up
// (nullopt: it waits for ever, as with a zero timeout).
std::optional<clock::time_point> gives_up_at(int fd, int option, clock::time_point since);

// For a blocked call: on the first attempt note when the socket's timeout ends it; true when
// that moment has passed and the call must return.
bool timed_out(step_state& st, int fd, int option);

// poll(2) with a zero timeout: the socket's readiness now, consuming nothing.
int revents_now(int fd, short events);

}  // namespace rstlab::cases

namespace rstlab::cases {

// write(2) or send(2) of `bytes` zero bytes with blocking emulation: a blocking call goes on
// until all are queued, returning the partial count if an error stops it after some were
// queued (as tcp_sendmsg() does, without SIGPIPE for that call).
attempt send_bytes(endpoint_state& ep, const fixture::step& s, step_state& st, bool use_write,
                   int flags);

}  // namespace rstlab::cases
