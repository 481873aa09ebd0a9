#include "lexicon/gazetteer.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "lexicon/phonetic_key.h"
#include "pipeline/utf8.h"

namespace mtclean {

std::string_view EntityTypeName(EntityType type) {
  switch (type) {
    case EntityType::kCountry: return "country";
    case EntityType::kAdmin1: return "admin1";
    case EntityType::kAdmin2: return "admin2";
    case EntityType::kCity: return "city";
    case EntityType::kPerson: return "person";
    case EntityType::kOrganisation: return "organisation";
  }
  return "?";
}

std::string FoldName(std::string_view name) {
  // ASCII, most names of English text, folds by lowering its letters (as utf8proc would).
  if (utf8::IsAscii(name)) {
    std::string out;
    out.reserve(name.size());
    bool space = false;
    for (char c : name) {
      if (c == '\'' || c == '`') continue;
      const char lower =
          static_cast<char>(c | 0x20);  // (the "C" locale's letters, without its calls)
      if (lower >= 'a' && lower <= 'z') {
        if (space && !out.empty()) out.push_back(' ');
        space = false;
        out.push_back(lower);
      } else {
        space = true;
      }
    }
    return out;
  }
  // Compatibility decomposition, case folding and mark stripping by utf8proc: "Maīdān"
  // becomes "maidan", "ﬁ" becomes "fi".
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(name.data()),
                                    static_cast<utf8proc_ssize_t>(name.size()), &mapped,
                                    static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                                                                   UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK));
  std::string out;
  if (n < 0) return out;
  std::string_view s(reinterpret_cast<const char*>(mapped), static_cast<size_t>(n));
  bool space = false;
  for (size_t pos = 0; pos < s.size();) {
    int32_t cp;
    int len = utf8::Decode(s, pos, &cp);
    pos += static_cast<size_t>(len > 0 ? len : -len);
    if (cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BF || cp == 0x02BE || cp == '`')
      continue;  // apostrophes and ayn/hamza marks join: "Qal'ah" -> "qalah"
    if (utf8::IsLetter(cp) && utf8proc_category(cp) != UTF8PROC_CATEGORY_LM) {
      if (space && !out.empty()) out.push_back(' ');
      space = false;
      utf8::Append(&out, cp);
    } else {
      space = true;
    }
  }
  std::free(mapped);
  return out;
}

namespace {
// Each byte's class in a skeleton: a consonant's class letter (k q c g -> k, s z x -> s,
// f v -> f, b p -> b, others themselves), or one of the markers below.
constexpr char kVowel = 1, kY = 2, kSpace = 3, kOther = 4;  // kOther: a byte of a non-ASCII letter
constexpr std::array<char, 256> kSkeletonClass = [] {
  std::array<char, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = c < 0x80 ? static_cast<char>(c) : kOther;
  for (char c : std::string_view("aeiouwh")) t[static_cast<unsigned char>(c)] = kVowel;
  for (char c : std::string_view("kqcg")) t[static_cast<unsigned char>(c)] = 'k';
  for (char c : std::string_view("szx")) t[static_cast<unsigned char>(c)] = 's';
  t['f'] = t['v'] = 'f';
  t['b'] = t['p'] = 'b';
  t['y'] = kY;
  t[' '] = kSpace;
  return t;
}();
}  // namespace

