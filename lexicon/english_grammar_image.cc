// The English grammar model's binary image: written by build_english_grammar at build time,
// mmap-ed by the garbled stage and read in place (no parse at start-up, one copy shared by
// every worker and every process on the machine). Little-endian, 8-byte aligned sections:
//
//   Header
//   tag names          tag_count x 16 bytes, NUL-padded
//   tag counts         tag_count x uint64
//   end rates          tag_count x double
//   transitions        tag_count^3 x int16, log P(t3 | t1, t2) in 1/512ths (padded to 8)
//   word slots         word_slots x HashCountSlot: XXH3 of the word -> record offset + 1
//   suffix slots       suffix_slots x HashCountSlot: XXH3 of the ending -> record offset + 1
//   pair slots         pair_slots x HashCountSlot: PairHash(word, word) -> count
//   before-end slots   before_end_slots x HashCountSlot: PairHash(word, tag) -> count
//   records            record_bytes: WordInfo, TagCount[n], float[n], NextTagCount[m], the word
//
// The text form build_english_grammar counts first (see its header) is compiled into the
// same image in memory, so there is one reader. Change kGrammarMagic when the layout changes.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <fstream>

#include "lexicon/english_grammar.h"
#include "lexicon/mapped_file.h"

namespace mtclean {

struct EnglishGrammar::Header {
  char magic[8];
  uint64_t total_tokens;
  uint32_t tag_count, start, end, np, nn, cd, od, unused;
  uint64_t word_slots, suffix_slots, pair_slots, before_end_slots, record_bytes;
};

namespace {

constexpr char kGrammarMagic[8] = {'M', 'T', 'G', 'R', 'A', 'M', '0', '1'};
constexpr size_t kTagNameBytes = 16;

uint64_t Padded(uint64_t bytes) { return (bytes + 7) / 8 * 8; }

template <class T>
void Append(std::vector<uint8_t>* image, const T* data, size_t n) {
  const auto* p = reinterpret_cast<const uint8_t*>(data);
  image->insert(image->end(), p, p + n * sizeof(T));
  image->resize(Padded(image->size()), 0);
}

std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> f;
  while (true) {
    size_t tab = line.find('\t');
    f.push_back(line.substr(0, tab));
    if (tab == std::string_view::npos) return f;
    line = line.substr(tab + 1);
  }
}

uint64_t Number(std::string_view s) { return std::strtoull(std::string(s).c_str(), nullptr, 10); }

// A word's record while the text form is read.
struct WordCounts {
  std::vector<EnglishGrammar::TagCount> tags;
  uint64_t count = 0;
  uint32_t lower_inside = 0, capital_inside = 0;
  std::vector<EnglishGrammar::NextTagCount> next;
};

// Appends a record (WordInfo, its arrays, its word, padded to 4 bytes); returns its offset.
size_t AppendRecord(std::string_view word, const WordCounts& w,
                    const std::vector<float>& log_emission, std::vector<uint8_t>* records) {
  const size_t at = records->size();
  EnglishGrammar::WordInfo info{};
  info.count = static_cast<uint32_t>(std::min<uint64_t>(w.count, UINT32_MAX));
  info.lower_inside = w.lower_inside, info.capital_inside = w.capital_inside;
  info.tag_count = static_cast<uint16_t>(w.tags.size());
  info.next_count = static_cast<uint16_t>(w.next.size());
  info.word_size = static_cast<uint32_t>(word.size());
  auto put = [&](const void* p, size_t n) {
    const auto* b = static_cast<const uint8_t*>(p);
    records->insert(records->end(), b, b + n);
  };
  put(&info, sizeof info);
  put(w.tags.data(), w.tags.size() * sizeof(EnglishGrammar::TagCount));
  put(log_emission.data(), log_emission.size() * sizeof(float));
  put(w.next.data(), w.next.size() * sizeof(EnglishGrammar::NextTagCount));
  put(word.data(), word.size());
  records->resize((records->size() + 3) / 4 * 4, 0);
  return at;
}

}  // namespace

EnglishGrammar::~EnglishGrammar() = default;

StatusOr<std::unique_ptr<EnglishGrammar>> EnglishGrammar::Load(const std::string& path) {
  if (!MappedFile::StartsWith(path, std::string_view(kGrammarMagic, sizeof kGrammarMagic)))
    return CompileText(path);
  auto file = MappedFile::Open(path, "the English grammar model");
  if (!file.ok()) return file.status();
  auto g = std::unique_ptr<EnglishGrammar>(new EnglishGrammar());
  g->mapped_ = std::move(*file);
  g->data_ = g->mapped_.data();
  g->size_ = g->mapped_.size();
  if (Status s = g->Attach(g->data_, g->size_, path); !s.ok()) return s;
  return g;
}

