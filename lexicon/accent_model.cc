#include "lexicon/accent_model.h"

#include <utf8proc.h>
#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>

#include "lexicon/accent_model_records.h"
#include "pipeline/data_files.h"
#include "pipeline/utf8.h"

namespace mtclean {

std::string LowerWord(std::string_view word) {
  std::string out;
  for (size_t pos = 0; pos < word.size();) {
    int32_t cp;
    int n = utf8::Decode(word, pos, &cp);
    pos += static_cast<size_t>(n > 0 ? n : -n);
    if (cp >= 0) utf8::Append(&out, utf8proc_tolower(cp));
  }
  return out;
}

std::string PlainWord(std::string_view word) {
  if (utf8::IsAscii(word)) {
    std::string out(word);  // the common case needs no Unicode tables
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    return out;
  }
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(word.data()),
                                    static_cast<utf8proc_ssize_t>(word.size()), &mapped,
                                    static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK));
  std::string stripped = n >= 0 ? std::string(reinterpret_cast<char*>(mapped), static_cast<size_t>(n)) : std::string(word);
  std::free(mapped);
  return LowerWord(stripped);
}

std::string WithoutMarks(std::string_view text) {
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                    static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                                    static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK));
  std::string out = n >= 0 ? std::string(reinterpret_cast<char*>(mapped), static_cast<size_t>(n)) : std::string(text);
  std::free(mapped);
  return out;
}

std::string AccentModel::Ending(std::string_view form) {
  size_t letters = 0, cut = form.size(), pos = form.size();
  while (pos > 0) {  // walk back over UTF-8 code points
    --pos;
    if ((static_cast<unsigned char>(form[pos]) & 0xC0) == 0x80) continue;
    ++letters;
    if (letters == 2) cut = pos;
  }
  return letters >= 5 ? std::string(form.substr(cut)) : std::string();
}

uint64_t AccentModel::FindSlot(std::string_view plain, bool trust_only_plain) const {
  if (slot_count_ == 0) return 0;
  const uint64_t hash = XXH3_64bits(plain.data(), plain.size()), tag = hash >> 32 << 32;
  for (size_t i = hash & (slot_count_ - 1);; i = (i + 1) & (slot_count_ - 1)) {
    const uint64_t slot = slots_[i];
    if (slot == 0) return 0;
    if ((slot & ~uint64_t{0xFFFFFFFF}) != tag) continue;
    if (trust_only_plain && (slot & kOnlyPlain) != 0) return slot;
    const PlainRecord& p = plains_[Index(slot)];
    if (String(p.text, p.length) == plain) return slot;
  }
}

const AccentModel::PlainRecord* AccentModel::FindPlain(std::string_view plain) const {
  const uint64_t slot = FindSlot(plain, false);
  return slot == 0 ? nullptr : &plains_[Index(slot)];
}

AccentModel::FormList AccentModel::FormsOf(const PlainRecord& p) const { return {this, forms_ + p.first_form, p.forms}; }

AccentModel::Form AccentModel::FormList::operator[](size_t i) const {
  const FormRecord& r = first_[i];
  return {model_->String(r.text, r.length), r.count};
}

std::string DefaultAccentsDir() {
  return PathFromEnv("MTCLEAN_ACCENTS_DIR", MTCLEAN_DEFAULT_ACCENTS_DIR);
}

uint64_t AccentModel::FormCount(std::string_view word) const {
  uint64_t n = 0;
  const std::string lower = LowerWord(word);
  for (const auto& f : Forms(PlainWord(word)))
    if (f.form == lower) n += f.count;
  return n;
}

AccentModel::FormList AccentModel::AccentedForms(std::string_view plain, bool* known) const {
  const uint64_t slot = FindSlot(plain, true);
  *known = slot != 0;
  return slot == 0 || (slot & kOnlyPlain) != 0 ? FormList() : FormsOf(plains_[Index(slot)]);
}

AccentModel::FormList AccentModel::Forms(std::string_view plain) const {
  const PlainRecord* entry = FindPlain(plain);
  return entry == nullptr ? FormList() : FormsOf(*entry);
}

bool AccentModel::AccentAttested(int32_t left, int32_t accented, int32_t right) const {
  auto has = [&](uint64_t key) { return std::binary_search(attested_, attested_ + attested_count_, key); };
  return has(AccentKey(left, accented, kAnyLetter)) && has(AccentKey(kAnyLetter, accented, right));
}

double AccentModel::PlainFrequency(std::string_view plain) const {
  const PlainRecord* entry = FindPlain(plain);
  return entry == nullptr || total_ == 0 ? 0 : static_cast<double>(entry->count) / static_cast<double>(total_);
}

