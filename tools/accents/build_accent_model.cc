// build_accent_model: word counts of one language with its accents, and the contexts in
// which words that differ only by accents occur, for the diacritics stage.
//
//   build_accent_model -o fr.accents --lm fr_FR.lm --html /usr/share/doc/debian-handbook/html/fr-FR
//
// Inputs: Debian onboard-data n-gram models (their 1-grams: words and counts) and accented
// prose (HTML pages: tags removed). Output: `<out>.tsv` as text, then `<out>`, the binary image
// the stage mmaps (lexicon/accent_model_records.h), compiled from the text:
//   u<TAB>form<TAB>count                 one line per lower-case word form
//   l<TAB>plain-previous<TAB>form<TAB>n  a form after a word (the word without accents)
//   r<TAB>form<TAB>plain-next<TAB>n      a form before a word
//   t<TAB>form<TAB>n                      occurrences of a form in the prose
//   c<TAB>form<TAB>n                      occurrences with a capital inside a sentence
//   L, R, T                               the same as l, r, t for word endings (AccentModel::Ending)
// Contexts are kept only for forms whose plain spelling has several accented forms
// ("a"/"à", "esta"/"está"), the only ones that need them.
#include <CLI/CLI.hpp>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "lexicon/accent_model.h"
#include "pipeline/utf8.h"

namespace {

using mtclean::PlainWord;

// Text of an HTML page: tags, scripts and styles removed; entities for the few characters
// HTML must escape decoded (the Handbook writes its letters as UTF-8).
std::string HtmlText(const std::string& html) {
  std::string out;
  for (size_t i = 0; i < html.size();) {
    if (html[i] == '<') {
      for (const char* skip : {"<script", "<style", "<pre"}) {
        if (html.compare(i, std::strlen(skip), skip) == 0) {
          std::string close = std::string("</") + (skip + 1);
          size_t end = html.find(close, i);
          i = end == std::string::npos ? html.size() : end;
          break;
        }
      }
      size_t end = html.find('>', i);
      // Block elements end a stretch of text; inline ones (<code>, <em>, <a>) do not.
      std::string tag = html.substr(i + 1, std::min<size_t>(end == std::string::npos ? 0 : end - i - 1, 12));
      if (!tag.empty() && tag[0] == '/') tag.erase(0, 1);
      tag = tag.substr(0, tag.find_first_of(" \t\n/"));
      static const char* kInline[] = {"a", "span", "code", "em", "strong", "b", "i", "tt", "literal", "kbd", "var",
                                      "abbr", "acronym", "sup", "sub", "small", "big", "cite", "q", "samp"};
      bool inline_tag = false;
      for (const char* t : kInline) inline_tag |= tag == t;
      i = end == std::string::npos ? html.size() : end + 1;
      out += inline_tag ? ' ' : '\n';
      continue;
    }
    if (html[i] == '&') {
      size_t semi = html.find(';', i);
      if (semi != std::string::npos && semi - i < 10) {
        std::string entity = html.substr(i + 1, semi - i - 1);
        out += entity == "nbsp" ? " " : entity == "amp" ? "&" : entity == "quot" ? "\"" : " ";
        i = semi + 1;
        continue;
      }
    }
    out += html[i++];
  }
  return out;
}

// Text of a manual page's groff source: macro lines end paragraphs (the text of .SH, .B,
// .I and the like is kept), font and character escapes are dropped, and the lines of a
// paragraph are joined.
std::string ManText(const std::string& groff) {
  std::string out;
  size_t start = 0;
  while (start < groff.size()) {
    size_t nl = groff.find('\n', start);
    if (nl == std::string::npos) nl = groff.size();
    std::string line = groff.substr(start, nl - start);
    start = nl + 1;
    if (line.rfind(".\\\"", 0) == 0 || line.rfind("'\\\"", 0) == 0) continue;  // comments
    if (!line.empty() && (line[0] == '.' || line[0] == '\'')) {
      size_t space = line.find(' ');
      out += '\n';
      if (space == std::string::npos) continue;
      line = line.substr(space + 1);  // ".SH NOMBRE", ".B word"
    }
    std::string text;
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] != '\\' || i + 1 >= line.size()) {
        text += line[i] == '"' ? ' ' : line[i];
        continue;
      }
      char e = line[++i];
      if (e == 'f' && i + 1 < line.size()) {  // \fB, \f(CW, \f[B]
        if (line[i + 1] == '(') i += 3;
        else if (line[i + 1] == '[') i = line.find(']', i);
        else ++i;
        if (i == std::string::npos) break;
      } else if (e == '(') {
        i += 2;
        text += ' ';
      } else if (e == '-') {
        text += '-';
      } else if (e == 'e') {
        text += '\\';
      } else if (e == '*' || e == 'n') {
        if (i + 1 < line.size() && line[i + 1] == '(') i += 3;
        else ++i;
      }  // \&, \, \/ and the rest print nothing
    }
    out += text;
    out += ' ';
  }
  return out;
}

