#include "stages/boilerplate/line_evidence.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "pipeline/utf8.h"

namespace mtclean::boilerplate {

void LineEvidence::Judge(std::string_view text, PageScratch& s, size_t i) const {
  Line& l = s.lines[i];
  std::string_view raw = Trim(text.substr(l.begin, l.end - l.begin));
  const FoldedLine& f = l.fold;
  if (f.words() == 0) {  // only symbols, digits, punctuation: "•", "0", "|"
    // A thematic break ("___", "* * *") is the article's.
    if (raw.find_first_not_of("_-=*~ ") == std::string_view::npos) return;
    // A price ("$139.00", "40.000 ₩") is data of the article: a shop's list, a review.
    if (IsPrice(raw)) return;
    if (l.words <= 3) {
      l.rule = kNavigation;
      l.weak = true;  // removed, but no sign of where the article ends
    }
    return;
  }
  const bool quoted = raw.rfind("\xE2\x80\x9C", 0) == 0 || raw.rfind("\"", 0) == 0 ||
                      raw.rfind("\xC2\xAB", 0) == 0;
  if (const auto* p = data_.phrases.MatchLine(f.text); p != nullptr && !quoted) {
    // "Noticias relacionadas" alone heads a box of links, where "Noticias relacionadas: X"
    // inside an article is a read-more line.
    l.rule = p->rule == kReadMore && BoxHeading(raw, f) ? static_cast<int>(kRelatedLinks) : p->rule;
    // A single word ("Archive", "Links", "Weiter") is also a heading an article may use: it
    // marks chrome around the article, but inside it stays.
    l.soft = f.words() == 1 && p->rule != kAdvertising;
    return;
  }
  // Chrome phrases run together on one line (a comment form's "Leave a comment" and "Cancel
  // reply", share buttons): each is chrome, so the line is. Single words need three of them
  // ("Facebook Twitter Email"): two may be a heading of the article's own.
  size_t pieces = 0;
  bool multiword = false;
  if (const auto* p =
          quoted ? nullptr : data_.phrases.MatchLineSequence(f.text, &pieces, &multiword);
      p != nullptr && (multiword || pieces >= 3)) {
    l.rule = p->rule;
    return;
  }
  // The same run together without spaces, as text dumps glue link texts ("Teilen
  // FacebookTwitterWhatsAppE-MailDrucken", "Jump to RecipePrint Recipe").
  if (!quoted && l.words <= 8) {
    const std::string split = SplitGluedWords(raw);
    if (split.size() != raw.size()) {
      FoldedLine g;
      Fold(split, &g);
      if (const auto* p = data_.phrases.MatchLine(g.text); p != nullptr && g.words() >= 2) {
        l.rule = p->rule;
        return;
      }
      if (const auto* p = data_.phrases.MatchLineSequence(g.text, &pieces, &multiword);
          p != nullptr && (multiword || pieces >= 3)) {
        l.rule = p->rule;
        return;
      }
    }
  }
  if (!quoted && BoxHeading(raw, f)) {
    l.rule = kRelatedLinks;
    return;
  }
  if (const auto* p = data_.phrases.MatchPrefix(f.text); p != nullptr && !quoted) {
    size_t phrase_words = static_cast<size_t>(std::count(p->folded.begin(), p->folded.end(), ' ')) + 1;
    // "Read more: X" needs its colon (or a short line); other phrases need a short line,
    // or to be a whole sentence of it: an article sentence may begin with the same words.
    std::string_view line = text.substr(l.begin, l.end - l.begin);
    bool colon = false;
    size_t after_colon = line.size();
    for (size_t k = f.word_ends[phrase_words - 1]; k < line.size(); ++k) {
      if (line[k] == ' ') continue;
      colon = line[k] == ':';
      after_colon = k + 1;
      break;
    }
    // "Schlagworte: Mode, Outdoor, Winter", "Veröffentlicht in: X, Y | Schlagwort: Z": a label
    // with its colon and the names it labels, however many: no sentence follows it.
    if (colon && p->kind == MatchKind::kPrefix && p->rule != kCookieNotice && l.words <= 60 &&
        LabelledList(line.substr(after_colon))) {
      l.rule = p->rule;
      return;
    }
    // Short phrases ("posted on") also open real sentences: the longer the phrase, the
    // longer the line it may condemn.
    // A single word ("Foto", "Stand", "Quelle") opens too many sentences: it needs its colon.
    // (A cookie or consent notice is a paragraph of legal prose however long: its opening
    // words are no article's.)
    bool short_line = (l.words <= 6 * phrase_words + 4 || (p->rule == kCookieNotice && phrase_words >= 3)) &&
                      (phrase_words > 1 || colon);
    // "Article suivant Après une mise en quarantaine ...": a phrase of two words or more
    // before another page's title, which ends no sentence.
    const int32_t last = utf8::Previous(raw, raw.size());
    const bool before_title =
        phrase_words >= 2 && l.words <= 30 && !IsSentenceEnd(last) && last != ':';
    if (p->kind == MatchKind::kGlued ? (colon || l.words <= 6 || before_title) : short_line) {
      l.rule = p->rule;
      return;
    }
  }
  GluedPhrase(text, l);
  // "Copyright 2020 X. All Rights Reserved. Read our Privacy Policy.": the phrase closes its
  // sentence (a mark or the line's end follows it); "all rights reserved to the states" is prose.
  size_t last_word = 0;
  if (const auto* p = l.words <= 30 && !quoted ? data_.phrases.MatchInside(f.text, &last_word) : nullptr; p != nullptr) {
    const std::string_view line = text.substr(l.begin, l.end - l.begin);
    const size_t after = f.word_ends[last_word];
    const size_t next = line.find_first_not_of(" \t", after);
    if (next == std::string_view::npos || std::string_view(".!|-,;").find(line[next]) != std::string_view::npos) {
      l.rule = p->rule;
      return;
    }
  }
  // "© 2019 CBS Interactive Inc. All Rights Reserved.", "(c) Site", "Text: X – © Agentur",
  // a licence line ("... licensed under a Creative Commons ... licence").
  if (((raw.rfind("(c) ", 0) == 0 || raw.rfind("(C) ", 0) == 0 || raw.find("\xC2\xA9") != std::string_view::npos) &&
       l.words <= 30) ||
      (l.words <= 40 && f.text.find("creative commons") != std::string::npos)) {
    // A credit after a caption's text ("Eileen Gu, Freestylerin. © AFP / Maddie Meyer") is
    // the photo's, inside the article; a copyright of the site opens its line or names a year.
    l.rule = CaptionCredit(raw) ? kPhotoCaption : kFooter;
    return;
  }
  // "[vw-id-concept-6-1]", "[                    ]": an image's file name or an empty form
  // field where a text dump shows them; no sign of where the article ends.
  if (ImagePlaceholder(raw)) {
    l.rule = kPhotoCaption;
    l.weak = true;
    return;
  }
  // A download link ("Pressemitteilung als PDF", "Bericht (PDF, 298KB)"): a short line whose
  // last word is the file's type, or that gives the type and size in brackets; no sentence
  // ("The report is available as a PDF.").
  if (l.words <= 10 && f.words() >= 1 && raw.back() != '.' &&
      (Word(f, f.words() - 1) == "pdf" || raw.ends_with("PDF") ||
       raw.find("(PDF,") != std::string_view::npos)) {
    l.rule = kNavigation;
    l.weak = true;
    return;
  }
  if (InlineMenu(raw, l.fold)) {
    l.rule = kNavigation;
    return;
  }
  if (DoubledText(raw)) {
    l.rule = kRelatedLinks;
    return;
  }
  if (IsDateline(f, raw, text.substr(l.begin, l.end - l.begin))) {
    l.rule = kDateline;
    return;
  }
  // "25 thoughts on “How to Grow a Lemon Tree”", "5 Antworten zu „X“": the heading of a
  // post's comments, which ends the article.
  if (CommentCountHeading(raw, f) && l.words <= 40) {
    l.rule = kCommentForm;
    return;
  }
  // "thelastchargersfan says:", "Milan on September 12, 2018 at 4:47 pm said:"
  if (l.words <= 15 && raw.back() == ':' &&
      data_.comment_verbs.find(Word(f, f.words() - 1)) != data_.comment_verbs.end()) {
    l.rule = kComments;
    return;
  }
  if (Word(f, 0) == "by" && f.words() >= 2 && f.words() <= 5 && l.words <= 6 && AllCapitalised(raw, 1)) {
    l.rule = kByline;
    return;
  }
  if (DatedByline(f, text.substr(l.begin, l.end - l.begin))) l.rule = kByline;
}

std::string LineEvidence::SplitGluedWords(std::string_view raw) {
  // A space between a lower-case letter and the capital right after it.
  std::string out;
  out.reserve(raw.size() + 8);
  int32_t previous = 0;
  for (size_t pos = 0; pos < raw.size();) {
    int32_t cp = 0;
    const int n = utf8::Decode(raw, pos, &cp);
    const size_t len = static_cast<size_t>(n > 0 ? n : -n);
    if (utf8::IsUpper(cp) && utf8::IsLower(previous)) out.push_back(' ');
    out.append(raw.substr(pos, len));
    previous = cp;
    pos += len;
  }
  return out;
}

bool LineEvidence::CommentCountHeading(std::string_view raw, const FoldedLine& f) {
  // A count (digits, or "one") and a word for the comments, then "on", "zu", "sur" ...
  static const std::array<std::string_view, 26> kComments = {
      "thought",   "thoughts",   "response",   "responses",   "reply",       "replies",
      "comment",   "comments",   "antwort",    "antworten",   "kommentar",   "kommentare",
      "gedanke",   "gedanken",   "réponse",    "réponses",    "commentaire", "commentaires",
      "respuesta", "respuestas", "comentario", "comentarios", "risposte",    "commenti",
      "reacties",  "reactie"};
  static const std::array<std::string_view, 11> kOn = {"on", "to", "zu",   "auf", "sur", "à",
                                                       "a",  "en", "para", "su",  "op"};
  size_t w = 0;
  if (raw.empty() || raw.back() == '.') return false;  // "200 responses to the survey came in."
  if (raw.front() >= '0' && raw.front() <= '9') {
    // Digits fold to nothing: the count is the raw line's first token.
    if (f.words() < 3) return false;
  } else {
    if (f.words() < 4) return false;
    const std::string_view one = Word(f, 0);
    if (one != "one" && one != "ein" && one != "eine" && one != "un" && one != "une") return false;
    w = 1;
  }
  return std::find(kComments.begin(), kComments.end(), Word(f, w)) != kComments.end() &&
         std::find(kOn.begin(), kOn.end(), Word(f, w + 1)) != kOn.end();
}

bool LineEvidence::IsPrice(std::string_view raw) {
  bool digit = false, currency = false;
  for (size_t pos = 0; pos < raw.size();) {
    int32_t cp = 0;
    const int n = utf8::Decode(raw, pos, &cp);
    digit |= utf8::IsDigit(cp);
    currency |= utf8::IsCurrency(cp);
    pos += static_cast<size_t>(n > 0 ? n : -n);
  }
  return digit && currency;
}

bool LineEvidence::LabelledList(std::string_view rest) {
  // Items between separators, each a name of six words at most; a list ends without a
  // sentence's mark (a final full stop after short items aside).
  rest = Trim(rest);
  if (rest.empty()) return false;
  if (rest.back() == '!' || rest.back() == '?' || CutWithEllipsis(rest)) return false;
  size_t items = 0, words = 0, longest = 0;
  bool in_word = false;
  for (size_t k = 0; k <= rest.size(); ++k) {
    const char c = k < rest.size() ? rest[k] : ',';
    if (c == ',' || c == ';' || c == '|' || c == ':' || c == '#') {
      if (words > 0) ++items;
      longest = std::max(longest, words);
      words = 0;
      in_word = false;
      continue;
    }
    // A sentence inside ("... Sri Lanka. Mehr dazu") is no list; a stop after the last item is.
    if ((c == '.' || c == '!' || c == '?') && k + 1 < rest.size() && rest[k + 1] == ' ' &&
        k + 2 < rest.size() && utf8::IsUpper(utf8::At(rest, k + 2)) && words > 1)
      return false;
    const bool space = c == ' ' || c == '\t';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return longest <= 6 && (items >= 2 || longest <= 4);
}

bool LineEvidence::DatedByline(const FoldedLine& f, std::string_view line) const {
  // "By Amelie Marie Nishizawa Feb 8, 2020 5 min read": "By", one to four capitalised names,
  // then only a date and a reading time. A sentence that opens with "By" goes on with a verb.
  if (f.words() < 3 || f.words() > 12 || Word(f, 0) != "by") return false;
  size_t w = 1;
  for (; w < f.words() && w <= 4; ++w) {
    const std::string_view word = Word(f, w);
    if (data_.date_words.contains(word) || !utf8::IsUpper(utf8::At(line, f.word_starts[w]))) break;
  }
  if (w == 1 || w == f.words()) return false;  // no name, or nothing after it
  bool date = false;
  for (char c : line.substr(f.word_ends[w - 1])) date |= c >= '0' && c <= '9';
  for (; w < f.words(); ++w) {
    const std::string_view word = Word(f, w);
    if (word == "min" || word == "mins" || word == "read") continue;
    if (!data_.date_words.contains(word)) return false;
    date = true;
  }
  return date;
}

void LineEvidence::GluedPhrase(std::string_view text, Line& l) const {
  // Every "Read more:" glued after a sentence end: (where the cut would start, its colon).
  const FoldedLine& f = l.fold;
  std::vector<std::pair<size_t, size_t>> found;
  for (size_t w = 1; w < f.words(); ++w) {
    size_t gap_begin = l.begin + f.word_ends[w - 1], gap_end = l.begin + f.word_starts[w];
    size_t stop_at = std::string_view::npos;
    for (size_t k = gap_begin; k < gap_end; ++k)
      if (text[k] == '.' || text[k] == '!' || text[k] == '?') stop_at = k;
    if (stop_at == std::string_view::npos) continue;
    const auto* p = data_.phrases.MatchGlued(std::string_view(f.text).substr(f.offsets[w]));
    if (p == nullptr) continue;
    size_t last = w + static_cast<size_t>(std::count(p->folded.begin(), p->folded.end(), ' '));
    size_t k = l.begin + f.word_ends[last];
    while (k < l.end && text[k] == ' ') ++k;
    if (k < l.end && text[k] == ':') found.emplace_back(stop_at + 1, k);
  }
  // From the last one back: each cut needs a short link title up to the next cut, so that
  // the line a cut leaves offers no further cut to a second cleaning.
  size_t end = l.end;
  for (size_t i = found.size(); i-- > 0;) {
    if (end - found[i].second >= 300) break;
    l.glued_from = found[i].first;
    end = found[i].first;
  }
}

bool LineEvidence::BoxHeading(std::string_view raw, const FoldedLine& f) const {
  if (f.words() < 2 || f.words() > 7) return false;
  const int32_t last = utf8::Previous(raw, raw.size());
  if (last == '.' || last == '!' || last == '?' || last == ',' || last == ';') return false;
  size_t which = 0, what = 0;
  for (size_t w = 0; w < f.words(); ++w) {
    const std::string_view word = Word(f, w);
    if (data_.box_which.find(word) != data_.box_which.end()) ++which;
    else if (data_.box_what.find(word) != data_.box_what.end()) ++what;
  }
  if (which >= 1 && what >= 1 && 2 * (which + what) >= f.words()) return true;
  // "More News from Sci-Tech", "Otras noticias de Cámara de Diputados", "Aktuelle Artikel aus
  // dem Bereich Golfreisen": the pair opens the line, the rest names the section.
  auto kind = [&](size_t w) {
    const std::string_view word = Word(f, w);
    return data_.box_which.contains(word) ? 1 : data_.box_what.contains(word) ? 2 : 0;
  };
  // After an article ("Die meistgelesenen Artikel bei SWR.de", "The latest stories from X").
  return kind(0) + kind(1) == 3 ||
         (Word(f, 0).size() <= 3 && f.words() >= 3 && kind(1) + kind(2) == 3);
}

bool LineEvidence::CaptionCredit(std::string_view raw) {
  const size_t mark = raw.find("\xC2\xA9");
  if (mark == std::string_view::npos) return false;  // "(c) Site"
  // Before the mark a caption's text; or a bare "© Getty Images" under a photo: a name of one
  // to three words without a year ("© 2020 Site" is the site's).
  if (mark < 12 && (mark > 0 || CountWords(raw.substr(mark + 2)) > 3)) return false;
  for (size_t k = 0; k + 4 <= raw.size(); ++k) {  // a year: "Text © 2019 Agentur" is the site's
    const bool year = (raw.compare(k, 2, "19") == 0 || raw.compare(k, 2, "20") == 0) &&
                      std::isdigit(static_cast<unsigned char>(raw[k + 2])) &&
                      std::isdigit(static_cast<unsigned char>(raw[k + 3])) &&
                      (k == 0 || !std::isdigit(static_cast<unsigned char>(raw[k - 1]))) &&
                      (k + 4 == raw.size() || !std::isdigit(static_cast<unsigned char>(raw[k + 4])));
    if (year) return false;
  }
  return true;
}

bool LineEvidence::ImagePlaceholder(std::string_view raw) {
  // An image's file name alone on its line ("koala-rescue.jpg").
  if (raw.find(' ') == std::string_view::npos && raw.size() > 4) {
    for (std::string_view ext : {".jpg", ".jpeg", ".png", ".gif", ".webp", ".JPG", ".PNG"})
      if (raw.size() > ext.size() && raw.compare(raw.size() - ext.size(), ext.size(), ext) == 0) return true;
  }
  // One or more "[...]" groups, each a file name or an empty field ("[fb-icon] [tw-icon]").
  if (raw.size() < 3 || raw.front() != '[' || raw.back() != ']') return false;
  for (size_t pos = 0; pos < raw.size();) {
    while (pos < raw.size() && raw[pos] == ' ') ++pos;
    if (pos == raw.size()) break;
    if (raw[pos] != '[') return false;
    const size_t close = raw.find(']', pos);
    if (close == std::string_view::npos) return false;
    std::string_view inner = raw.substr(pos + 1, close - pos - 1);
    const bool empty = inner.find_first_not_of(' ') == std::string_view::npos;
    const bool file = inner.find_first_of(" [") == std::string_view::npos &&
                      inner.find_first_of("-_0123456789") != std::string_view::npos;
    if (!empty && !file) return false;
    pos = close + 1;
  }
  return true;
}

bool LineEvidence::DoubledText(std::string_view raw) {
  // After a list number or bullet ("3. ", "• ").
  size_t start = 0;
  while (start < raw.size() && ((raw[start] >= '0' && raw[start] <= '9') || raw[start] == '.' || raw[start] == ' '))
    ++start;
  const std::string_view rest = WithoutBullet(raw.substr(start));
  // The two halves, glued or with one space between; each of 10 bytes at least and a
  // title's length at most, and not one word over and over (a page of "word word word ...").
  for (const size_t gap : {size_t{0}, size_t{1}}) {
    if (rest.size() < 20 + gap || rest.size() > 600 || (rest.size() - gap) % 2 != 0) continue;
    const size_t half = (rest.size() - gap) / 2;
    if (gap == 1 && rest[half] != ' ') continue;
    const std::string_view a = rest.substr(0, half), b = rest.substr(half + gap);
    if (a != b) continue;
    const size_t space = a.find(' ');
    if (space == std::string_view::npos || a.find(a.substr(0, space + 1), space + 1) == std::string_view::npos) return true;
  }
  return false;
}

bool LineEvidence::InlineMenu(std::string_view raw, const FoldedLine& fold) {
  if (fold.separators < 2) return false;  // counted when the line was folded
  size_t items = 1, words = 0, most = 0;
  bool in_word = false;
  for (size_t pos = 0; pos < raw.size();) {
    int32_t cp;
    int n = utf8::Decode(raw, pos, &cp);
    pos += static_cast<size_t>(n > 0 ? n : -n);
    if (cp == '|' || cp == 0xB7 || cp == 0x2022 || cp == 0xBB || cp == 0x203A) {
      ++items;
      words = 0;
      in_word = false;
      continue;
    }
    const bool space = cp == ' ' || cp == '\t' || cp == 0xA0;
    if (!space && !in_word) most = std::max(most, ++words);
    in_word = !space;
  }
  if (items < 3 || most > 4) return false;
  return !IsSentenceEnd(utf8::Previous(raw, raw.size()));
}

bool LineEvidence::IsDateline(const FoldedLine& f, std::string_view raw, std::string_view line) const {
  if (f.words() == 0 || f.words() > 10) return false;
  bool digit = false;
  for (char c : raw) digit |= c >= '0' && c <= '9';
  if (!digit && f.words() < 2) return false;
  bool name = false;  // a whole month or weekday name, not only abbreviations ("so ma")
  for (size_t w = 0; w < f.words(); ++w) {
    const std::string_view word = Word(f, w);
    // An ordinal's ending right after its digits: "18th", "1er", "2nd".
    const size_t at = f.word_starts[w];
    if (at > 0 && std::isdigit(static_cast<unsigned char>(line[at - 1])) &&
        (word == "st" || word == "nd" || word == "rd" || word == "th" || word == "er" || word == "e"))
      continue;
    if (data_.date_words.find(word) == data_.date_words.end()) return false;
    name |= word.size() >= 4;
  }
  return digit || name;
}

bool LineEvidence::AllCapitalised(std::string_view raw, size_t from) {
  size_t w = 0;
  bool in = false;
  for (size_t pos = 0; pos < raw.size();) {
    int32_t cp;
    int n = utf8::Decode(raw, pos, &cp);
    bool space = cp == ' ' || cp == '\t';
    if (!space && !in) {
      if (w >= from && !utf8::IsUpper(cp)) return false;
      ++w;
    }
    in = !space;
    pos += static_cast<size_t>(n > 0 ? n : -n);
  }
  return w > from;
}

std::string_view LineEvidence::WithoutTrailingPicture(std::string_view raw) {
  // A sentence with its picture's file name after it ("... till fragrant.[step-3]") is one.
  if (!raw.empty() && raw.back() == ']') {
    const size_t open = raw.rfind('[');
    if (open != std::string_view::npos && open > 0 && ImagePlaceholder(raw.substr(open)))
      raw = Trim(raw.substr(0, open));
  }
  // Invisible characters some editors leave after a sentence: U+2063, U+200B, U+FEFF.
  for (std::string_view tail : {"\xE2\x81\xA3", "\xE2\x80\x8B", "\xEF\xBB\xBF"})
    while (raw.ends_with(tail)) raw.remove_suffix(tail.size());
  return raw;
}

void LineEvidence::LinkLists(std::string_view text, PageScratch& s) const {
  auto is_link = [&](size_t i) {
    const Line& l = s.lines[i];
    std::string_view raw = Trim(text.substr(l.begin, l.end - l.begin));
    if (l.rule >= 0 || !IsBulletStart(raw) || l.words > 20 || l.fold.words() == 0) return false;
    // An item that starts with a number is a quantity or a step ("• 2 cups of flour").
    size_t item = raw.find(' ');
    while (item < raw.size() && raw[item] == ' ') ++item;
    if (item < raw.size() && raw[item] >= '0' && raw[item] <= '9') return false;
    // "• Ort: Kasberg", "• Effektiver Jahreszins: 3,9 Prozent": facts, not links.
    const size_t colon = raw.find(": ");
    if (colon != std::string_view::npos && CountWords(raw.substr(item, colon - item)) <= 3)
      return false;
    raw = WithoutTrailingPicture(raw);
    return raw.empty() || !IsSentenceEnd(utf8::Previous(raw, raw.size()));
  };
  // An item of the list that ends a sentence with a full stop, right before or after the run ("•
  // Name – nc for non-commercial" / "• The author allows reuse ... ."): the run is part of a list
  // of the article's, not a list of links.
  auto bullet_sentence = [&](size_t c) {
    if (c >= s.content.size()) return false;
    const Line& l = s.lines[s.content[c]];
    std::string_view raw = Trim(text.substr(l.begin, l.end - l.begin));
    if (l.rule >= 0 || !IsBulletStart(raw) || l.words < 6) return false;
    raw = WithoutTrailingPicture(raw);
    return !raw.empty() && raw.back() == '.';
  };
  std::vector<size_t>& run = s.run;
  run.clear();
  // Under a heading of a box of other pages ("More Great WIRED Stories") a list is links all the
  // same.
  auto under_box_heading = [&](size_t c) {
    if (c == 0) return false;
    const int rule = s.lines[s.content[c - 1]].rule;
    return rule == kRelatedLinks || rule == kReadMore;
  };
  auto flush = [&] {
    if (run.empty()) return;
    if (under_box_heading(run.front()) || (!(run.front() > 0 && bullet_sentence(run.front() - 1)) &&
                                           !bullet_sentence(run.back() + 1)))
      for (size_t k : run) s.lines[s.content[k]].rule = kLinkList;
    run.clear();
  };
  ForEachRunNotIntroduced(text, s, 2, is_link, [&](size_t k) {
    if (!run.empty() && run.back() + 1 != k) flush();
    run.push_back(k);
  });
  flush();
}

void LineEvidence::Captions(std::string_view text, PageScratch& s) const {
  for (size_t c = 0; c < s.content.size(); ++c) {
    Line& l = s.lines[s.content[c]];
    if (l.rule >= 0 || l.words > 40) continue;
    std::string_view raw = Trim(text.substr(l.begin, l.end - l.begin));
    std::string_view first = l.fold.words() > 0 ? Word(l.fold, 0) : std::string_view();
    bool caption = (first == "photo" || first == "image" || first == "foto" || first == "picture") &&
                   raw.find(':') != std::string_view::npos && raw.find(':') < 30;
    caption = caption || EndsWithCredit(raw) ||
              // A credit alone on its line ("Getty Images", "Reuters").
              (l.words <= 4 && std::binary_search(data_.agencies_sorted.begin(), data_.agencies_sorted.end(), raw));
    if (!caption) continue;
    l.rule = kPhotoCaption;
    if (c > 0) {
      Line& prev = s.lines[s.content[c - 1]];
      if (prev.rule < 0 && prev.words <= 12 && prev.fold.words() >= 2 &&
          l.fold.text.compare(0, prev.fold.offsets[std::min<size_t>(2, prev.fold.words() - 1)],
                              prev.fold.text, 0,
                              prev.fold.offsets[std::min<size_t>(2, prev.fold.words() - 1)]) == 0)
        prev.rule = kPhotoCaption;
    }
  }
}

void LineEvidence::AuthorBoxes(std::string_view text, PageScratch& s) const {
  auto raw = [&](size_t c) {
    const Line& l = s.lines[s.content[c]];
    return Trim(text.substr(l.begin, l.end - l.begin));
  };
  for (size_t c = 0; c + 1 < s.content.size(); ++c) {
    Line& name = s.lines[s.content[c]];
    const FoldedLine& nf = name.fold;
    if (name.rule >= 0 || nf.words() < 2 || nf.words() > 3 || name.words > 5) continue;
    const std::string_view n = raw(c);
    // Every word of the name capitalised ("Dallas Robinson", "Jule Radeck 300 posts" has
    // its count after it).
    bool names = true;
    for (size_t w = 0; w < nf.words() && names; ++w)
      names = utf8::IsUpper(utf8::At(n, nf.word_starts[w]));
    if (!names || IsSentenceEnd(utf8::Previous(n, n.size())) || n.back() == ':') continue;
    // Within three lines (the person's title, a post count), share buttons between not counted.
    for (size_t k = c + 1, between = 0; k < s.content.size() && k <= c + 10 && between < 3; ++k) {
      Line& bio = s.lines[s.content[k]];
      const FoldedLine& bf = bio.fold;
      if (bio.rule >= 0) continue;
      ++between;
      if (bf.words() < 6) continue;
      // Opens with the full name, or with its first word alone ("Zac covers Apple news").
      size_t same = 0;
      while (same < nf.words() && same < bf.words() && Word(nf, same) == Word(bf, same)) ++same;
      if (same == 0 || (same < nf.words() && same != 1)) continue;
      // "Maria Ressa, a journalist who ..." opens a news paragraph; a box says "X is a writer".
      const std::string_view b = raw(k);
      const size_t after = bf.word_ends[same - 1] - (b.data() - text.data() - bio.begin);
      if (after < b.size() && b[after] == ',') continue;
      bool writes = false;
      for (size_t w = same; w < bf.words() && w < same + 20 && !writes; ++w)
        writes = data_.author_words.contains(Word(bf, w));
      if (!writes) continue;
      name.rule = bio.rule = kAuthorBox;
      break;
    }
  }
}

bool LineEvidence::EndsWithCredit(std::string_view raw) const {
  if (!raw.empty() && raw.back() == ')') raw.remove_suffix(1);
  // Only agencies whose last byte is the line's last byte need comparing.
  if (raw.empty() || !data_.agency_last_bytes[static_cast<unsigned char>(raw.back())]) return false;
  for (const std::string& a : data_.agencies) {
    if (raw.size() <= a.size() || raw.compare(raw.size() - a.size(), a.size(), a) != 0) continue;
    std::string_view before = raw.substr(0, raw.size() - a.size());
    char glued = before.back();  // "in Moscow.AFP", "(Reuters", "Photo/EPA"
    if (glued == '.' || glued == '/' || glued == '|' || glued == '(' || glued == ':') return true;
    if (glued != ' ') continue;
    std::string_view t = Trim(before);
    if (t.empty()) return false;
    char sep = t.back();
    if (sep == '/' || sep == '|' || sep == '(' || sep == ':') return true;
    // "in Moscow. AFP", as punctuation repair leaves a glued credit: only on a short line,
    // since news agencies also sign the last paragraph of an article ("... the US. PTI").
    if (sep == '.') return CountWords(t) <= 20;
    if (t.size() >= 3 && (t.substr(t.size() - 3) == "\xE2\x80\x94" || t.substr(t.size() - 3) == "\xE2\x80\x93"))
      return true;
    if (t.size() >= 2 && t.substr(t.size() - 2) == "\xC2\xA9") return true;  // ©
    // An image bank's name after a caption with no separator ("Dee Dee Myers Getty Images"):
    // on a short line that ends no sentence, since no news is about an image bank.
    return std::binary_search(data_.image_banks.begin(), data_.image_banks.end(), a) &&
           CountWords(t) <= 8 && !IsSentenceEnd(utf8::Previous(t, t.size()));
  }
  return false;
}

size_t LineEvidence::SiteSuffixStart(std::string_view raw, PageScratch& s) const {
  size_t bar = raw.rfind(" | ");
  if (bar != std::string_view::npos && bar > 0 && CountWords(raw.substr(bar + 3)) <= 6) return bar;
  for (std::string_view dash : {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "}) {
    size_t d = raw.rfind(dash);
    if (d == std::string_view::npos || d == 0) continue;
    std::string_view tail = raw.substr(d + dash.size());
    Fold(tail, &s.tmp);
    if (CountWords(tail) <= 5 && s.tmp.words() > 0 &&
        data_.site_words.find(Word(s.tmp, s.tmp.words() - 1)) != data_.site_words.end())
      return d;
  }
  return std::string_view::npos;
}

void LineEvidence::SuffixesBreadcrumbsRepeats(std::string_view text, PageScratch& s) const {
  // Site names after titles.
  for (size_t i : s.content) {
    Line& l = s.lines[i];
    if (l.rule >= 0) continue;
    std::string_view raw = text.substr(l.begin, l.end - l.begin);
    if (l.words > 30 || IsSentenceEnd(utf8::Previous(Trim(raw), Trim(raw).size()))) continue;
    // Most lines have neither separator: check for their bytes first.
    if (raw.find('|') == std::string_view::npos && raw.find(" -") == std::string_view::npos &&
        raw.find("\xE2\x80") == std::string_view::npos)
      continue;
    // "Title | Section | Site": cut site names off while the rest still ends with one, so
    // that the title left is what a second cleaning would leave too.
    size_t end = raw.size();
    for (size_t cut; (cut = SiteSuffixStart(raw.substr(0, end), s)) != std::string_view::npos;) {
      std::string_view rest = Trim(raw.substr(0, cut));
      Fold(rest, &s.tmp);
      if (s.tmp.words() == 0) break;  // no title before it: not a title with a site name
      end = cut;
      if (IsSentenceEnd(utf8::Previous(rest, rest.size()))) break;
    }
    if (end < raw.size()) {
      l.keep_end = l.begin + end;
      l.suffix_rule = kSiteSuffix;
    }
  }
  // Keys of what remains of each line; then breadcrumbs found through them.
  auto key_of = [&](const Line& l, size_t from_word) {
    const FoldedLine& f = l.fold;
    size_t end_word = from_word;
    // What the next cleaning would see of the line: no breadcrumb, site name or glued link.
    const size_t limit = std::min(l.keep_end, l.glued_from);
    while (end_word < f.words() && l.begin + f.word_ends[end_word] <= limit) ++end_word;
    if (end_word <= from_word) return std::string_view();
    size_t b = f.offsets[from_word];
    size_t e = f.offsets[end_word - 1] + Word(f, end_word - 1).size();
    return std::string_view(f.text).substr(b, e - b);
  };
  s.keys.clear();
  for (size_t i : s.content)
    if (s.lines[i].rule < 0) s.keys.emplace(key_of(s.lines[i], 0), i);
  for (size_t i : s.content) {
    Line& l = s.lines[i];
    if (l.rule >= 0 || l.fold.words() < 2) continue;
    size_t root_words = 0;
    if (data_.breadcrumb_roots.find(Word(l.fold, 0)) != data_.breadcrumb_roots.end()) root_words = 1;
    if (l.fold.words() > 2 &&
        data_.breadcrumb_roots.find(std::string_view(l.fold.text).substr(0, l.fold.offsets[2] - 1)) !=
            data_.breadcrumb_roots.end())
      root_words = 2;
    if (root_words == 0) continue;
    std::string_view raw = text.substr(l.begin, l.keep_end - l.begin);
    // "Home › World › Asia": a trail of short items, or a trail before a title.
    size_t sep_end = 0;
    for (std::string_view sep : {"\xE2\x80\xBA", "\xC2\xBB", ">", "/", "|"}) {
      size_t p = raw.rfind(sep);
      if (p != std::string_view::npos && p < 80) sep_end = std::max(sep_end, p + sep.size());
    }
    if (sep_end > 0) {
      if (CountWords(raw.substr(sep_end)) <= 4) {
        l.rule = kBreadcrumb;
      } else {
        while (sep_end < raw.size() && raw[sep_end] == ' ') ++sep_end;
        l.keep_begin = l.begin + sep_end;
        l.prefix_rule = kBreadcrumb;
      }
      continue;
    }
    // "Home World Title" where "Title" is another line of the page.
    for (size_t k = root_words; k <= root_words + 3 && k < l.fold.words(); ++k) {
      auto it = s.keys.find(key_of(l, k));
      if (it != s.keys.end() && it->second != i) {
        l.keep_begin = l.begin + l.fold.word_starts[k];
        l.prefix_rule = kBreadcrumb;
        break;
      }
    }
  }
  // Duplicates: found here, judged by Duplicates() once the article is known.
  s.keys.clear();
  for (size_t i : s.content) s.lines[i].dup_of = kNone;
  for (size_t i : s.content) {
    Line& l = s.lines[i];
    if (l.rule >= 0) continue;
    size_t from = 0;
    while (from < l.fold.words() && l.begin + l.fold.word_starts[from] < l.keep_begin) ++from;
    std::string_view key = key_of(l, from);
    if (key.size() < 20 || std::count(key.begin(), key.end(), ' ') < 3) continue;
    auto [it, fresh] = s.keys.emplace(key, i);
    if (!fresh) l.dup_of = it->second;
  }
}

}  // namespace mtclean::boilerplate
