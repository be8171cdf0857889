/* once-client ADDR PORT: retry-client.c without the retries: one refused or reset connection
 * and it gives up (exit 1), which is what a fixture expecting a reconnect catches. */
#include <stdio.h>

#include "common.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: once-client ADDR PORT\n");
    return 2;
  }
  struct endpoint_address a = parse_address(argv[1], argv[2]);
  const char* failed;
  long got = fetch(&a, &failed);
  if (got < 0) {
    report_errno(failed);
    return 1;
  }
  printf("got %ld bytes\n", got);
  return 0;
}
