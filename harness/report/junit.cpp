#include "harness/report/junit.hpp"

#include <cerrno>
#include <cstring>

#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "harness/report/text.hpp"

namespace rstlab::report {
namespace {

std::string seconds(std::chrono::microseconds us) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", double(us.count()) / 1e6);
  return buf;
}

std::string body(const expect::case_result& r) {
  if (r.outcome == expect::verdict::skip)
    return "    <skipped message=\"" + xml_escape(r.note) + "\"/>\n";
  if (r.outcome == expect::verdict::pass) return "";
  if (r.outcome == expect::verdict::error)
    return "    <error message=\"" + xml_escape(r.note) + "\">" + xml_escape(failure_block(r, "")) +
           "</error>\n";
  std::string first = r.mismatches.empty() ? r.note : r.mismatches.front().message;
  return "    <failure message=\"" + xml_escape(first) + "\">" +
         xml_escape(failure_block(r, "")) + "</failure>\n";
}

}  // namespace

std::string xml_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

void junit::case_finished(const expect::case_result& r) {
  auto content = body(r);
  testcases_.push_back("  <testcase classname=\"" + xml_escape(r.sc->file) + "\" name=\"" +
                       xml_escape(r.sc->name) + "\" time=\"" + seconds(r.record.elapsed) + "\"" +
                       (content.empty() ? "/>\n" : ">\n" + content + "  </testcase>\n"));
}

std::string junit::document(const std::vector<std::string>& testcases, const summary& s) {
  std::string doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  doc += "<testsuite name=\"rstlab\" tests=\"" + std::to_string(s.total()) + "\" failures=\"" +
         std::to_string(s.failed) + "\" errors=\"" + std::to_string(s.errors) +
         "\" skipped=\"" + std::to_string(s.skipped) +
         "\" time=\"" + seconds(s.wall) + "\">\n";
  for (const auto& tc : testcases) doc += tc;
  return doc + "</testsuite>\n";
}

junit::junit(std::string path) : path_(std::move(path)), out_(path_) {
  if (!out_)
    throw std::runtime_error("cannot write JUnit report " + path_ + ": " + std::strerror(errno));
}

void junit::run_finished(const summary& s) {
  out_ << document(testcases_, s);
  out_.flush();
  if (!out_) throw std::runtime_error("cannot write JUnit report " + path_);
}

}  // namespace rstlab::report
