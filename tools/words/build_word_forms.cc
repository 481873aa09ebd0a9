// Writes the image of a Hunspell dictionary's word forms (lexicon/english_words.h, WordForms):
//   build_word_forms FORMS.words DICTIONARY OUT.forms
// FORMS.words is what Hunspell's unmunch lists for the dictionary ("word", "word/flags");
// DICTIONARY is the path without extension (/usr/share/hunspell/en_US). Added to the listed
// forms: the upper-case spelling of a mixed-case form when Hunspell accepts it ("URLS" of
// "URLs", "GNUPG" of "GnuPG"; not "CDS" of "CDs"), so that an upper-case word is settled
// by the table like any other.
#include <cctype>
#include <cstdio>
#include <fstream>
#include <hunspell/hunspell.hxx>
#include <iostream>
#include <string>
#include <vector>

#include "lexicon/english_words.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: build_word_forms FORMS.words DICTIONARY OUT.forms\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "build_word_forms: cannot read " << argv[1] << "\n";
    return 1;
  }
  const std::string dictionary = argv[2];
  Hunspell hunspell((dictionary + ".aff").c_str(), (dictionary + ".dic").c_str());
  std::vector<std::string> forms;
  size_t upper_added = 0;
  for (std::string line; std::getline(in, line);) {
    const std::string word = line.substr(0, line.find_first_of("/\t "));
    if (word.empty()) continue;
    forms.push_back(word);
    bool mixed = false, lower = false;
    for (size_t i = 0; i < word.size(); ++i) {
      const auto c = static_cast<unsigned char>(word[i]);
      lower |= std::islower(c) != 0;
      mixed |= i > 0 && std::isupper(c) != 0;
    }
    if (!mixed || !lower) continue;
    std::string upper = word;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (hunspell.spell(upper)) forms.push_back(upper), ++upper_added;
  }
  mtclean::Status st = mtclean::WordForms::Write(forms, argv[3]);
  if (!st.ok()) {
    std::cerr << "build_word_forms: " << st.message() << "\n";
    return 1;
  }
  std::fprintf(stderr,
               "build_word_forms: %zu forms (%zu upper-case spellings of mixed-case forms) -> %s\n",
               forms.size(), upper_added, argv[3]);
  return 0;
}