std::string Skeleton(std::string_view folded) {
  // (Runs for each of a hundred respellings of every unknown capitalised word: one pass over
  // a table of classes, into one string.)
  std::string out(folded.size(), '\0');
  size_t n = 0;
  auto is_vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; };
  char last = 0;      // last class written in this word
  bool dots = false;  // a '.' written (only from a '.' in the input): removed at the end
  for (size_t i = 0; i < folded.size(); ++i) {
    const char c = folded[i];
    const char next = i + 1 < folded.size() ? folded[i + 1] : ' ';
    char cls = kSkeletonClass[static_cast<unsigned char>(c)];
    if (cls == kSpace) {
      if (n > 0 && out[n - 1] != ' ') out[n++] = ' ';
      last = 0;
      continue;
    }
    // Digraphs: sh ch zh -> s, kh gh -> k, ph -> f, th -> t, dh -> d, dj -> j.
    if (next == 'h' && (c == 's' || c == 'c' || c == 'z' || c == 'k' || c == 'g' || c == 'p' ||
                        c == 't' || c == 'd')) {
      cls = c == 'p' ? 'f' : c == 't' ? 't' : c == 'd' ? 'd' : (c == 'k' || c == 'g') ? 'k' : 's';
      ++i;
    } else if (c == 'd' && next == 'j') {
      cls = 'j';
      ++i;
    } else if (cls == kVowel) {
      last = last == 0 ? 0 : '.';
      continue;
    } else if (cls == kY) {  // a consonant before a vowel (Spanish "Yalalabad"), else a vowel
      if (!is_vowel(next)) {
        last = last == 0 ? 0 : '.';
        continue;
      }
      cls = 'j';
    } else if (cls == kOther) {  // non-ASCII letters stay as they are
      out[n++] = c;
      last = 0;
      continue;
    }
    if (cls != last) out[n++] = cls, dots |= cls == '.';
    last = cls;
  }
  out.resize(n);
  // The '.' markers only separate repeated classes across vowels ("Rasheed" keeps r-s-d);
  // doubled classes with no vowel between collapse ("Zabihullah" -> z-b-l).
  if (dots) out.erase(std::remove(out.begin(), out.end(), '.'), out.end());
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string_view WithoutAdminWord(std::string_view name) {
  for (std::string_view word : {" Province", " District", " Region", " Governorate", " Oblast", " State",
                                " Prefecture", " County", " Department", " Municipality"}) {
    if (name.size() > word.size() && name.substr(name.size() - word.size()) == word)
      return name.substr(0, name.size() - word.size());
  }
  return name;
}

uint32_t RegionId(std::string_view code) {
  if (code.empty()) return 0;
  uint32_t id = static_cast<uint32_t>(XXH3_64bits(code.data(), code.size()));
  return id == 0 ? 1 : id;
}

namespace {

constexpr char kMagic[8] = {'M', 'T', 'C', 'G', 'A', 'Z', '7', '\0'};

struct Header {
  char magic[8];
  uint64_t entries, keys, strings;
};
struct EntryRecord {
  uint64_t name_offset;
  uint32_t name_length;
  uint8_t type;
  char country[2];
  uint8_t capital;
  float prominence;
  uint32_t region;
  uint32_t english_length;  // 0: the canonical name is the English one
  uint32_t reserved;        // explicit, so that no padding byte goes unwritten
  uint64_t english_offset;
};
struct KeyRecord {
  uint64_t hash;
  uint32_t entry;
  uint32_t form_length;  // the spelling (canonical or alternate) that gave this key
  uint64_t form_offset;
};
static_assert(sizeof(EntryRecord) == 40 && sizeof(KeyRecord) == 24);

enum : uint32_t {
  kByName = 1,
  kBySkeleton = 2,
  kByPhonetic = 3,
  kCapitalOf = 4,
  kByExonym = 5,
  kByWeakExonym = 6
};

// Names less prominent than this are never repaired to: no phonetic key for them.
constexpr float kMinPhoneticProminence = 3.0f;

uint64_t KeyHash(std::string_view key, uint32_t kind) {
  return XXH3_64bits_withSeed(key.data(), key.size(), kind);
}

}  // namespace

