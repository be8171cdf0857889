/* robust-server ADDR PORT: naive-server.c, written to survive a client that hangs up early:
 * every write passes MSG_NOSIGNAL, so the write that meets the client's RST returns -1 EPIPE
 * instead of raising SIGPIPE; the server says so, drops that client and serves the next. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common.h"

enum { response_bytes = 1 << 20, chunk = 16 << 10 };

static void serve(int conn) {
  read_request(conn);
  char buf[chunk];
  memset(buf, 'x', sizeof buf);
  for (int sent = 0; sent < response_bytes; sent += chunk) {
    if (send(conn, buf, chunk, MSG_NOSIGNAL) < 0) {
      report_errno("client went away; send");
      break;
    }
  }
  close(conn);
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s ADDR PORT\n", argv[0]);
    return 2;
  }
  serve_forever(listen_on(argv[1], argv[2]), serve);
}
