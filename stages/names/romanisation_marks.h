// Marks of a scholarly or foreign romanisation on a name: "Herāt", "Qundūz", "Khôst",
// "Lorestán". English news writes these names without them (Herat, Kunduz, Khost, Lorestan),
// unless the place's own country writes such letters ("Témara" in Morocco, "Füzuli" in
// Azerbaijan): the names stage then writes the place's English name.
#ifndef MTCLEAN_STAGES_NAMES_ROMANISATION_MARKS_H_
#define MTCLEAN_STAGES_NAMES_ROMANISATION_MARKS_H_

#include <string>
#include <string_view>

namespace mtclean {

// Whether `span` has letters beyond ASCII and each is an ASCII letter with marks that
// romanisations and Western European languages put on names: acute, grave, circumflex,
// tilde, macron, breve, dot above and below, diaeresis, cedilla, macron and breve below.
// Not the caron ("Štip", "Niš": English writes Slavic names with it), the ring above or the
// double acute, and no letter without an ASCII base ("ł", "ø", "ʿ").
bool OnlyRomanisationMarks(std::string_view span);

// Whether `span` has letters beyond ASCII and each is an ASCII letter with the accents a
// translation from Spanish, French, Portuguese, Italian or German puts on names ("Irán",
// "Hérât"): grave, acute, circumflex, tilde, diaeresis, cedilla; not a scholarly
// romanisation's macron or dot below ("Herāt").
bool OnlyTranslationAccents(std::string_view span);

// `text` in plain ASCII letters, as English writes a foreign name when it leaves out the
// letters it does not have ("Chełmno" -> "Chelmno", "Malmö" -> "Malmo", "Ørsted" ->
// "Orsted"): ICU's Latin-ASCII transliteration.
std::string LatinAscii(std::string_view text);

}  // namespace mtclean

#endif  // MTCLEAN_STAGES_NAMES_ROMANISATION_MARKS_H_
