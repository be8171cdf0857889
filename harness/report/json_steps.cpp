#include "harness/report/json_steps.hpp"

#include "harness/core/names.hpp"
#include "harness/report/json_object.hpp"
#include "harness/report/text.hpp"

namespace rstlab::report {
namespace {

using json_text::object;

const char* kind_name(core::outcome::kind k) {
  using kind = core::outcome::kind;
  switch (k) {
    case kind::ok:
      return "ok";
    case kind::count:
      return "count";
    case kind::eof:
      return "eof";
    case kind::error:
      return "error";
    case kind::timeout:
      return "timeout";
    case kind::revents:
      return "revents";
    case kind::state:
      return "state";
    case kind::value:
      return "value";
    case kind::exited:
      return "exited";
    case kind::killed:
      return "killed";
    case kind::early:
      return "early";
  }
  return "?";
}

std::string outcome(const core::outcome& o) {
  return object()
      .text("kind", kind_name(o.what))
      .number("value", o.value)
      .text("text", core::describe(o))
      .str();
}

std::string params(const fixture::step& s) {
  object out;
  for (const auto& [name, value] : s.params) {
    if (const auto* n = std::get_if<std::int64_t>(&value)) out.number(name, *n);
    if (const auto* t = std::get_if<std::string>(&value)) out.text(name, *t);
    if (const auto* b = std::get_if<bool>(&value)) out.flag(name, *b);
  }
  return out.str();
}

// null for a background step: its wait step carries the expectation.
std::string expected(const fixture::step& s) {
  if (s.background) return "null";
  std::vector<std::string> any;
  for (const auto& o : s.expect)
    any.push_back(outcome(o));
  return object()
      .raw("any_of", json_text::array(any))
      .flag("sigpipe", s.expect_sigpipe)
      .text("text", expect::describe_expected(s.expect))
      .str();
}

std::string actual(const expect::step_record& rec) {
  if (!rec.ran) return "null";
  const auto& o = rec.obs;
  return object()
      .raw("outcome", outcome(o.actual))
      .number("return", o.ret)
      .number("errno", o.err)
      .text("errno_name", o.err ? core::errno_name(o.err) : "")
      .flag("sigpipe", o.sigpipe)
      .flag("interrupted", o.interrupted)
      .number("started_us", rec.started.count())
      .number("elapsed_us", o.elapsed.count())
      .str();
}

std::string step(const expect::case_result& r, std::size_t i) {
  static const expect::step_record not_run;
  const auto& s = r.sc->steps[i];
  const auto& rec = i < r.record.steps.size() ? r.record.steps[i] : not_run;
  std::optional<std::int64_t> waits;
  if (s.waits_for) waits = static_cast<std::int64_t>(*s.waits_for + 1);
  return object()
      .number("step", static_cast<std::int64_t>(i + 1))
      .number("line", s.pos.line)
      .number("column", s.pos.column)
      .text("actor", s.actor())
      .text("action", s.action)
      .text_or_null("id", s.id)
      .text_or_null("socket", s.socket)
      .raw("params", params(s))
      .flag("background", s.background)
      .number_or_null("waits_for", waits)
      .raw("expected", expected(s))
      .flag("ran", rec.ran)
      .flag("ok", step_ok(s, rec))
      .raw("actual", actual(rec))
      .str();
}

}  // namespace

std::string json_steps(const expect::case_result& r) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < r.sc->steps.size(); ++i)
    out.push_back(step(r, i));
  return json_text::array(out);
}

std::string json_mismatches(const expect::case_result& r, const place& where) {
  std::vector<std::string> out;
  for (const auto& m : r.mismatches) {
    std::optional<std::int64_t> step, segment;
    if (m.step) step = static_cast<std::int64_t>(*m.step + 1);
    if (m.segment) segment = static_cast<std::int64_t>(*m.segment);
    out.push_back(object()
                      .text("file", where.file)
                      .number_or_null("line", m.pos.line ? std::optional<std::int64_t>(m.pos.line)
                                                         : std::nullopt)
                      .number("column", m.pos.column)
                      .number_or_null("step", step)
                      .number_or_null("segment", segment)
                      .text("message", m.message)
                      .str());
  }
  return json_text::array(out);
}

}  // namespace rstlab::report

namespace rstlab::report {

std::string json_programs(const expect::case_result& r) {
  json_text::object hosts;
  for (auto h : fixture::hosts) {
    const auto& p = r.record.programs[core::index(h)];
    if (!p) {
      hosts.raw(fixture::host_name(h), "null");
      continue;
    }
    hosts.raw(fixture::host_name(h),
              json_text::object()
                  .text("command", p->command)
                  .number("pid", p->pid)
                  .number("starts", p->starts)
                  .raw("end", p->end ? outcome(*p->end) : "null")
                  .text("stdout", p->out)
                  .text("stderr", p->err)
                  .number("stdout_dropped", static_cast<std::int64_t>(p->out_dropped))
                  .number("stderr_dropped", static_cast<std::int64_t>(p->err_dropped))
                  .str());
  }
  return hosts.str();
}

}  // namespace rstlab::report