namespace {
// One bit per value of a hash's low kFilterBits bits, set for every key: most look-ups are of
// spellings no key has, and a clear bit answers them from 2 MiB instead of two misses in the
// bucket and key arrays (1.3M keys: one absent spelling in fourteen passes).
constexpr unsigned kFilterBits = 24;
constexpr uint64_t kFilterMask = (uint64_t{1} << kFilterBits) - 1;
// The same for the keys whose most prominent entry reaches kProminent (85,000 keys of 1.3M),
// in 128 KiB that stay in the cache: the names stage looks up about a hundred respellings of
// each unknown capitalised word, with this floor for a single word, and a look-up in the
// big filter missed the cache.
constexpr float kProminent = 5.0f;
constexpr unsigned kProminentFilterBits = 20;
constexpr uint64_t kProminentFilterMask = (uint64_t{1} << kProminentFilterBits) - 1;

struct GazetteerIndex {
  unsigned bucket_bits = 1;
  std::vector<uint32_t> bucket_start;
  std::vector<uint64_t> filter, prominent_filter;
};

// The keys are sorted by hash, and hashes are uniform: the top bits of a hash tell where its
// keys start, within a few records (a binary search over a million keys missed the cache a
// dozen times per look-up).
GazetteerIndex BuildIndex(const std::vector<KeyRecord>& keys,
                          const std::vector<EntryRecord>& records) {
  GazetteerIndex x;
  while (x.bucket_bits < 30 && (uint64_t{1} << (x.bucket_bits + 2)) < keys.size()) ++x.bucket_bits;
  x.bucket_start.assign((size_t{1} << x.bucket_bits) + 1, static_cast<uint32_t>(keys.size()));
  x.filter.assign((size_t{1} << kFilterBits) / 64, 0);
  x.prominent_filter.assign((size_t{1} << kProminentFilterBits) / 64, 0);
  for (size_t i = keys.size(); i-- > 0;) {
    x.bucket_start[static_cast<size_t>(keys[i].hash >> (64 - x.bucket_bits))] =
        static_cast<uint32_t>(i);
    const uint64_t bit = keys[i].hash & kFilterMask;
    x.filter[bit >> 6] |= uint64_t{1} << (bit & 63);
    // A key's entries are sorted most prominent first: its first says whether any reaches it.
    if ((i == 0 || keys[i - 1].hash != keys[i].hash) &&
        records[keys[i].entry].prominence >= kProminent) {
      const uint64_t pbit = keys[i].hash & kProminentFilterMask;
      x.prominent_filter[pbit >> 6] |= uint64_t{1} << (pbit & 63);
    }
  }
  for (size_t b = x.bucket_start.size() - 1; b-- > 0;)  // empty buckets start where the next does
    x.bucket_start[b] = std::min(x.bucket_start[b], x.bucket_start[b + 1]);
  return x;
}

// Where the index starts: after the strings, 8-byte aligned.
size_t IndexOffset(const Header& h) {
  const size_t end =
      sizeof h + h.entries * sizeof(EntryRecord) + h.keys * sizeof(KeyRecord) + h.strings;
  return (end + 7) & ~size_t{7};
}
}  // namespace