// The contents of a file, gunzipped when it is compressed.
bool ReadMaybeGzip(const std::filesystem::path& path, std::string* out) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out->append(buf, static_cast<size_t>(n));
  gzclose(f);
  return n == 0;
}

// Lower-case words of a text; a break between sentences or blocks is an empty word.
void Words(std::string_view text, std::vector<std::string>* out) {
  std::string word;
  auto flush = [&] {
    if (!word.empty()) out->push_back(word);
    word.clear();
  };
  for (size_t pos = 0; pos < text.size();) {
    int32_t cp;
    int n = mtclean::utf8::Decode(text, pos, &cp);
    size_t len = static_cast<size_t>(n > 0 ? n : -n);
    if (cp >= 0 && (mtclean::utf8::IsLetter(cp) || mtclean::utf8::IsMark(cp))) {
      word.append(text.substr(pos, len));
    } else if (cp == '\'' || cp == 0x2019 || cp == '-') {
      flush();  // "l'État", "peut-être": the parts are words
    } else {
      flush();
      if (cp == '.' || cp == '!' || cp == '?' || cp == ';' || cp == ':' || cp == '\n' || cp == '(' || cp == ')')
        out->push_back("");
    }
    pos += len;
  }
  flush();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Counts accented word forms and their contexts for mtclean's diacritics stage."};
  std::string out_path;
  std::vector<std::string> lms, htmls, mans;
  uint32_t min_context = 1;
  app.add_option("-o,--output", out_path, "the model to write")->required();
  app.add_option("--lm", lms, "onboard-data n-gram model (its 1-grams are read)");
  app.add_option("--html", htmls, "a folder of accented HTML prose (read recursively)");
  app.add_option("--man", mans, "a folder of manual pages in the language (groff, gzipped or not; recursively)");
  app.add_option("--min-context", min_context, "contexts seen fewer times are dropped");
  CLI11_PARSE(app, argc, argv);

  std::unordered_map<std::string, uint64_t> unigrams;
  // Forms seen with a capital where no sentence starts: names ("Debian" is not "debían").
  std::unordered_map<std::string, uint64_t> capitalised;
  for (const auto& path : lms) {
    std::ifstream in(path);
    if (!in) {
      std::cerr << "build_accent_model: cannot read " << path << "\n";
      return 1;
    }
    std::string line;
    bool in_unigrams = false;
    for (size_t line_no = 1; std::getline(in, line); ++line_no) {
      if (line.rfind("\\1-grams:", 0) == 0) { in_unigrams = true; continue; }
      if (line.rfind("\\", 0) == 0) { in_unigrams = false; continue; }
      if (!in_unigrams || line.empty()) continue;
      size_t space = line.find(' ');
      if (space == std::string::npos) {
        std::cerr << "build_accent_model: " << path << ":" << line_no << ": expected 'count word'\n";
        return 1;
      }
      std::string word = line.substr(space + 1);
      if (word.empty() || word[0] == '<') continue;
      const uint64_t n = std::strtoull(line.c_str(), nullptr, 10);
      const std::string lower = mtclean::LowerWord(word);
      unigrams[lower] += n;
      if (lower != word) capitalised[lower] += n;  // the models keep case: "Debian", "debían"
    }
  }
  std::vector<std::string> words;
  size_t pages = 0;
  for (const auto& dir : htmls) {
    if (!std::filesystem::is_directory(dir)) {
      std::cerr << "build_accent_model: not a folder: " << dir << "\n";
      return 1;
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
      if (entry.path().extension() == ".html") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      Words(HtmlText(ss.str()), &words);
      words.push_back("");
      ++pages;
    }
  }
  for (const auto& dir : mans) {
    if (!std::filesystem::is_directory(dir)) {
      std::cerr << "build_accent_model: not a folder: " << dir << "\n";
      return 1;
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
      if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::string groff;
      if (!ReadMaybeGzip(f, &groff) || !mtclean::utf8::IsValid(groff)) continue;  // a few are Latin-1
      Words(ManText(groff), &words);
      words.push_back("");
      ++pages;
    }
  }
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i].empty()) continue;
    std::string lower = mtclean::LowerWord(words[i]);
    if (lower != words[i] && i > 0 && !words[i - 1].empty()) ++capitalised[lower];
    ++unigrams[lower];
    words[i] = std::move(lower);
  }
  // Plain spellings with several forms.
  std::unordered_map<std::string, std::vector<std::string>> forms;
  for (const auto& [w, n] : unigrams) forms[PlainWord(w)].push_back(w);
  auto ambiguous = [&](const std::string& w) {
    auto it = forms.find(PlainWord(w));
    return it != forms.end() && it->second.size() > 1;
  };
  std::map<std::pair<std::string, std::string>, uint32_t> left, right, class_left, class_right;
  std::map<std::string, uint32_t> class_seen;
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i].empty() || !ambiguous(words[i])) continue;
    const std::string prev = i > 0 ? PlainWord(words[i - 1]) : "";
    const std::string next = i + 1 < words.size() ? PlainWord(words[i + 1]) : "";
    ++left[{prev, words[i]}];
    ++right[{words[i], next}];
    // The same contexts for the form's ending ("-é" after "est", "-e" after "il"), which
    // words too rare to have contexts of their own share.
    const std::string ending = mtclean::AccentModel::Ending(words[i]);
    if (ending.empty()) continue;
    ++class_left[{prev, ending}];
    ++class_right[{ending, next}];
    ++class_seen[ending];
  }
  // The counts as text (`<out>.tsv`, to read what a model holds), then compiled into the
  // binary image the stage maps (`<out>`).
  const std::string text_path = out_path + ".tsv";
  std::ofstream out(text_path + ".tmp");
  std::vector<std::pair<std::string, uint64_t>> sorted(unigrams.begin(), unigrams.end());
  std::sort(sorted.begin(), sorted.end());
  for (const auto& [w, n] : sorted) out << "u\t" << w << '\t' << n << '\n';
  std::map<std::string, uint64_t> caps;
  for (const auto& [w, n] : capitalised)
    if (ambiguous(w)) caps[w] = n;
  for (const auto& [w, n] : caps) out << "c\t" << w << '\t' << n << '\n';
  // How often each form of an ambiguous spelling occurs in the prose: the denominator of
  // its context counts.
  std::map<std::string, uint32_t> seen;
  for (const auto& w : words)
    if (!w.empty() && ambiguous(w)) ++seen[w];
  for (const auto& [w, n] : seen) out << "t\t" << w << '\t' << n << '\n';
  size_t contexts = 0;
  for (const auto& [k, n] : left)
    if (n >= min_context) out << "l\t" << k.first << '\t' << k.second << '\t' << n << '\n', ++contexts;
  for (const auto& [k, n] : right)
    if (n >= min_context) out << "r\t" << k.first << '\t' << k.second << '\t' << n << '\n', ++contexts;
  for (const auto& [k, n] : class_left) out << "L\t" << k.first << '\t' << k.second << '\t' << n << '\n';
  for (const auto& [k, n] : class_right) out << "R\t" << k.first << '\t' << k.second << '\t' << n << '\n';
  for (const auto& [k, n] : class_seen) out << "T\t" << k << '\t' << n << '\n';
  out.close();
  if (!out || std::rename((text_path + ".tmp").c_str(), text_path.c_str()) != 0) {
    std::cerr << "build_accent_model: cannot write " << text_path << "\n";
    return 1;
  }
  auto model = mtclean::AccentModel::Load(text_path);
  mtclean::Status written = model.ok() ? (*model)->WriteBinary(out_path) : model.status();
  if (!written.ok()) {
    std::cerr << "build_accent_model: " << written.message() << "\n";
    return 1;
  }
  std::cerr << "build_accent_model: " << unigrams.size() << " forms, " << contexts << " contexts from " << pages
            << " pages (" << words.size() << " words) -> " << out_path << "\n";
  return 0;
}
