// Reading the reviewable data files under dictionaries/.
#ifndef MTCLEAN_PIPELINE_DATA_FILES_H_
#define MTCLEAN_PIPELINE_DATA_FILES_H_

#include <string>
#include <vector>

#include "mtclean/status.h"

namespace mtclean {

// Reads data_dir/relative_path as UTF-8 lines, dropping `#` comment lines, blank lines and
// trailing spaces. The error names the full path and what went wrong.
StatusOr<std::vector<std::string>> ReadDataLines(const std::string& data_dir,
                                                 const std::string& relative_path);

// Reads the file at `path` the same way (a build product, a file named by an option).
StatusOr<std::vector<std::string>> ReadLinesAt(const std::string& path);

// The same, for a file an option may name or turn off: none when `path` is "none" or the
// build made no such file.
StatusOr<std::vector<std::string>> ReadOptionalLines(const std::string& path);

// $`variable` when it is set and not empty, else `fallback`: where a file the build made is.
std::string PathFromEnv(const char* variable, const std::string& fallback);

// "es,fr,,de" -> {"es", "fr", "de"}: an option's comma-separated list.
std::vector<std::string> SplitList(const std::string& s);

}  // namespace mtclean

#endif  // MTCLEAN_PIPELINE_DATA_FILES_H_