Status WriteGazetteer(const std::vector<GazetteerEntry>& entries, const std::string& path) {
  std::string strings;
  std::vector<EntryRecord> records;
  std::vector<KeyRecord> keys;
  for (size_t id = 0; id < entries.size(); ++id) {
    const GazetteerEntry& e = entries[id];
    EntryRecord r{};
    r.name_offset = strings.size();
    r.name_length = static_cast<uint32_t>(e.name.size());
    strings += e.name;
    r.type = static_cast<uint8_t>(e.type);
    r.country[0] = e.country.size() > 0 ? e.country[0] : ' ';
    r.country[1] = e.country.size() > 1 ? e.country[1] : ' ';
    r.prominence = e.prominence;
    r.capital = e.capital;
    r.region = RegionId(e.region);
    if (!e.english.empty() && e.english != e.name) {
      r.english_offset = strings.size();
      r.english_length = static_cast<uint32_t>(e.english.size());
      strings += e.english;
    }
    records.push_back(r);
    if (e.capital != 0 && r.region != 0) {
      // Indexed under the division it is the seat of: its own region, or its country.
      uint32_t seat_of = e.capital == kSeatOfCountry ? RegionId(e.country) : r.region;
      keys.push_back({KeyHash(std::string_view(reinterpret_cast<const char*>(&seat_of), sizeof seat_of), kCapitalOf),
                      static_cast<uint32_t>(id), r.name_length, r.name_offset});
    }
    // Every spelling is stored once; each of its keys points at it.
    std::vector<std::pair<std::string, std::string>> forms;  // (spelling, folded)
    forms.emplace_back(e.name, FoldName(e.name));
    for (const std::string& a : e.alternates) forms.emplace_back(a, FoldName(a));
    // A key points at the first spelling that gives it: the canonical name before alternates.
    std::vector<std::pair<uint64_t, std::string>> seen;
    for (const auto& [spelling, folded] : forms) {
      if (folded.empty()) continue;
      uint64_t off = spelling == e.name ? r.name_offset : strings.size();
      bool stored = spelling == e.name;
      std::vector<uint64_t> hashes = {KeyHash(folded, kByName), KeyHash(Skeleton(folded), kBySkeleton)};
      if (e.prominence >= kMinPhoneticProminence || e.capital != 0) hashes.push_back(KeyHash(EnglishPhoneticKey(folded), kByPhonetic));
      for (uint64_t hash : hashes) {
        bool dup = false;
        for (const auto& s2 : seen) dup |= s2.first == hash;
        if (dup) continue;
        seen.emplace_back(hash, spelling);
        if (!stored) {
          strings += spelling;
          stored = true;
        }
        keys.push_back({hash, static_cast<uint32_t>(id), static_cast<uint32_t>(spelling.size()), off});
      }
    }
    // Other languages' spellings, each stored once, under their own key kinds: exonyms, then
    // the weak ones (spellings English may share) that are no exonym already.
    std::vector<std::string> exonyms_seen;
    auto add_spellings = [&](const std::vector<std::string>& spellings, uint32_t kind) {
      for (const std::string& x : spellings) {
        std::string folded = FoldName(x);
        // Only the canonical and English names rule one out: alternates are of every language.
        bool english = folded.empty() || folded == forms[0].second ||
                       (!e.english.empty() && folded == FoldName(e.english));
        if (english ||
            std::find(exonyms_seen.begin(), exonyms_seen.end(), folded) != exonyms_seen.end())
          continue;
        exonyms_seen.push_back(folded);
        keys.push_back({KeyHash(folded, kind), static_cast<uint32_t>(id),
                        static_cast<uint32_t>(x.size()), strings.size()});
        strings += x;
      }
    };
    add_spellings(e.exonyms, kByExonym);
    add_spellings(e.weak_exonyms, kByWeakExonym);
  }
  // Within a key, the most prominent entries first: a look-up with a floor of prominence
  // stops at the first entry below it (a short skeleton is the key of thousands of hamlets).
  std::sort(keys.begin(), keys.end(), [&](const KeyRecord& a, const KeyRecord& b) {
    if (a.hash != b.hash) return a.hash < b.hash;
    const float pa = records[a.entry].prominence, pb = records[b.entry].prominence;
    return pa != pb ? pa > pb : a.entry < b.entry;
  });
  // The look-up index, written after the strings so that opening reads nothing (index.h).
  const GazetteerIndex index = BuildIndex(keys, records);
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.entries = records.size();
  h.keys = keys.size();
  h.strings = strings.size();
  // A name of its own per process: builds and tests may write the same gazetteer at once.
  std::string tmp = path + ".tmp." + std::to_string(getpid());
  std::ofstream out(tmp, std::ios::binary);
  out.write(reinterpret_cast<const char*>(&h), sizeof h);
  out.write(reinterpret_cast<const char*>(records.data()), static_cast<std::streamsize>(records.size() * sizeof(EntryRecord)));
  out.write(reinterpret_cast<const char*>(keys.data()), static_cast<std::streamsize>(keys.size() * sizeof(KeyRecord)));
  out.write(strings.data(), static_cast<std::streamsize>(strings.size()));
  const std::string padding(IndexOffset(h) - (sizeof h + h.entries * sizeof(EntryRecord) +
                                              h.keys * sizeof(KeyRecord) + h.strings),
                            '\0');
  out.write(padding.data(), static_cast<std::streamsize>(padding.size()));
  const uint64_t bits = index.bucket_bits;
  out.write(reinterpret_cast<const char*>(&bits), sizeof bits);
  auto write_words = [&](const auto& v) {
    out.write(reinterpret_cast<const char*>(v.data()),
              static_cast<std::streamsize>(v.size() * sizeof(v[0])));
  };
  write_words(index.bucket_start);
  if (index.bucket_start.size() % 2 != 0)
    out.write("\0\0\0\0", 4);  // the filters start 8-byte aligned
  write_words(index.filter);
  write_words(index.prominent_filter);
  out.close();
  if (!out) return Status::Error("cannot write " + path);
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    return Status::Error("cannot rename " + tmp + " to " + path + ": " + std::strerror(errno));
  return {};
}

