#include "harness/report/html.hpp"

#include "harness/report/html_case.hpp"
#include "harness/report/text.hpp"

namespace rstlab::report {
namespace {

constexpr const char* style = R"css(
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #1f2328; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin: 0 0 .3em; }
table { border-collapse: collapse; }
td, th { padding: .15em .6em; border-bottom: 1px solid #d8dee4; text-align: left;
         vertical-align: top; }
td.number { text-align: right; white-space: nowrap; }
.verdict { font-weight: bold; padding: 0 .3em; border-radius: 3px; color: #fff; }
.verdict.pass { background: #1a7f37; } .verdict.fail { background: #cf222e; }
.verdict.error { background: #82071e; }
.verdict.skip, .verdict.flaky { background: #9a6700; }
section.case { border-top: 2px solid #d8dee4; margin-top: 1.5em; padding-top: .8em; }
.where, .note, .counters { margin: .2em 0; color: #57606a; }
.mismatches { color: #cf222e; font-family: monospace; }
.beside { display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start; }
table.steps { font-family: monospace; font-size: 12px; }
tr.step.fail { background: #ffebe9; } tr.step.not-run { color: #8c959f; }
tr.step.fail td.result { color: #cf222e; font-weight: bold; }
svg.wire { font-family: monospace; font-size: 10px; }
svg.wire .host { font: bold 13px system-ui, sans-serif; }
svg.wire .wire-name { fill: #8c959f; }
svg.wire .lifeline { stroke: #1f2328; stroke-width: 2; }
svg.wire .wireline { stroke: #d0d7de; stroke-dasharray: 4 3; }
svg.wire .shaft { stroke: #444c56; stroke-width: 1.2; } svg.wire .head { fill: #444c56; }
svg.wire .time { fill: #8c959f; }
svg.wire .rst .shaft { stroke: #cf222e; stroke-width: 2; } svg.wire .rst .head { fill: #cf222e; }
svg.wire .rst-mark { fill: #cf222e; font-weight: bold; }
svg.wire .dropped .shaft, svg.wire .held .shaft, svg.wire .delayed .shaft,
svg.wire .reordered .shaft { stroke-dasharray: 5 3; }
svg.wire .cross { stroke: #cf222e; stroke-width: 2; }
svg.wire .kept { fill: #fff8c5; stroke: #9a6700; }
svg.wire .injected .shaft, svg.wire .icmp .shaft { stroke: #8250df; }
svg.wire .injected .head, svg.wire .icmp .head { fill: #8250df; }
svg.wire .fate { fill: #9a6700; font-style: italic; }
svg.wire .asserted .shaft { stroke-width: 3; } svg.wire .asserted .label { font-weight: bold; }
)css";

std::string totals(const summary& s) {
  std::string text = std::to_string(s.passed) + " passed, " + std::to_string(s.failed) +
                     " failed, " + std::to_string(s.errors) + " errors, " +
                     std::to_string(s.skipped) + " skipped";
  if (s.flaky > 0) text += ", " + std::to_string(s.flaky) + " flaky";
  return text + " in " + milliseconds(s.wall);
}

std::string page_head(const summary& s) {
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<title>rstlab report</title><style>" +
         std::string(style) + "</style></head>\n<body>\n<h1>rstlab report</h1>\n" +
         "<p class=\"totals\">" + totals(s) + "</p>\n" +
         "<table class=\"summary\"><thead><tr><th>verdict</th><th>case</th><th>suite</th>"
         "<th>time</th><th>first mismatch or note</th></tr></thead><tbody>\n";
}

}  // namespace

html::html(std::string path, const suite_layout& layout)
    : layout_(layout), file_(path, "HTML report"), cases_(path, "HTML report") {}

void html::case_finished(const expect::case_result& r) {
  auto where = layout_.of(r.sc->file);
  auto n = spooled_.size() + 1;
  auto row = cases_.append(html_row(r, where, n));
  spooled_.emplace_back(row, cases_.append(html_case(r, where, n)));
}

void html::run_finished(const summary& s) {
  file_.write(page_head(s));
  for (const auto& [row, section] : spooled_)
    file_.write(cases_.read(row));
  file_.write("</tbody></table>\n");
  for (const auto& [row, section] : spooled_)
    file_.write(cases_.read(section));
  file_.write("</body></html>\n");
  file_.commit();
}

}  // namespace rstlab::report
