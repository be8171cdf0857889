// A user's program built against the installed C++ API: runs the fixture it is given, over
// IPv4, and exits 0 when it passed, 77 when no sandbox could be built, 1 otherwise.
#include <rstlab/rstlab.hpp>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  auto r = rstlab::run_fixture(argv[1], {.families = {4}});
  std::cout << r.verdict << "\n" << r.details << r.note << "\n";
  if (r.skipped()) return 77;
  return r.passed() ? 0 : 1;
}