StatusOr<std::unique_ptr<Gazetteer>> Gazetteer::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return Status::Error("cannot read gazetteer " + path + ": " + std::strerror(errno));
  struct stat st {};
  if (fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(sizeof(Header))) {
    ::close(fd);
    return Status::Error(path + ": not a gazetteer (too small)");
  }
  void* p = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) return Status::Error("cannot map gazetteer " + path + ": " + std::strerror(errno));
  auto g = std::unique_ptr<Gazetteer>(new Gazetteer());
  g->data_ = static_cast<const uint8_t*>(p);
  g->size_ = static_cast<size_t>(st.st_size);
  Header h;
  std::memcpy(&h, g->data_, sizeof h);
  const size_t index_at = IndexOffset(h);
  uint64_t bits = 0;
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 || index_at + sizeof bits > g->size_)
    return Status::Error(path + ": not a gazetteer of this version (rebuild it with build_gazetteer)");
  std::memcpy(&bits, g->data_ + index_at, sizeof bits);
  const size_t buckets = (size_t{1} << std::min<uint64_t>(bits, 30)) + 1;
  const size_t filter_at = index_at + sizeof bits + (buckets + buckets % 2) * sizeof(uint32_t);
  const size_t prominent_at = filter_at + (size_t{1} << kFilterBits) / 8;
  if (bits > 30 || prominent_at + (size_t{1} << kProminentFilterBits) / 8 != g->size_)
    return Status::Error(path +
                         ": not a gazetteer of this version (rebuild it with build_gazetteer)");
  g->bucket_bits_ = static_cast<unsigned>(bits);
  g->bucket_start_ = reinterpret_cast<const uint32_t*>(g->data_ + index_at + sizeof bits);
  g->filter_ = reinterpret_cast<const uint64_t*>(g->data_ + filter_at);
  g->prominent_filter_ = reinterpret_cast<const uint64_t*>(g->data_ + prominent_at);
  return g;
}

Gazetteer::~Gazetteer() {
  if (data_ != nullptr) munmap(const_cast<uint8_t*>(data_), size_);
}

size_t Gazetteer::size() const {
  Header h;
  std::memcpy(&h, data_, sizeof h);
  return h.entries;
}

Gazetteer::Entry Gazetteer::Get(uint32_t id) const {
  Header h;
  std::memcpy(&h, data_, sizeof h);
  const auto* records = reinterpret_cast<const EntryRecord*>(data_ + sizeof h);
  const char* strings = reinterpret_cast<const char*>(data_ + sizeof h + h.entries * sizeof(EntryRecord) +
                                                      h.keys * sizeof(KeyRecord));
  const EntryRecord& r = records[id];
  std::string_view country(r.country, r.country[0] == ' ' ? 0 : 2);
  std::string_view name(strings + r.name_offset, r.name_length);
  std::string_view english =
      r.english_length == 0 ? name : std::string_view(strings + r.english_offset, r.english_length);
  return {
      name,   static_cast<EntityType>(r.type), country, r.prominence, id, name, r.region, r.capital,
      english};
}

const uint64_t& Gazetteer::FilterWord(uint64_t hash, float min_prominence) const {
  return min_prominence >= kProminent ? prominent_filter_[(hash & kProminentFilterMask) >> 6]
                                      : filter_[(hash & kFilterMask) >> 6];
}

