// Where a fixture sits in its suite, as CI systems name it. The suite root is the path the run
// was given that the fixture was found under (a folder on the command line, or the bundled
// fixtures folder); a file given by itself has its own folder as root. The fixture's folder
// relative to the root is its suite (`unread-data`); a fixture directly in the root belongs to
// the suite named after the root folder, so `rstlab run fixtures/unread-data` and
// `rstlab run fixtures` name its cases alike. Names never depend on where the checkout is.
// Pure: paths are compared as written, nothing is read from the disk.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "harness/expect/matcher.hpp"

namespace rstlab::report {

struct place {
  std::string suite;  // "unread-data", "a/b": the folder, relative to the suite root
  // "unread-data.close-with-unread-data": the suite's folders and the file's name without
  // .toml, joined by dots, each dot inside a name written '_' (Jenkins splits on the last dot
  // into package and class; GitLab shows the whole as the suite).
  std::string classname;
  // "fixtures/unread-data/close-with-unread-data.toml": relative to the working directory when
  // the fixture is under it (CI runs in the checkout: GitLab links it), else from the root
  // folder's own name.
  std::string file;
};

class suite_layout {
 public:
  // `roots`: the paths the run was given, as given (files or folders); `cwd`: the working
  // directory, absolute.
  suite_layout(const std::vector<std::string>& roots, std::filesystem::path cwd);
  place of(const std::string& fixture_file) const;

 private:
  std::filesystem::path root_of(const std::filesystem::path& file) const;

  std::vector<std::filesystem::path> roots_;  // absolute, normal, without a trailing slash
  std::filesystem::path cwd_;
};

// The fixture line a report points at: the first mismatch's (a step's, when the mismatch
// names only its step), else 1.
int report_line(const expect::case_result& r);

}  // namespace rstlab::report
