#include "harness/report/html_case.hpp"

#include "harness/core/host.hpp"
#include "harness/fixture/model.hpp"
#include "harness/report/escape.hpp"
#include "harness/report/html_wire.hpp"
#include "harness/report/text.hpp"

namespace rstlab::report {
namespace {

std::string attr(const char* name, const std::string& value) {
  return std::string(" ") + name + "=\"" + xml_attribute(value) + "\"";
}

std::string cell(const std::string& text, const char* cls = nullptr) {
  return std::string("<td") + (cls ? attr("class", cls) : "") + ">" + xml_text(text) + "</td>";
}

std::string verdict_badge(expect::verdict v) {
  return std::string("<span class=\"verdict ") + verdict_class(v) + "\">" + verdict_word(v) +
         "</span>";
}

const char* step_result(const fixture::step& s, const expect::step_record& rec) {
  if (!rec.ran) return "not-run";
  return step_ok(s, rec) ? "ok" : "fail";
}

std::string expected_text(const fixture::step& s) {
  if (s.background) return "(see its wait)";
  return expect::describe_expected(s.expect) + (s.expect_sigpipe ? " + SIGPIPE" : "");
}

std::string actual_text(const expect::step_record& rec) {
  if (!rec.ran) return "did not run";
  return core::describe(rec.obs.actual) + (rec.obs.sigpipe ? " + SIGPIPE" : "");
}

std::string step_row(const expect::case_result& r, std::size_t i) {
  const auto& s = r.sc->steps[i];
  const auto& rec = r.record.steps.at(i);
  const char* result = step_result(s, rec);
  const char* shown = rec.ran ? (step_ok(s, rec) ? "ok" : "FAIL") : "--";
  return "<tr" + attr("class", std::string("step ") + result) +
         attr("data-step", std::to_string(i + 1)) + attr("data-result", result) + ">" +
         cell(std::to_string(i + 1)) + cell(std::to_string(s.pos.line)) + cell(s.actor()) +
         cell(s.action) + cell(expected_text(s)) + cell(actual_text(rec)) +
         cell(rec.ran ? milliseconds(rec.started) : "") +
         cell(rec.ran ? milliseconds(rec.obs.elapsed) : "") + cell(shown, "result") + "</tr>\n";
}

std::string steps_html(const expect::case_result& r) {
  std::string t =
      "<table class=\"steps\"><thead><tr><th>#</th><th>line</th><th>endpoint</th>"
      "<th>action</th><th>expected</th><th>actual</th><th>at</th><th>took</th><th></th></tr>"
      "</thead><tbody>\n";
  for (std::size_t i = 0; i < r.sc->steps.size(); ++i)
    t += step_row(r, i);
  return t + "</tbody></table>\n";
}

std::string mismatches(const expect::case_result& r) {
  if (r.mismatches.empty()) return "";
  std::string out = "<ul class=\"mismatches\">\n";
  for (const auto& m : r.mismatches)
    out += "<li>" + xml_text(fixture::located(r.sc->file, m.pos) + ": " + m.message) + "</li>\n";
  return out + "</ul>\n";
}

std::string paragraph(const char* cls, const std::string& text) {
  if (text.empty()) return "";
  return std::string("<p class=\"") + cls + "\">" + xml_text(text) + "</p>\n";
}

std::string counters(const expect::case_result& r) {
  std::string out;
  for (auto h : core::hosts) {
    std::string moved;
    const auto& asserted = r.sc->counters[core::index(h)];
    for (const auto& [name, delta] : r.record.counters[core::index(h)])
      if (delta != 0 || asserted.contains(name))
        moved += (moved.empty() ? "" : ", ") + name + " " + std::to_string(delta);
    if (!moved.empty())
      out += paragraph("counters", core::host_name(h) + std::string(": ") + moved);
  }
  return out;
}

// Each program endpoint: its command, how it ended and its last lines, as the console says it.
std::string programs(const expect::case_result& r) {
  auto text = programs_block(r);
  if (text.empty()) return "";
  return "<pre class=\"programs\">" + xml_text(text) + "</pre>\n";
}

std::string heading(const expect::case_result& r, const place& where) {
  return "<h2>" + verdict_badge(r.outcome) + " <span class=\"name\">" + xml_text(r.sc->name) +
         "</span> <span class=\"time\">" + milliseconds(r.record.elapsed) + "</span></h2>\n" +
         paragraph("where", where.file + ":" + std::to_string(report_line(r)) +
                                (r.sc->summary.empty() ? "" : " \u2014 " + r.sc->summary));
}

}  // namespace

const char* verdict_class(expect::verdict v) {
  switch (v) {
    case expect::verdict::pass:
      return "pass";
    case expect::verdict::fail:
      return "fail";
    case expect::verdict::error:
      return "error";
    case expect::verdict::skip:
      return "skip";
    case expect::verdict::flaky:
      return "flaky";
  }
  return "?";
}

std::string html_row(const expect::case_result& r, const place& where, std::size_t n) {
  auto first = r.mismatches.empty() ? r.note : r.mismatches.front().message;
  return "<tr" + attr("class", verdict_class(r.outcome)) + "><td>" + verdict_badge(r.outcome) +
         "</td><td><a" + attr("href", "#case-" + std::to_string(n)) + ">" + xml_text(r.sc->name) +
         "</a></td>" + cell(where.suite) + cell(milliseconds(r.record.elapsed), "number") +
         cell(first) + "</tr>\n";
}

std::string html_case(const expect::case_result& r, const place& where, std::size_t n) {
  std::string out = "<section" + attr("class", std::string("case ") + verdict_class(r.outcome)) +
                    attr("id", "case-" + std::to_string(n)) + attr("data-name", r.sc->name) +
                    attr("data-verdict", verdict_class(r.outcome)) + ">\n";
  out += heading(r, where) + paragraph("note", r.note) + paragraph("note", r.record.aborted);
  out += mismatches(r) + paragraph("note", replay_line(r));
  if (!r.capture.empty()) out += paragraph("note", "packets: " + r.capture);
  if (r.outcome != expect::verdict::skip)
    out += "<div class=\"beside\">\n<div>" + steps_html(r) + counters(r) + programs(r) +
           "</div>\n<div>" +
           sequence_diagram(r) + "</div>\n</div>\n";
  return out + "</section>\n";
}

}  // namespace rstlab::report
