#include "lexicon/accent_model.h"

#include <utf8proc.h>
#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>

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
  if (std::all_of(word.begin(), word.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
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

StatusOr<std::unique_ptr<AccentModel>> AccentModel::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::Error("cannot read accent model " + path + " (run scripts/setup.sh, then build)");
  auto m = std::unique_ptr<AccentModel>(new AccentModel());
  WordMap<std::vector<Form>> forms;
  // Read into maps by form, then copied beside each form (Form).
  WordMap<uint32_t> seen, capitalised, ending_seen;
  WordMap<uint32_t> left_types, right_types, ending_left_types, ending_right_types;
  std::string line;
  for (size_t line_no = 1; std::getline(in, line); ++line_no) {
    std::vector<std::string_view> f;
    std::string_view rest(line);
    while (true) {
      size_t tab = rest.find('\t');
      f.push_back(rest.substr(0, tab));
      if (tab == std::string_view::npos) break;
      rest = rest.substr(tab + 1);
    }
    auto bad = [&] { return Status::Error(path + ":" + std::to_string(line_no) + ": malformed accent model line"); };
    if (f.empty() || f[0].size() != 1) return bad();
    auto number = [&](std::string_view s) { return std::strtoull(std::string(s).c_str(), nullptr, 10); };
    switch (f[0][0]) {
      case 'u':
        if (f.size() != 3) return bad();
      {
        Form& form = forms[PlainWord(f[1])].emplace_back();
        form.form = std::string(f[1]);
        form.count = number(f[2]);
      }
        break;
      case 't':
      case 'c':
        if (f.size() != 3) return bad();
        (f[0][0] == 't' ? seen : capitalised)[std::string(f[1])] = static_cast<uint32_t>(number(f[2]));
        break;
      case 'l':
      case 'r':
      case 'L':
      case 'R': {
        if (f.size() != 4) return bad();
        const char kind = f[0][0];
        auto& table = kind == 'l' ? m->left_ : kind == 'r' ? m->right_ : kind == 'L' ? m->ending_left_ : m->ending_right_;
        // Witten-Bell needs how many different neighbours each form (or ending) was seen with.
        auto& types = kind == 'l' ? left_types : kind == 'r' ? right_types : kind == 'L' ? ending_left_types
                                                                                        : ending_right_types;
        table[PairHash(f[1], f[2])] = static_cast<uint32_t>(number(f[3]));
        ++types[std::string(kind == 'l' || kind == 'L' ? f[2] : f[1])];
        break;
      }
      case 'T':
        if (f.size() != 3) return bad();
        ending_seen[std::string(f[1])] = static_cast<uint32_t>(number(f[2]));
        break;
      default:
        return bad();
    }
  }
  size_t slots = 16;
  while (slots < 2 * forms.size()) slots *= 2;
  m->slots_.assign(slots, 0);
  m->plains_.reserve(forms.size());
  auto count_of = [](const WordMap<uint32_t>& table, std::string_view key) -> uint32_t {
    auto it = table.find(key);
    return it == table.end() ? 0 : it->second;
  };
  std::vector<int32_t> plain_letters, form_letters;
  for (auto& [plain, of_plain] : forms) {
    Plain entry{plain, std::move(of_plain), 0};
    utf8::CodePoints(plain, &plain_letters);
    for (auto& f : entry.forms) {
      utf8::CodePoints(f.form, &form_letters);
      if (form_letters.size() == plain_letters.size())
        for (size_t i = 0; i < form_letters.size(); ++i) {
          if (form_letters[i] == plain_letters[i]) continue;
          const int32_t left = i > 0 ? plain_letters[i - 1] : 0;
          const int32_t right = i + 1 < plain_letters.size() ? plain_letters[i + 1] : 0;
          m->attested_.insert(AccentKey(left, form_letters[i], kAnyLetter));
          m->attested_.insert(AccentKey(kAnyLetter, form_letters[i], right));
        }
      entry.count += f.count;
      f.seen = count_of(seen, f.form);
      f.capitalised = count_of(capitalised, f.form);
      f.left_types = count_of(left_types, f.form);
      f.right_types = count_of(right_types, f.form);
      f.ending = Ending(f.form);
      f.ending_seen = count_of(ending_seen, f.ending);
      f.ending_left_types = count_of(ending_left_types, f.ending);
      f.ending_right_types = count_of(ending_right_types, f.ending);
    }
    m->total_ += entry.count;
    const uint64_t hash = XXH3_64bits(plain.data(), plain.size());
    size_t i = hash & (slots - 1);
    while (m->slots_[i] != 0) i = (i + 1) & (slots - 1);
    const bool only_plain = entry.forms.size() == 1 && entry.forms[0].form == plain;
    m->plains_.push_back(std::move(entry));
    m->slots_[i] = (hash >> 32 << 32) | (only_plain ? kOnlyPlain : 0) | m->plains_.size();
  }
  return m;
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
  if (slots_.empty()) return 0;
  const uint64_t hash = XXH3_64bits(plain.data(), plain.size()), tag = hash >> 32 << 32;
  for (size_t i = hash & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
    const uint64_t slot = slots_[i];
    if (slot == 0) return 0;
    if ((slot & ~uint64_t{0xFFFFFFFF}) != tag) continue;
    if ((trust_only_plain && (slot & kOnlyPlain) != 0) || plains_[Index(slot)].plain == plain) return slot;
  }
}

const AccentModel::Plain* AccentModel::FindPlain(std::string_view plain) const {
  const uint64_t slot = FindSlot(plain, false);
  return slot == 0 ? nullptr : &plains_[Index(slot)];
}

const std::vector<AccentModel::Form>* AccentModel::AccentedForms(std::string_view plain, bool* known) const {
  const uint64_t slot = FindSlot(plain, true);
  *known = slot != 0;
  return slot == 0 || (slot & kOnlyPlain) != 0 ? nullptr : &plains_[Index(slot)].forms;
}

const std::vector<AccentModel::Form>& AccentModel::Forms(std::string_view plain) const {
  static const std::vector<Form> kNone;
  const Plain* entry = FindPlain(plain);
  return entry == nullptr ? kNone : entry->forms;
}

bool AccentModel::AccentAttested(int32_t left, int32_t accented, int32_t right) const {
  return attested_.count(AccentKey(left, accented, kAnyLetter)) > 0 &&
         attested_.count(AccentKey(kAnyLetter, accented, right)) > 0;
}

double AccentModel::PlainFrequency(std::string_view plain) const {
  const Plain* entry = FindPlain(plain);
  return entry == nullptr || total_ == 0 ? 0 : static_cast<double>(entry->count) / static_cast<double>(total_);
}

AccentModel::Choice AccentModel::Choose(std::string_view plain, std::string_view previous, std::string_view next,
                                        bool capitalised) const {
  const auto& forms = Forms(plain);
  if (forms.empty()) return {};
  if (forms.size() == 1) return {forms[0].form, 1.0};
  // Prior: how often each form is written; for a capitalised word inside a sentence, how
  // often it is written so (a name: "Debian", not the verb "debían"), when that is known.
  double capital_total = 0;
  if (capitalised)
    for (const auto& f : forms) capital_total += f.capitalised;
  const bool by_capital = capital_total >= 3;
  // Context: how much more often the form follows `previous` (precedes `next`) than words
  // in general do, bounded, since the prose the contexts come from is small.
  constexpr double kBound = 4, kEdge = 0.07;
  auto background = [&](std::string_view neighbour) {
    if (neighbour.empty()) return kEdge;
    const Plain* entry = FindPlain(neighbour);
    double n = entry == nullptr ? 0 : static_cast<double>(entry->count);
    return (n + 1) / (static_cast<double>(total_) + 1e5);
  };
  const double bg_prev = background(previous), bg_next = background(next);
  bool endings_differ = false;
  for (const auto& f : forms) endings_differ |= f.ending != forms[0].ending;
  auto prior = [&](const Form& f) { return (by_capital ? f.capitalised : static_cast<double>(f.count)) + 0.5; };
  double total = 0;
  for (const auto& f : forms) total += prior(f);
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
  auto context = [&](const HashCountTable& table, uint32_t types, uint64_t key, double bg, double seen) {
    const double t = std::max<double>(1.0, types);
    const double n = table.Find(key);
    double p = (n + t * bg) / (seen + t);
    const double score = std::clamp(std::log(p / bg), -kBound, kBound);
    return n == 0 ? std::max(score, -seen * bg) : score;
  };
  std::vector<double> scores;
  scores.reserve(forms.size());
  for (const auto& f : forms) {
    double score = std::log(prior(f) / total);
    score += context(left_, f.left_types, pair_after(f.form), bg_prev, f.seen);
    score += context(right_, f.right_types, PairHash(f.form, next), bg_next, f.seen);
    // The ending's contexts, when the forms end differently ("utilise"/"utilisé").
    if (!f.ending.empty() && endings_differ) {
      score += context(ending_left_, f.ending_left_types, pair_after(f.ending), bg_prev, f.ending_seen);
      score += context(ending_right_, f.ending_right_types, PairHash(f.ending, next), bg_next, f.ending_seen);
    }
    scores.push_back(score);
  }
  size_t best = 0;
  for (size_t i = 1; i < scores.size(); ++i)
    if (scores[i] > scores[best]) best = i;
  double norm = 0;
  for (double sc : scores) norm += std::exp(sc - scores[best]);
  return {forms[best].form, 1.0 / norm};
}

}  // namespace mtclean