Status EnglishGrammar::Attach(const uint8_t* data, size_t size, const std::string& path) {
  // The image's layout, the same on every machine that builds it.
  static_assert(sizeof(Header) == 88 && sizeof(HashCountSlot) == 16 && sizeof(WordInfo) == 20 &&
                sizeof(TagCount) == 8 && sizeof(NextTagCount) == 8);
  Header h;
  if (size < sizeof h) return Status::Error(path + ": not an English grammar model (too small)");
  std::memcpy(&h, data, sizeof h);
  const uint64_t n = h.tag_count;
  const uint64_t need =
      sizeof h + n * kTagNameBytes + n * 8 + n * 8 + Padded(n * n * n * 2) +
      (h.word_slots + h.suffix_slots + h.pair_slots + h.before_end_slots) * sizeof(HashCountSlot) +
      Padded(h.record_bytes);
  auto power_of_two = [](uint64_t x) { return (x & (x - 1)) == 0; };
  if (std::memcmp(h.magic, kGrammarMagic, sizeof kGrammarMagic) != 0 || need != size || n == 0 ||
      n >= kNoTag || !power_of_two(h.word_slots) || !power_of_two(h.suffix_slots) ||
      !power_of_two(h.pair_slots) || !power_of_two(h.before_end_slots))
    return Status::Error(
        path +
        ": not an English grammar model of this version (rebuild it with build_english_grammar)");
  const uint8_t* at = data + sizeof h;
  tag_names_.clear();
  tag_ids_.clear();
  for (uint64_t t = 0; t < n; ++t, at += kTagNameBytes) {
    tag_names_.emplace_back(reinterpret_cast<const char*>(at),
                            strnlen(reinterpret_cast<const char*>(at), kTagNameBytes));
    tag_ids_.emplace(tag_names_.back(), static_cast<TagId>(t));
  }
  tag_counts_ = {reinterpret_cast<const uint64_t*>(at), n}, at += n * 8;
  end_rate_ = {reinterpret_cast<const double*>(at), n}, at += n * 8;
  transition_ = {reinterpret_cast<const int16_t*>(at), n * n * n}, at += Padded(n * n * n * 2);
  auto slots = [&](uint64_t count) {
    std::span<const HashCountSlot> s(reinterpret_cast<const HashCountSlot*>(at), count);
    at += count * sizeof(HashCountSlot);
    return s;
  };
  words_ = slots(h.word_slots);
  suffixes_ = slots(h.suffix_slots);
  pairs_ = slots(h.pair_slots);
  before_end_ = slots(h.before_end_slots);
  records_ = at;
  total_tokens_ = h.total_tokens;
  auto tag = [&](uint32_t t) { return t < n ? static_cast<TagId>(t) : kNoTag; };
  start_ = tag(h.start), end_ = tag(h.end), np_ = tag(h.np), nn_ = tag(h.nn), cd_ = tag(h.cd),
  od_ = tag(h.od);
  if (total_tokens_ == 0 || start_ == kNoTag || end_ == kNoTag)
    return Status::Error(path + ": no tag counts (an empty or truncated grammar model)");
  return Status();
}

const EnglishGrammar::WordInfo* EnglishGrammar::FindRecord(std::span<const HashCountSlot> table,
                                                           std::string_view key) const {
  const uint32_t at = HashCountTable::Find(table, XXH3_64bits(key.data(), key.size()));
  if (at == 0) return nullptr;
  const auto* info = reinterpret_cast<const WordInfo*>(records_ + at - 1);
  return info->word() == key ? info : nullptr;  // two keys of one hash: the other is unknown
}

Status EnglishGrammar::WriteImage(const std::string& path) const {
  return WriteFileWhole(path, data_, size_);
}