uint32_t AccentModel::PairTable::Find(uint64_t key) const {
  if (count == 0) return 0;
  key = key == 0 ? 1 : key;  // as stored: 0 marks an empty slot
  for (size_t i = key & (count - 1);; i = (i + 1) & (count - 1)) {
    if (slots[i].key == key) return slots[i].count;
    if (slots[i].key == 0) return 0;
  }
}

AccentModel::Choice AccentModel::Choose(std::string_view plain, std::string_view previous, std::string_view next,
                                        bool capitalised) const {
  const PlainRecord* entry = FindPlain(plain);
  if (entry == nullptr || entry->forms == 0) return {};
  const FormRecord* forms = forms_ + entry->first_form;
  const size_t n_forms = entry->forms;
  if (n_forms == 1) return {String(forms[0].text, forms[0].length), 1.0};
  // Prior: how often each form is written; for a capitalised word inside a sentence, how
  // often it is written so (a name: "Debian", not the verb "debían"), when that is known.
  double capital_total = 0;
  if (capitalised)
    for (size_t i = 0; i < n_forms; ++i) capital_total += forms[i].capitalised;
  const bool by_capital = capital_total >= 3;
  // Context: how much more often the form follows `previous` (precedes `next`) than words
  // in general do, bounded, since the prose the contexts come from is small.
  constexpr double kBound = 4, kEdge = 0.07;
  auto background = [&](std::string_view neighbour) {
    if (neighbour.empty()) return kEdge;
    const PlainRecord* known = FindPlain(neighbour);
    double n = known == nullptr ? 0 : static_cast<double>(known->count);
    return (n + 1) / (static_cast<double>(total_) + 1e5);
  };
  const double bg_prev = background(previous), bg_next = background(next);
  bool endings_differ = false;
  auto ending_of = [&](const FormRecord& f) { return String(f.ending, f.ending_length); };
  for (size_t i = 0; i < n_forms; ++i) endings_differ |= ending_of(forms[i]) != ending_of(forms[0]);
  auto prior = [&](const FormRecord& f) { return (by_capital ? f.capitalised : static_cast<double>(f.count)) + 0.5; };
  double total = 0;
  for (size_t i = 0; i < n_forms; ++i) total += prior(forms[i]);
  // The previous word's hash seeds the pair keys once for all forms: pair_after(form) is
  // PairHash(previous, form).
  const uint64_t previous_hash = XXH3_64bits(previous.data(), previous.size());
  auto pair_after = [&](std::string_view form) { return XXH3_64bits_withSeed(form.data(), form.size(), previous_hash); };
  // P(neighbour | form), Witten-Bell smoothed: a form seen with many different neighbours
  // (a function word) expects new ones, and an unseen neighbour says little against it.
  // A pair the prose lacks speaks against a form only as far as the pair was to be expected:
  // "ne" seen 5,000 times and never before "et" (3% of words) is telling; never before
  // "remplace" (one word in 100,000) is not, and must not hand the choice to "né", which
  // the prose hardly shows and so has no pairs to lack. Absent pairs cost at most the
  // expected count (seen x the neighbour's frequency), the log odds of an absence by chance.
  auto context = [&](const PairTable& table, uint32_t types, uint64_t key, double bg, double seen) {
    const double t = std::max<double>(1.0, types);
    const double n = table.Find(key);
    double p = (n + t * bg) / (seen + t);
    const double score = std::clamp(std::log(p / bg), -kBound, kBound);
    return n == 0 ? std::max(score, -seen * bg) : score;
  };
  std::vector<double> scores;
  scores.reserve(n_forms);
  for (size_t i = 0; i < n_forms; ++i) {
    const FormRecord& f = forms[i];
    const std::string_view form = String(f.text, f.length), ending = ending_of(f);
    double score = std::log(prior(f) / total);
    score += context(left_, f.left_types, pair_after(form), bg_prev, f.seen);
    score += context(right_, f.right_types, PairHash(form, next), bg_next, f.seen);
    // The ending's contexts, when the forms end differently ("utilise"/"utilisé").
    if (!ending.empty() && endings_differ) {
      score += context(ending_left_, f.ending_left_types, pair_after(ending), bg_prev, f.ending_seen);
      score += context(ending_right_, f.ending_right_types, PairHash(ending, next), bg_next, f.ending_seen);
    }
    scores.push_back(score);
  }
  size_t best = 0;
  for (size_t i = 1; i < scores.size(); ++i)
    if (scores[i] > scores[best]) best = i;
  double norm = 0;
  for (double sc : scores) norm += std::exp(sc - scores[best]);
  return {String(forms[best].text, forms[best].length), 1.0 / norm};
}

}  // namespace mtclean
