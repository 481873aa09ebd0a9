// How German, French and Spanish texts write names from the Cyrillic script, read back into
// English: German "Rumen Owtscharow", French "Meglena Kouneva" are Rumen Ovcharov and Meglena
// Kuneva in English news. For people no data lists (today's politicians): the letters follow
// the transcription the source language's press uses (dictionaries/transliteration/cyrillic.tsv),
// so the English spelling follows from them. A word is read so only when all of its letters are
// that transcription's and it ends as such names do ("-ow", "-jan"): "Walid", "Schmidt" and
// Polish "Kowalski" are not.
#ifndef MTCLEAN_STAGES_NAMES_CYRILLIC_HABITS_H_
#define MTCLEAN_STAGES_NAMES_CYRILLIC_HABITS_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "mtclean/status.h"

namespace mtclean {

class CyrillicHabits {
 public:
  // From the lines of cyrillic.tsv (comments dropped); an error names `path` and the line.
  static StatusOr<CyrillicHabits> Parse(const std::vector<std::string>& lines,
                                        const std::string& path);

  // The languages with a transcription, in the file's order.
  const std::vector<std::string>& languages() const { return languages_; }

  // Whether `word` (as the text writes it) ends or begins as `language` writes names from
  // Cyrillic. Cheap: asked of every capitalised word English does not know. `telling`: by an
  // ending or initial English names do not have ("-owa", not "-ow": Partlow);
  // `telling_ending`: by such an ending.
  bool Marked(std::string_view word, size_t language, bool* telling = nullptr,
              bool* telling_ending = nullptr) const;

  // `word` as English writes it, when all of it reads as `language`'s transcription, with a
  // letter English's transcription does not write ("w", "ou": English "Ovcharov" also reads as
  // French, "ch" being French for "sh"); "" otherwise. Each part keeps its first letter's case.
  // `telling`: whether it has letters English names do not write ("tsch" in "Owtscharow", not
  // the "w" of "Siderow": English names write it too, "Brownlow"). `reads`: whether all of it
  // reads as the transcription, whatever it gives.
  std::string English(std::string_view word, size_t language, bool* telling = nullptr,
                      bool* reads = nullptr) const;

 private:
  struct Scheme {
    struct Group {
      std::string english;
      bool distinctive;  // no letters English's transcription writes
      bool telling;      // nor English names
    };
    struct Affix {
      std::string letters;
      bool telling;  // English names do not end (or begin) so
    };
    std::unordered_map<std::string, Group> groups;  // by lower-case letters
    size_t longest = 0;                             // bytes of the longest group
    std::vector<Affix> endings, initials;
  };
  std::vector<std::string> languages_;
  std::vector<Scheme> schemes_;
};

}  // namespace mtclean

#endif  // MTCLEAN_STAGES_NAMES_CYRILLIC_HABITS_H_