StatusOr<std::unique_ptr<EnglishGrammar>> EnglishGrammar::CompileText(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    return Status::Error("cannot read the English grammar model " + path +
                         " (run scripts/setup.sh, then build)");
  std::vector<std::string> names;
  WordMap<TagId> ids;
  std::vector<uint64_t> tag_counts;
  uint64_t total_tokens = 0;
  double lambda[3] = {0.1, 0.3, 0.6};
  auto tag_of = [&](std::string_view name) -> TagId {
    auto it = ids.find(name);
    if (it != ids.end()) return it->second;
    if (names.size() >= kNoTag || name.size() >= kTagNameBytes) return kNoTag;
    const auto id = static_cast<TagId>(names.size());
    names.emplace_back(name);
    ids.emplace(std::string(name), id);
    tag_counts.push_back(0);
    return id;
  };
  WordMap<WordCounts> lexicon;
  WordMap<std::vector<TagCount>> suffixes;
  HashCountTable pairs, before_end;
  std::vector<std::pair<TagId, uint64_t>> ends;
  std::vector<std::pair<std::array<TagId, 2>, uint64_t>> bigrams;
  std::vector<std::pair<std::array<TagId, 3>, uint64_t>> trigrams;
  std::string line;
  for (size_t line_no = 1; std::getline(in, line); ++line_no) {
    if (line.empty() || line[0] == '#') continue;
    const auto f = Fields(line);
    auto bad = [&] {
      return Status::Error(path + ":" + std::to_string(line_no) + ": malformed grammar model line");
    };
    if (f[0].size() != 1) return bad();
    switch (f[0][0]) {
      case 'l':
        if (f.size() != 4) return bad();
        for (int i = 0; i < 3; ++i) lambda[i] = std::strtod(std::string(f[1 + i]).c_str(), nullptr);
        break;
      case 't': {
        if (f.size() != 3) return bad();
        const TagId t = tag_of(f[1]);
        if (t == kNoTag) return bad();
        tag_counts[t] = Number(f[2]);
        if (f[1] != "<s>") total_tokens += tag_counts[t];
        break;
      }
      case 'b':
        if (f.size() != 4) return bad();
        bigrams.push_back({{tag_of(f[1]), tag_of(f[2])}, Number(f[3])});
        break;
      case 'g':
        if (f.size() != 5) return bad();
        trigrams.push_back({{tag_of(f[1]), tag_of(f[2]), tag_of(f[3])}, Number(f[4])});
        break;
      case 'w': {
        if (f.size() != 4) return bad();
        const auto n = static_cast<uint32_t>(Number(f[3]));
        WordCounts& w = lexicon[std::string(f[1])];
        w.tags.push_back({tag_of(f[2]), n});
        w.count += n;
        break;
      }
      case 'x':
        if (f.size() != 4) return bad();
        suffixes[std::string(f[1])].push_back({tag_of(f[2]), static_cast<uint32_t>(Number(f[3]))});
        break;
      case 'k': {
        if (f.size() != 4) return bad();
        WordCounts& w = lexicon[std::string(f[1])];
        w.lower_inside = static_cast<uint32_t>(Number(f[2]));
        w.capital_inside = static_cast<uint32_t>(Number(f[3]));
        break;
      }
      case 'n':
        if (f.size() != 5) return bad();
        lexicon[std::string(f[1])].next.push_back(
            {tag_of(f[2]), tag_of(f[3]), static_cast<uint32_t>(Number(f[4]))});
        break;
      case 'p':
        if (f.size() != 4) return bad();
        pairs[PairHash(f[1], f[2])] = static_cast<uint32_t>(Number(f[3]));
        break;
      case 'e':
        if (f.size() != 4) return bad();
        before_end[PairHash(f[1], f[2])] = static_cast<uint32_t>(Number(f[3]));
        ends.push_back({tag_of(f[2]), Number(f[3])});
        break;
      default:
        return bad();
    }
  }
  Header h{};
  std::memcpy(h.magic, kGrammarMagic, sizeof kGrammarMagic);
  h.start = tag_of("<s>"), h.end = tag_of("</s>"), h.np = tag_of("np"), h.nn = tag_of("nn");
  h.cd = tag_of("cd"), h.od = tag_of("od");
  h.total_tokens = total_tokens;
  const size_t n = names.size();
  h.tag_count = static_cast<uint32_t>(n);
  if (total_tokens == 0 || h.start == kNoTag || h.end == kNoTag)
    return Status::Error(path + ": no tag counts (an empty or truncated grammar model)");
  std::vector<double> end_rate(n, 0);
  for (const auto& [t, count] : ends)
    if (t < n && tag_counts[t] > 0)
      end_rate[t] += static_cast<double>(count) / static_cast<double>(tag_counts[t]);
  // Dense interpolated transitions: λ1 P(t3) + λ2 P(t3 | t2) + λ3 P(t3 | t1, t2).
  std::vector<double> bi(n * n, 0), tri(n * n * n, 0), history(n * n, 0), bi_history(n, 0);
  for (const auto& [k, c] : bigrams) {
    if (k[0] >= n || k[1] >= n) continue;
    bi[k[0] * n + k[1]] = static_cast<double>(c);
    bi_history[k[0]] += static_cast<double>(c);
  }
  for (const auto& [k, c] : trigrams) {
    if (k[0] >= n || k[1] >= n || k[2] >= n) continue;
    tri[(k[0] * n + k[1]) * n + k[2]] = static_cast<double>(c);
    history[k[0] * n + k[1]] += static_cast<double>(c);
  }
  std::vector<int16_t> transition(n * n * n, 0);
  for (size_t t1 = 0; t1 < n; ++t1)
    for (size_t t2 = 0; t2 < n; ++t2)
      for (size_t t3 = 0; t3 < n; ++t3) {
        const double uni =
            (static_cast<double>(t3 == h.end ? tag_counts[h.start] : tag_counts[t3]) + 0.1) /
            static_cast<double>(total_tokens + tag_counts[h.start]);
        const double p2 = bi_history[t2] > 0 ? bi[t2 * n + t3] / bi_history[t2] : 0;
        const double p3 =
            history[t1 * n + t2] > 0 ? tri[(t1 * n + t2) * n + t3] / history[t1 * n + t2] : p2;
        const double p = lambda[0] * uni + lambda[1] * p2 + lambda[2] * p3;
        transition[(t1 * n + t2) * n + t3] =
            static_cast<int16_t>(std::max(-32000.0, std::round(std::log(p) * kTransitionScale)));
      }
  // Records in word order, so that the same counts make the same image.
  std::vector<uint8_t> records;
  HashCountTable word_slots, suffix_slots;
  std::vector<std::string_view> words;
  for (const auto& [w, counts] : lexicon)
    if (counts.count > 0) words.push_back(w);  // capitals of words never tagged have no record
  std::sort(words.begin(), words.end());
  std::vector<float> log_emission;
  for (std::string_view w : words) {
    const WordCounts& counts = lexicon.find(w)->second;
    log_emission.clear();
    for (const auto& tc : counts.tags)
      log_emission.push_back(static_cast<float>(std::log(
          static_cast<double>(tc.count) /
          static_cast<double>(std::max<uint64_t>(1, tc.tag < n ? tag_counts[tc.tag] : 0)))));
    word_slots[XXH3_64bits(w.data(), w.size())] =
        static_cast<uint32_t>(AppendRecord(w, counts, log_emission, &records) + 1);
  }
  std::vector<std::string_view> endings;
  for (const auto& [e, tags] : suffixes) endings.push_back(e);
  std::sort(endings.begin(), endings.end());
  for (std::string_view e : endings) {
    WordCounts counts;
    counts.tags = suffixes.find(e)->second;
    log_emission.assign(counts.tags.size(), 0);
    suffix_slots[XXH3_64bits(e.data(), e.size())] =
        static_cast<uint32_t>(AppendRecord(e, counts, log_emission, &records) + 1);
  }
  h.word_slots = word_slots.slots().size(), h.suffix_slots = suffix_slots.slots().size();
  h.pair_slots = pairs.slots().size(), h.before_end_slots = before_end.slots().size();
  h.record_bytes = records.size();
  auto g = std::unique_ptr<EnglishGrammar>(new EnglishGrammar());
  std::vector<uint8_t>& image = g->owned_;
  Append(&image, &h, 1);
  std::vector<char> name_bytes(n * kTagNameBytes, 0);
  for (size_t t = 0; t < n; ++t)
    std::memcpy(&name_bytes[t * kTagNameBytes], names[t].data(), names[t].size());
  Append(&image, name_bytes.data(), name_bytes.size());
  Append(&image, tag_counts.data(), n);
  Append(&image, end_rate.data(), n);
  Append(&image, transition.data(), transition.size());
  for (const HashCountTable* t : {&word_slots, &suffix_slots, &pairs, &before_end})
    Append(&image, t->slots().data(), t->slots().size());
  Append(&image, records.data(), records.size());
  g->data_ = image.data();
  g->size_ = image.size();
  if (Status s = g->Attach(g->data_, g->size_, path); !s.ok()) return s;
  return g;
}

}  // namespace mtclean
