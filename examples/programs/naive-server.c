/* naive-server ADDR PORT: for each client, reads its request until the client shuts down its
 * side (EOF), then writes a 1 MiB response in 16 KiB writes. It leaves SIGPIPE at its default
 * action, as most programs do: when a client hangs up before the response, the client's kernel
 * answers the first data with an RST, and the write that meets it (EPIPE, the connection being
 * in CLOSE_WAIT) raises SIGPIPE, which kills the whole server before write() returns. Compare
 * robust-server.c, which differs only in how it writes. */
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
    if (write(conn, buf, chunk) < 0) {
      report_errno("write");
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
