// Gazetteer: canonical names of places, people and organisations, and the keys that find
// them from a broken spelling.
//
// The data is compiled once (tools/gazetteer/build_gazetteer, at build time, from GeoNames,
// ISO 3166 and the curated lists in dictionaries/gazetteer/) into one binary file that is
// memory-mapped read-only, so loading costs nothing and every worker shares the same pages.
// A Gazetteer is immutable and thread-safe.
//
// Two keys find an entry:
//   FoldName:  lower case, diacritics and punctuation removed  ("Maīdān Wardak" -> "maidan wardak")
//   Skeleton:  a consonant skeleton that forgets what transliteration changes: vowels, the
//              semivowels w/y as vowels, h after a consonant, doubled letters, and letters
//              that source languages write for one English sound (j/y, k/q/c/g, s/z/sh,
//              f/ph/v, ...)  ("Jalalabad" and a Spanish "Yalalabad" -> "jllbd")
//   Phonetic:  the English reading of a spelling as sounds (lexicon/phonetic_key.h); a text's
//              spelling is looked up under each of its readings
// Lookup by skeleton or sound gives candidates only; a stage scores them (edit distance, context,
// prominence) before it changes anything.
//
//   auto g = mtclean::Gazetteer::Open("build/gazetteer.bin");
//   for (const auto& e : g->FindBySkeleton(mtclean::Skeleton(mtclean::FoldName("Yalalabad")))) ...
#ifndef MTCLEAN_LEXICON_GAZETTEER_H_
#define MTCLEAN_LEXICON_GAZETTEER_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mtclean/status.h"

namespace mtclean {

enum class EntityType : uint8_t { kCountry, kAdmin1, kAdmin2, kCity, kPerson, kOrganisation };
std::string_view EntityTypeName(EntityType type);

std::string FoldName(std::string_view name);
std::string Skeleton(std::string_view folded);
// "Badghis Province" -> "Badghis": the name without an English word for its kind of division.
std::string_view WithoutAdminWord(std::string_view name);
// The id of a division: a country ("AF") or a first-level division ("AF.02", GeoNames codes).
uint32_t RegionId(std::string_view code);

// One entry as the builder collects it.
struct GazetteerEntry {
  std::string name;  // canonical form
  EntityType type = EntityType::kCity;
  std::string country;  // ISO 3166 alpha-2, or empty
  float prominence = 0;  // log10(population) for places; 1..9 scale for people and groups
  std::vector<std::string> alternates;
  std::string region;  // the first-level division holding a place ("AF.02"); the code of a
                       // division itself; a country's own code
  uint8_t capital = 0;  // kSeatOfDivision or kSeatOfCountry for a place that is one
  // How other languages write it, from CLDR and iso-codes ("Damasco", "Damas", "Damaskus"):
  // spellings that a text translated from those languages carries into English.
  std::vector<std::string> exonyms;
  // How English names it where that differs from `name` (CLDR's English subdivision and
  // exemplar-city names, libgeonames' English catalogue): GeoNames writes "Khowst" and
  // "Dihok", English news "Khost" and "Dohuk". Repairs write this spelling.
  std::string english;
  // Spellings several of those languages share that differ from the English name only as
  // romanisations do ("Alepo", "Dahuk"): English news may write them too, so they count only
  // in a document that shows a translation otherwise.
  std::vector<std::string> weak_exonyms;
};

enum : uint8_t { kSeatOfDivision = 1, kSeatOfCountry = 2 };

// Writes the binary index of `entries` to `path`.
Status WriteGazetteer(const std::vector<GazetteerEntry>& entries, const std::string& path);

class Gazetteer {
 public:
  struct Entry {
    std::string_view name;
    EntityType type;
    std::string_view country;
    float prominence;
    uint32_t id;
    std::string_view form;  // the canonical name or alternate that matched the key
    uint32_t region;        // RegionId of its division (0: none)
    uint8_t capital;
    std::string_view english;  // GazetteerEntry::english, or the canonical name
  };

  static StatusOr<std::unique_ptr<Gazetteer>> Open(const std::string& path);
  ~Gazetteer();

  size_t size() const;
  Entry Get(uint32_t id) const;
  // Each look-up below returns its entries most prominent first, and only those at least
  // `min_prominence` prominent, when given: a
  // skeleton or a short name matches thousands of hamlets, and a caller that will skip them
  // is spared building, sorting and copying them.
  static constexpr float kAny = -1e30f;
  // Entries whose canonical name or an alternate folds to `folded`.
  std::vector<Entry> FindByName(std::string_view folded, float min_prominence = kAny) const;
  // Entries with the same skeleton as the canonical name or an alternate.
  std::vector<Entry> FindBySkeleton(std::string_view skeleton, float min_prominence = kAny) const;
  // Entries whose canonical name or an alternate reads as `key` (EnglishPhoneticKey); only
  // names prominent enough to be repaired to (prominence 3 and up) and seats of divisions are
  // indexed.
  std::vector<Entry> FindByPhonetic(std::string_view key, float min_prominence = kAny) const;
  // Entries that another language writes as `folded` (GazetteerEntry::exonyms), where that
  // spelling is not one of their English ones.
  std::vector<Entry> FindByExonym(std::string_view folded, float min_prominence = kAny) const;
  // Entries that several other languages write as `folded`, a spelling English may use too
  // (GazetteerEntry::weak_exonyms).
  std::vector<Entry> FindByWeakExonym(std::string_view folded, float min_prominence = kAny) const;
  // The seat of a division: the capital of a first-level division (RegionId("AF.02")) or of
  // a country (RegionId("AF")).
  std::vector<Entry> CapitalsOf(uint32_t region) const;

  // Many look-ups at once (a name's hundred respellings): each a (kind, spelling), the
  // entries of all appended to `out` in their order, as one call each would give them. The
  // probes are cache misses; asked for together, they overlap.
  enum class Key { kName, kSkeleton, kPhonetic };
  void FindMany(std::span<const std::pair<Key, std::string>> lookups, float min_prominence,
                std::vector<Entry>* out) const;

 private:
  Gazetteer() = default;
  std::vector<Entry> Find(uint64_t key_hash, float min_prominence) const;
  // The filter word that says whether a key of `hash` may have entries of `min_prominence`
  // (the small filter of prominent keys for such a floor), and its answer.
  const uint64_t& FilterWord(uint64_t hash, float min_prominence) const;
  bool MayHave(uint64_t hash, float min_prominence) const;
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  // The look-up index the build wrote after the strings (gazetteer.cc, BuildIndex): read in
  // place, so that opening touches none of the file.
  // The first key of each value of a hash's top bucket_bits_ bits.
  unsigned bucket_bits_ = 1;
  const uint32_t* bucket_start_ = nullptr;
  // One bit per value of a hash's low bits, set for every key; the same for the keys that a
  // city of 100,000 reaches.
  const uint64_t* filter_ = nullptr;
  const uint64_t* prominent_filter_ = nullptr;
};

}  // namespace mtclean

#endif  // MTCLEAN_LEXICON_GAZETTEER_H_
