/* retry-client ADDR PORT: fetches one response from the server, and when the connection is
 * refused (ECONNREFUSED: the server's host answered the SYN with an RST, nothing listens) or
 * reset (ECONNRESET: the server aborted mid-response) tries again after 100 ms, then 200,
 * 400 and 800 ms: five attempts in all. Prints "got N bytes" and exits 0 on success; exits 1
 * once it gives up, or at once on any other error. */
#include <errno.h>
#include <stdio.h>
#include <time.h>

#include "common.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: retry-client ADDR PORT\n");
    return 2;
  }
  struct endpoint_address a = parse_address(argv[1], argv[2]);
  long pause_ms = 100;
  for (int attempt = 1; attempt <= 5; ++attempt, pause_ms *= 2) {
    const char* failed;
    long got = fetch(&a, &failed);
    if (got >= 0) {
      printf("got %ld bytes\n", got);
      return 0;
    }
    char what[64];
    snprintf(what, sizeof what, "attempt %d: %s", attempt, failed);
    report_errno(what);
    if (errno != ECONNREFUSED && errno != ECONNRESET) return 1;
    if (attempt < 5) {
      fprintf(stderr, "retrying in %ld ms\n", pause_ms);
      struct timespec t = {0, pause_ms * 1000000L};
      nanosleep(&t, NULL);
    }
  }
  fprintf(stderr, "giving up after 5 attempts\n");
  return 1;
}
