#include "harness/report/json.hpp"

#include <cstdio>
#include <ctime>

#include "harness/fixture/variants.hpp"
#include "harness/report/json_object.hpp"
#include "harness/report/json_steps.hpp"
#include "harness/report/json_wire.hpp"

namespace rstlab::report {
namespace {

using json_text::object;

const char* verdict_name(expect::verdict v) {
  switch (v) {
    case expect::verdict::pass:
      return "pass";
    case expect::verdict::fail:
      return "fail";
    case expect::verdict::skip:
      return "skip";
    case expect::verdict::error:
      return "error";
    case expect::verdict::flaky:
      return "flaky";
  }
  return "?";
}

// "2025-03-01T12:00:00.123456Z"; null for a case that never started.
std::string utc(std::chrono::system_clock::time_point t) {
  using namespace std::chrono;
  if (t.time_since_epoch().count() == 0) return "null";
  auto us = duration_cast<microseconds>(t.time_since_epoch()).count();
  std::time_t secs = us / 1000000;
  std::tm tm{};
  ::gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "\"%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ\"", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<long long>(us % 1000000));
  return buf;
}

std::string variant(const fixture::scenario& sc) {
  return object()
      .text("tag", fixture::variant_tag(sc.family, sc.loopback))
      .number("family", sc.family == core::family::v4 ? 4 : 6)
      .text("topology", sc.loopback ? "loopback" : "hosts")
      .str();
}

// How long each phase of the case took, in microseconds; null for a phase it never reached,
// and null as a whole for a case that had no sandbox.
std::string phases(const expect::run_record& rec) {
  const auto& m = rec.phases;
  if (m.built.count() == 0) return "null";
  auto from = m.built;  // the end of the last phase reached
  auto phase = [&](std::chrono::microseconds end) -> std::optional<std::int64_t> {
    if (end.count() == 0) return std::nullopt;
    auto took = (end - from).count();
    from = end;
    return took;
  };
  auto start = phase(m.ready);
  auto steps = start ? phase(m.ran) : std::nullopt;
  auto end = steps ? phase(m.concluded) : std::nullopt;
  return object()
      .number("sandbox", m.built.count())
      .number_or_null("start", start)
      .number_or_null("steps", steps)
      .number_or_null("end", end)
      .number("teardown", (rec.elapsed - from).count())
      .str();
}

// A seed is a 64-bit number: a string, since many JSON readers hold numbers as doubles.
std::string seed(const expect::case_result& r) {
  return r.record.seed ? "\"" + std::to_string(*r.record.seed) + "\"" : "null";
}

}  // namespace

std::string json_case(const expect::case_result& r, const place& where) {
  const auto& sc = *r.sc;
  return object()
      .text("name", sc.name)
      .text("base_name", sc.base_name.empty() ? sc.name : sc.base_name)
      .raw("variant", variant(sc))
      .text("suite", where.suite)
      .text("classname", where.classname)
      .text("file", where.file)
      .text("path", sc.file)
      .number("line", report_line(r))
      .text("summary", sc.summary)
      .text("verdict", verdict_name(r.outcome))
      .raw("started", utc(r.record.started))
      .number("elapsed_us", r.record.elapsed.count())
      .raw("phases_us", phases(r.record))
      .text("note", r.note)
      .text("aborted", r.record.aborted)
      .text("error", r.record.error)
      .raw("seed", seed(r))
      .text_or_null("capture", r.capture)
      .raw("steps", json_steps(r))
      .raw("mismatches", json_mismatches(r, where))
      .raw("trace", json_trace(r))
      .raw("counters", json_counters(r))
      .raw("settings", json_settings(r))
      .raw("programs", json_programs(r))
      .str();
}

json::json(std::string path, const suite_layout& layout)
    : layout_(layout), file_(std::move(path), "JSON report") {
  file_.write("{\"schema\":" + std::to_string(json_schema) +
              ",\"generator\":\"rstlab\",\n\"cases\":[");
}

void json::case_finished(const expect::case_result& r) {
  file_.write((cases_++ ? ",\n" : "\n") + json_case(r, layout_.of(r.sc->file)));
}

void json::run_finished(const summary& s) {
  auto totals = object()
                    .number("tests", static_cast<std::int64_t>(s.total()))
                    .number("passed", static_cast<std::int64_t>(s.passed))
                    .number("failed", static_cast<std::int64_t>(s.failed))
                    .number("errors", static_cast<std::int64_t>(s.errors))
                    .number("skipped", static_cast<std::int64_t>(s.skipped))
                    .number("flaky", static_cast<std::int64_t>(s.flaky))
                    .number("wall_us", s.wall.count());
  file_.write("\n],\n\"summary\":" + totals.str() + "}\n");
  file_.commit();
}

}  // namespace rstlab::report
