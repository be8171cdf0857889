// Capture files (--pcap): one pcapng file per case variant with every packet the wire carried
// in that case, as it crossed, each marked with what the wire did to it (wire/pcap.hpp).
#pragma once

#include <string>

#include "harness/expect/record.hpp"
#include "harness/fixture/model.hpp"

namespace rstlab::runner {

// Why capture files cannot be written into `dir` (created with its parents when missing;
// tried by making a file in it), or empty when they can. For before any case runs.
std::string capture_dir_problem(const std::string& dir);

// "<name>-<tag>.pcap". Any byte of the name or tag but ASCII letters, digits, '-', '_' and a
// '.' that does not lead is written %XX, so the file stays in its folder and two names
// never share a file.
std::string capture_file_name(const std::string& name, const std::string& tag);

// Writes the packets of `run` (which kept them: engine::options::keep_packets) to `path`,
// replacing the file. Throws std::runtime_error saying why it could not.
void write_capture(const std::string& path, const fixture::scenario& sc,
                   const expect::run_record& run);

}  // namespace rstlab::runner
