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

// "es,fr,,de" -> {"es", "fr", "de"}: an option's comma-separated list.
std::vector<std::string> SplitList(const std::string& s);

}  // namespace mtclean

#endif  // MTCLEAN_PIPELINE_DATA_FILES_H_
