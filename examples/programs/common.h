/* What the sample programs share: an address from the command line, and saying what a call
 * returned the way the fixtures look for it ("write: EPIPE (Broken pipe)"). */
#ifndef RSTLAB_EXAMPLE_COMMON_H
#define RSTLAB_EXAMPLE_COMMON_H

#include <sys/socket.h>

struct endpoint_address {
  struct sockaddr_storage storage;
  socklen_t length;
};

/* ADDR (IPv4 or IPv6) and PORT as given on the command line; exits 2 when they are not. */
struct endpoint_address parse_address(const char* addr, const char* port);

/* "what: ENAME (description)" to stderr, for the errno now. */
void report_errno(const char* what);

/* A TCP socket of the address's family; exits 1 when there is none. */
int tcp_socket(const struct endpoint_address* a);

/* Binds ADDR PORT and listens, then says "listening on ADDR port PORT" on stdout; exits 1
 * when it cannot. */
int listen_on(const char* addr, const char* port);

/* Reads what the client sends until it shuts down its side (read returns 0, or fails). */
void read_request(int conn);

/* Accepts clients one at a time for ever, handing each to `serve`; exits 1 if accept fails. */
void serve_forever(int listener, void (*serve)(int conn));

/* One request to the server: connect, send "hello\n", shut down writing (then print "request
 * sent"), read the response to its end. Returns its size, or -1 with errno set and *failed naming the call that failed. */
long fetch(const struct endpoint_address* a, const char** failed);

#endif
