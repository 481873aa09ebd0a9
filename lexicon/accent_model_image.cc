// An accent model's binary image: compiled from the text counts at build time, mmap-ed at run
// time (the text form is still read, for tests and for a look at what a model holds).
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "lexicon/accent_model.h"
#include "lexicon/accent_model_records.h"
#include "lexicon/mapped_file.h"
#include "pipeline/utf8.h"

namespace mtclean {
namespace {

size_t PowerOfTwoAtLeast(size_t n) {
  size_t p = 16;
  while (p < n) p *= 2;
  return p;
}

// Appends `v`'s bytes to `image`, padded to a multiple of 8.
template <class T>
void Append(std::vector<uint8_t>* image, const std::vector<T>& v) {
  const auto* p = reinterpret_cast<const uint8_t*>(v.data());
  image->insert(image->end(), p, p + v.size() * sizeof(T));
  image->resize((image->size() + 7) / 8 * 8, 0);
}

}  // namespace

AccentModel::~AccentModel() = default;

StatusOr<std::unique_ptr<AccentModel>> AccentModel::Load(const std::string& path) {
  if (!MappedFile::StartsWith(path, std::string_view(kAccentMagic, sizeof kAccentMagic)))
    return CompileText(path);
  auto file = MappedFile::Open(path, "accent model");
  if (!file.ok()) return file.status();
  auto m = std::unique_ptr<AccentModel>(new AccentModel());
  m->mapped_ = std::move(*file);
  m->data_ = m->mapped_.data();
  m->size_ = m->mapped_.size();
  if (Status s = m->Attach(m->data_, m->size_, path); !s.ok()) return s;
  return m;
}

Status AccentModel::Attach(const uint8_t* data, size_t size, const std::string& path) {
  // The image's layout, the same on every machine that builds it.
  static_assert(sizeof(Header) == 88 && sizeof(PlainRecord) == 24 && sizeof(FormRecord) == 48 && sizeof(PairSlot) == 16);
  Header h;
  if (size < sizeof h) return Status::Error(path + ": not an accent model (too small)");
  std::memcpy(&h, data, sizeof h);
  auto padded = [](uint64_t bytes) { return (bytes + 7) / 8 * 8; };
  const uint64_t pairs = h.pair_slots[0] + h.pair_slots[1] + h.pair_slots[2] + h.pair_slots[3];
  const uint64_t need = sizeof h + h.slots * 8 + padded(h.plains * sizeof(PlainRecord)) +
                        h.forms * sizeof(FormRecord) + pairs * sizeof(PairSlot) + h.attested * 8 + h.strings;
  if (std::memcmp(h.magic, kAccentMagic, sizeof kAccentMagic) != 0 || need != size || (h.slots & (h.slots - 1)) != 0)
    return Status::Error(path + ": not an accent model of this version (rebuild it with build_accent_model)");
  const uint8_t* at = data + sizeof h;
  total_ = h.total;
  slots_ = reinterpret_cast<const uint64_t*>(at), slot_count_ = h.slots, at += h.slots * 8;
  plains_ = reinterpret_cast<const PlainRecord*>(at), at += padded(h.plains * sizeof(PlainRecord));
  forms_ = reinterpret_cast<const FormRecord*>(at), at += h.forms * sizeof(FormRecord);
  PairTable* tables[4] = {&left_, &right_, &ending_left_, &ending_right_};
  for (int t = 0; t < 4; ++t) {
    tables[t]->slots = reinterpret_cast<const PairSlot*>(at);
    tables[t]->count = h.pair_slots[t];
    at += h.pair_slots[t] * sizeof(PairSlot);
  }
  attested_ = reinterpret_cast<const uint64_t*>(at), attested_count_ = h.attested, at += h.attested * 8;
  strings_ = reinterpret_cast<const char*>(at);
  return Status();
}

Status AccentModel::WriteBinary(const std::string& path) const {
  return WriteFileWhole(path, data_, size_);
}

// The text form, one record per line, tab-separated:
//   u form count                a word form and how often the counts write it
//   t form n / c form n         how often an ambiguous form is seen in the prose / capitalised there
//   T ending n                  the same for an ending
//   l previous form n           the form after `previous` (r: form next; L, R: for endings)
StatusOr<std::unique_ptr<AccentModel>> AccentModel::CompileText(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::Error("cannot read accent model " + path + " (run scripts/setup.sh, then build)");
  std::map<std::string, std::vector<std::pair<std::string, uint64_t>>> forms;  // by plain spelling, sorted
  WordMap<uint32_t> seen, capitalised, ending_seen;
  // Witten-Bell needs how many different neighbours each form (or ending) was seen with.
  WordMap<uint32_t> types[4];  // left, right, ending left, ending right
  std::unordered_map<uint64_t, uint32_t> pairs[4];
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
        if (f.size() != 3 || f[1].size() > 0xFFFF) return bad();
        forms[PlainWord(f[1])].emplace_back(std::string(f[1]), number(f[2]));
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
        const size_t t = std::string_view("lrLR").find(f[0][0]);
        pairs[t][PairHash(f[1], f[2])] = static_cast<uint32_t>(number(f[3]));
        ++types[t][std::string(t == 0 || t == 2 ? f[2] : f[1])];
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

  std::string strings;
  auto add_string = [&](std::string_view s) {
    const auto offset = static_cast<uint32_t>(strings.size());
    strings.append(s);
    return offset;
  };
  auto count_of = [](const WordMap<uint32_t>& table, std::string_view key) -> uint32_t {
    auto it = table.find(key);
    return it == table.end() ? 0 : it->second;
  };
  Header h{};
  std::memcpy(h.magic, kAccentMagic, sizeof kAccentMagic);
  std::vector<uint64_t> slots(PowerOfTwoAtLeast(2 * forms.size()), 0);
  std::vector<PlainRecord> plains;
  std::vector<FormRecord> form_records;
  std::unordered_set<uint64_t> attested;
  std::vector<int32_t> plain_letters, form_letters;
  for (const auto& [plain, of_plain] : forms) {
    PlainRecord p{};
    p.text = add_string(plain);
    p.length = static_cast<uint16_t>(plain.size());
    p.first_form = static_cast<uint32_t>(form_records.size());
    p.forms = static_cast<uint16_t>(std::min<size_t>(of_plain.size(), 0xFFFF));
    utf8::CodePoints(plain, &plain_letters);
    for (size_t k = 0; k < p.forms; ++k) {
      const auto& [form, count] = of_plain[k];
      utf8::CodePoints(form, &form_letters);
      if (form_letters.size() == plain_letters.size())
        for (size_t i = 0; i < form_letters.size(); ++i) {
          if (form_letters[i] == plain_letters[i]) continue;
          const int32_t left = i > 0 ? plain_letters[i - 1] : 0;
          const int32_t right = i + 1 < plain_letters.size() ? plain_letters[i + 1] : 0;
          attested.insert(AccentKey(left, form_letters[i], kAnyLetter));
          attested.insert(AccentKey(kAnyLetter, form_letters[i], right));
        }
      FormRecord r{};
      r.count = count;
      r.text = add_string(form);
      r.length = static_cast<uint16_t>(form.size());
      const std::string ending = Ending(form);
      r.ending = add_string(ending);
      r.ending_length = static_cast<uint16_t>(ending.size());
      r.seen = count_of(seen, form);
      r.capitalised = count_of(capitalised, form);
      r.left_types = count_of(types[0], form);
      r.right_types = count_of(types[1], form);
      r.ending_seen = count_of(ending_seen, ending);
      r.ending_left_types = count_of(types[2], ending);
      r.ending_right_types = count_of(types[3], ending);
      p.count += count;
      form_records.push_back(r);
    }
    h.total += p.count;
    const uint64_t hash = XXH3_64bits(plain.data(), plain.size());
    size_t i = hash & (slots.size() - 1);
    while (slots[i] != 0) i = (i + 1) & (slots.size() - 1);
    const bool only_plain = of_plain.size() == 1 && of_plain[0].first == plain;
    plains.push_back(p);
    slots[i] = (hash >> 32 << 32) | (only_plain ? kOnlyPlain : 0) | plains.size();
  }
  std::vector<PairSlot> pair_slots[4];
  for (int t = 0; t < 4; ++t) {
    if (pairs[t].empty()) continue;
    pair_slots[t].assign(PowerOfTwoAtLeast(2 * pairs[t].size()), PairSlot{});
    const size_t mask = pair_slots[t].size() - 1;
    for (const auto& [hash, count] : pairs[t]) {
      const uint64_t key = hash == 0 ? 1 : hash;
      size_t i = key & mask;
      while (pair_slots[t][i].key != 0) i = (i + 1) & mask;
      pair_slots[t][i] = PairSlot{key, count, 0};
    }
    h.pair_slots[t] = pair_slots[t].size();
  }
  std::vector<uint64_t> attested_keys(attested.begin(), attested.end());
  std::sort(attested_keys.begin(), attested_keys.end());
  strings.resize((strings.size() + 7) / 8 * 8, '\0');
  h.slots = slots.size();
  h.plains = plains.size();
  h.forms = form_records.size();
  h.attested = attested_keys.size();
  h.strings = strings.size();

  std::vector<uint8_t> image(reinterpret_cast<const uint8_t*>(&h), reinterpret_cast<const uint8_t*>(&h) + sizeof h);
  Append(&image, slots);
  Append(&image, plains);
  Append(&image, form_records);
  for (const auto& table : pair_slots) Append(&image, table);
  Append(&image, attested_keys);
  image.insert(image.end(), strings.begin(), strings.end());

  auto m = std::unique_ptr<AccentModel>(new AccentModel());
  m->owned_.resize(image.size() / 8);
  std::memcpy(m->owned_.data(), image.data(), image.size());
  m->data_ = reinterpret_cast<const uint8_t*>(m->owned_.data());
  m->size_ = image.size();
  if (Status s = m->Attach(m->data_, m->size_, path); !s.ok()) return s;
  return m;
}

}  // namespace mtclean
