// JUnit XML, the format CI systems read: one <testcase> per fixture, a <failure> carrying the
// same text the console prints, <skipped> with the reason.
#pragma once

#include <fstream>
#include <string>
#include <vector>

#include "harness/report/listener.hpp"

namespace rstlab::report {

class junit : public listener {
 public:
  // Opens (creates) the file at once, so a path that cannot be written stops the run before
  // any case runs; throws std::runtime_error.
  explicit junit(std::string path);
  void case_finished(const expect::case_result& r) override;
  void run_finished(const summary& s) override;  // writes the document; throws if it cannot

  // The document for these cases (what run_finished writes).
  static std::string document(const std::vector<std::string>& testcases, const summary& s);

 private:
  std::string path_;
  std::ofstream out_;
  std::vector<std::string> testcases_;
};

// XML-escapes text for an attribute or element.
std::string xml_escape(const std::string& text);

}  // namespace rstlab::report
