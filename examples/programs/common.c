#define _GNU_SOURCE /* strerrorname_np */
#include "common.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct endpoint_address parse_address(const char* addr, const char* port) {
  struct endpoint_address a;
  memset(&a, 0, sizeof a);
  char* end = NULL;
  long p = strtol(port, &end, 10);
  if (*end != '\0' || p < 1 || p > 65535) {
    fprintf(stderr, "bad port '%s'\n", port);
    exit(2);
  }
  struct sockaddr_in* v4 = (struct sockaddr_in*)&a.storage;
  struct sockaddr_in6* v6 = (struct sockaddr_in6*)&a.storage;
  if (inet_pton(AF_INET, addr, &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons((unsigned short)p);
    a.length = sizeof *v4;
  } else if (inet_pton(AF_INET6, addr, &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons((unsigned short)p);
    a.length = sizeof *v6;
  } else {
    fprintf(stderr, "bad address '%s'\n", addr);
    exit(2);
  }
  return a;
}

void report_errno(const char* what) {
  int err = errno;
  const char* name = strerrorname_np(err);
  fprintf(stderr, "%s: %s (%s)\n", what, name ? name : "?", strerror(err));
}

int tcp_socket(const struct endpoint_address* a) {
  int fd = socket(a->storage.ss_family, SOCK_STREAM, 0);
  if (fd < 0) {
    report_errno("socket");
    exit(1);
  }
  return fd;
}

int listen_on(const char* addr, const char* port) {
  struct endpoint_address a = parse_address(addr, port);
  int fd = tcp_socket(&a);
  if (bind(fd, (struct sockaddr*)&a.storage, a.length) < 0 || listen(fd, 16) < 0) {
    report_errno("listen");
    exit(1);
  }
  printf("listening on %s port %s\n", addr, port);
  fflush(stdout);
  return fd;
}

void read_request(int conn) {
  char buf[16384];
  while (read(conn, buf, sizeof buf) > 0) {
  }
}

void serve_forever(int listener, void (*serve)(int conn)) {
  for (;;) {
    int conn = accept(listener, NULL, NULL);
    if (conn < 0) {
      report_errno("accept");
      exit(1);
    }
    serve(conn);
  }
}

long fetch(const struct endpoint_address* a, const char** failed) {
  int fd = tcp_socket(a);
  long total = -1;
  char buf[16384];
  *failed = "connect";
  if (connect(fd, (const struct sockaddr*)&a->storage, a->length) < 0) goto out;
  *failed = "write";
  if (write(fd, "hello\n", 6) != 6 || shutdown(fd, SHUT_WR) < 0) goto out;
  printf("request sent\n");
  fflush(stdout);
  *failed = "read";
  for (long got = 0;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0) goto out;
    if (n == 0) {
      total = got;
      break;
    }
    got += n;
  }
out:;
  int err = errno;
  close(fd);
  errno = err;
  return total;
}
