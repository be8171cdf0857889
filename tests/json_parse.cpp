#include "tests/json_parse.hpp"

#include <boost/json/src.hpp>
#include <stdexcept>

namespace rstlab::test {

boost::json::value parse_json(const std::string& text) {
  boost::json::stream_parser parser;
  boost::system::error_code ec;
  auto used = parser.write_some(text.data(), text.size(), ec);
  if (!ec && used == text.size()) parser.finish(ec);
  if (ec || !parser.done() || used != text.size()) {
    auto what = ec ? ec.message() : used != text.size() ? "text after the value" : "cut short";
    throw std::runtime_error("not JSON at byte " + std::to_string(used) + ": " + what + " near '" +
                             text.substr(used > 20 ? used - 20 : 0, 40) + "'");
  }
  return parser.release();
}

}  // namespace rstlab::test
