// Writes the image of the English word trigram model (lexicon/english_lm.h):
//   build_english_lm SPHINX.lm.bin OUT.elm
// Reads the binary trie file of CMU Sphinx (sphinxbase 5prealpha, as Debian's
// pocketsphinx-en-us ships it) itself: the header "Trie Language Model", the order and the
// counts; the quantisation tables (16 bits per weight); the unigrams (prob, back-off, first
// bigram); the bigrams and trigrams bit-packed as Sphinx (after KenLM) packs them, in a
// reversed trie (a word, then the word before, then the one before that); the words. The
// layout is checked against the file's size before anything is read, and the unit test
// compares the image's scores with the library's.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "lexicon/english_lm.h"

namespace {

// The bits needed to write max_value (Sphinx's required_bits).
unsigned RequiredBits(uint64_t max_value) {
  unsigned bits = 0;
  while (max_value >> bits) ++bits;
  return bits;
}

// Sphinx's read_int25: `length` bits (25 at most) at a bit offset, little-endian.
uint32_t ReadBits(const uint8_t* base, uint64_t bit_offset, unsigned length) {
  uint32_t word;
  std::memcpy(&word, base + (bit_offset >> 3), sizeof word);
  return (word >> (bit_offset & 7)) & ((uint32_t{1} << length) - 1);
}

// The bytes of a bit-packed array of `entries` records (one more for the last end pointer).
uint64_t PackedBytes(uint64_t entries, unsigned total_bits) {
  return ((1 + entries) * total_bits + 7) / 8 + 8;
}

int Fail(const std::string& message) {
  std::cerr << "build_english_lm: " << message << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: build_english_lm SPHINX.lm.bin OUT.elm\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) return Fail(std::string("cannot read ") + argv[1]);
  const std::vector<uint8_t> file((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
  const std::string header = "Trie Language Model";
  if (file.size() < header.size() + 1 ||
      std::memcmp(file.data(), header.data(), header.size()) != 0)
    return Fail(std::string(argv[1]) + ": not a Sphinx trie language model");
  size_t at = header.size();
  const uint8_t order = file[at++];
  if (order != 3)
    return Fail("only trigram models are read (this one is of order " + std::to_string(order) +
                ")");
  uint32_t counts[3];
  std::memcpy(counts, file.data() + at, sizeof counts);
  at += sizeof counts;
  int32_t quant_type;
  std::memcpy(&quant_type, file.data() + at, sizeof quant_type);
  at += sizeof quant_type;
  if (quant_type != 1) return Fail("only 16-bit quantised models are read");
  constexpr size_t kValues = 65536;
  const size_t quant_at = at;
  at += 3 * kValues * sizeof(float);
  const size_t unigrams_at = at;
  constexpr size_t kUnigramBytes = 12;  // float prob, float back-off, uint32 next
  at += (counts[0] + size_t{1}) * kUnigramBytes;
  const unsigned word_bits = RequiredBits(counts[0]);
  const unsigned next_bits = RequiredBits(counts[2]);
  const unsigned middle_bits = word_bits + 32 + next_bits, longest_bits = word_bits + 16;
  const size_t middle_at = at;
  at += PackedBytes(counts[1], middle_bits);
  const size_t longest_at = at;
  at += PackedBytes(counts[2], longest_bits);
  int32_t chars = 0;
  if (at + sizeof chars > file.size()) return Fail("the file is shorter than its counts say");
  std::memcpy(&chars, file.data() + at, sizeof chars);
  at += sizeof chars;
  if (chars < 0 || at + static_cast<size_t>(chars) != file.size())
    return Fail("the file's layout is not the one this reader knows (sizes disagree)");

  mtclean::EnglishLanguageModel::Tables t;
  const float* quant = reinterpret_cast<const float*>(file.data() + quant_at);
  t.bigram_prob_values.assign(quant, quant + kValues);
  t.bigram_backoff_values.assign(quant + kValues, quant + 2 * kValues);
  t.trigram_prob_values.assign(quant + 2 * kValues, quant + 3 * kValues);
  for (uint32_t i = 0; i <= counts[0]; ++i) {
    float prob, backoff;
    uint32_t next;
    const uint8_t* u = file.data() + unigrams_at + i * kUnigramBytes;
    std::memcpy(&prob, u, 4);
    std::memcpy(&backoff, u + 4, 4);
    std::memcpy(&next, u + 8, 4);
    if (i < counts[0]) t.unigram_prob.push_back(prob), t.unigram_backoff.push_back(backoff);
    t.unigram_next.push_back(next);
  }
  const uint8_t* middle = file.data() + middle_at;
  for (uint64_t i = 0; i <= counts[1]; ++i) {
    const uint64_t bit = i * middle_bits;
    if (i < counts[1]) {
      t.bigram_word.push_back(ReadBits(middle, bit, word_bits));
      // The weights: the back-off code in the low 16 bits, the probability's above.
      t.bigram_backoff.push_back(static_cast<uint16_t>(ReadBits(middle, bit + word_bits, 16)));
      t.bigram_prob.push_back(static_cast<uint16_t>(ReadBits(middle, bit + word_bits + 16, 16)));
    }
    t.bigram_next.push_back(ReadBits(middle, bit + word_bits + 32, next_bits));
  }
  const uint8_t* longest = file.data() + longest_at;
  for (uint64_t i = 0; i < counts[2]; ++i) {
    const uint64_t bit = i * longest_bits;
    t.trigram_word.push_back(ReadBits(longest, bit, word_bits));
    t.trigram_prob.push_back(static_cast<uint16_t>(ReadBits(longest, bit + word_bits, 16)));
  }
  const char* pool = reinterpret_cast<const char*>(file.data() + at);
  for (int32_t p = 0; p < chars;) {
    const std::string word(pool + p);
    t.words.push_back(word);
    p += static_cast<int32_t>(word.size()) + 1;
  }
  if (t.words.size() != counts[0])
    return Fail("the word list does not hold as many words as the model");
  // Pointers must stay inside the arrays they point into.
  if (t.unigram_next.back() > counts[1] || t.bigram_next.back() > counts[2])
    return Fail("the trie's pointers run past its arrays");
  mtclean::Status st = mtclean::EnglishLanguageModel::Write(t, argv[2]);
  if (!st.ok()) return Fail(st.message());
  std::fprintf(stderr, "build_english_lm: %u words, %u bigrams, %u trigrams -> %s\n", counts[0],
               counts[1], counts[2], argv[2]);
  return 0;
}