bool Gazetteer::MayHave(uint64_t hash, float min_prominence) const {
  return (FilterWord(hash, min_prominence) >> (hash & 63) & 1) != 0;
}

std::vector<Gazetteer::Entry> Gazetteer::Find(uint64_t hash, float min_prominence) const {
  if (!MayHave(hash, min_prominence)) return {};
  Header h;
  std::memcpy(&h, data_, sizeof h);
  const auto* keys = reinterpret_cast<const KeyRecord*>(data_ + sizeof h + h.entries * sizeof(EntryRecord));
  const size_t bucket = static_cast<size_t>(hash >> (64 - bucket_bits_));
  const KeyRecord* end = keys + bucket_start_[bucket + 1];
  const KeyRecord* it = std::lower_bound(keys + bucket_start_[bucket], end, hash,
                                         [](const KeyRecord& k, uint64_t v) { return k.hash < v; });
  const char* strings = reinterpret_cast<const char*>(data_ + sizeof h + h.entries * sizeof(EntryRecord) +
                                                      h.keys * sizeof(KeyRecord));
  std::vector<Entry> out;
  const auto* records = reinterpret_cast<const EntryRecord*>(data_ + sizeof h);
  for (; it != end && it->hash == hash; ++it) {
    if (records[it->entry].prominence < min_prominence) break;  // the rest are less prominent still
    Entry e = Get(it->entry);
    e.form = std::string_view(strings + it->form_offset, it->form_length);
    out.push_back(e);
  }
  return out;
}

void Gazetteer::FindMany(std::span<const std::pair<Key, std::string>> lookups, float min_prominence,
                         std::vector<Entry>* out) const {
  // First every hash and its filter bit, then the buckets of the hashes that pass, then the
  // look-ups themselves: each step asks for the memory the next will read.
  thread_local std::vector<uint64_t> hashes;
  hashes.clear();
  for (const auto& [kind, spelling] : lookups) {
    const uint32_t k = kind == Key::kName       ? kByName
                       : kind == Key::kSkeleton ? kBySkeleton
                                                : kByPhonetic;
    hashes.push_back(KeyHash(spelling, k));
    __builtin_prefetch(&FilterWord(hashes.back(), min_prominence));
  }
  for (const uint64_t hash : hashes)
    if (MayHave(hash, min_prominence))
      __builtin_prefetch(&bucket_start_[static_cast<size_t>(hash >> (64 - bucket_bits_))]);
  for (const uint64_t hash : hashes) {
    std::vector<Entry> found = Find(hash, min_prominence);  // (its filter test is in the cache now)
    out->insert(out->end(), found.begin(), found.end());
  }
}

std::vector<Gazetteer::Entry> Gazetteer::FindByName(std::string_view folded, float min_prominence) const {
  return Find(KeyHash(folded, kByName), min_prominence);
}

std::vector<Gazetteer::Entry> Gazetteer::FindBySkeleton(std::string_view skeleton, float min_prominence) const {
  return Find(KeyHash(skeleton, kBySkeleton), min_prominence);
}

std::vector<Gazetteer::Entry> Gazetteer::FindByPhonetic(std::string_view key, float min_prominence) const {
  return Find(KeyHash(key, kByPhonetic), min_prominence);
}

std::vector<Gazetteer::Entry> Gazetteer::FindByExonym(std::string_view folded, float min_prominence) const {
  return Find(KeyHash(folded, kByExonym), min_prominence);
}

std::vector<Gazetteer::Entry> Gazetteer::FindByWeakExonym(std::string_view folded,
                                                          float min_prominence) const {
  return Find(KeyHash(folded, kByWeakExonym), min_prominence);
}

std::vector<Gazetteer::Entry> Gazetteer::CapitalsOf(uint32_t region) const {
  if (region == 0) return {};
  return Find(KeyHash(std::string_view(reinterpret_cast<const char*>(&region), sizeof region), kCapitalOf),
              kAny);
}

}  // namespace mtclean
