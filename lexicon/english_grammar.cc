#include "lexicon/english_grammar.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

namespace mtclean {

std::string BrownBaseTag(std::string_view tag) {
  std::string t(tag);
  if (t.rfind("fw-", 0) == 0 && t.size() > 3) t = t.substr(3);
  if (size_t plus = t.find('+'); plus != std::string::npos && plus > 0) t = t.substr(0, plus);
  for (const char* mark : {"-tl", "-hl", "-nc"})
    for (size_t at; (at = t.find(mark)) != std::string::npos && at > 0;) t.erase(at, 3);
  if (t.size() > 1 && t.back() == '*') t.pop_back();
  return t;
}

std::string LowerAscii(std::string_view word) {
  std::string out(word);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  return out;
}

bool IsBrownDevText(std::string_view name, int every) {
  if (every <= 0 || name.size() < 3) return false;
  int number = 0;
  for (char c : name.substr(2))
    if (c >= '0' && c <= '9') number = number * 10 + (c - '0');
  return number % every == 0;
}

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

// Brown's tag of a punctuation token, or "" for a word.
std::string_view PunctuationTag(std::string_view token) {
  if (token == "." || token == "!" || token == "?" || token == "...") return ".";
  if (token == ",") return ",";
  if (token == ";" || token == ":") return ":";
  if (token == "(" || token == "[") return "(";
  if (token == ")" || token == "]") return ")";
  if (token == "--" || token == "\u2014" || token == "\u2013" || token == "-") return "--";
  if (token == "\u201C" || token == "``") return "``";
  if (token == "\u201D" || token == "''" || token == "\"") return "''";
  if (token == "'" || token == "\u2018" || token == "\u2019") return "'";
  return "";
}

}  // namespace

EnglishGrammar::TagId EnglishGrammar::Tag(std::string_view name) const {
  auto it = tag_ids_.find(name);
  return it == tag_ids_.end() ? kNoTag : it->second;
}

const EnglishGrammar::WordInfo* EnglishGrammar::Find(std::string_view lower) const {
  return FindRecord(words_, lower);
}

uint64_t EnglishGrammar::WordCount(std::string_view lower) const {
  const WordInfo* info = Find(lower);
  return info == nullptr ? 0 : info->count;
}

uint64_t EnglishGrammar::WordTagCount(std::string_view lower, TagId tag) const {
  const WordInfo* info = Find(lower);
  if (info == nullptr) return 0;
  for (const auto& tc : info->tags())
    if (tc.tag == tag) return tc.count;
  return 0;
}

std::pair<uint64_t, uint64_t> EnglishGrammar::CapitalCounts(std::string_view lower) const {
  const WordInfo* info = Find(lower);
  if (info == nullptr) return {0, 0};
  return {info->lower_inside, info->capital_inside};
}

EnglishGrammar::NextTag EnglishGrammar::NextTagAfter(const WordInfo& info, TagId tag, TagId next) {
  NextTag out;
  for (const auto& r : info.next()) {
    if (r.tag != tag) continue;
    out.total += r.count;
    if (r.next == next) out.count = r.count;
  }
  return out;
}

uint64_t EnglishGrammar::PairCount(std::string_view first, std::string_view second) const {
  return HashCountTable::Find(pairs_, PairHash(first, second));
}

uint64_t EnglishGrammar::BeforeEndCount(std::string_view lower, TagId tag) const {
  return HashCountTable::Find(before_end_, PairHash(lower, TagName(tag)));
}

double EnglishGrammar::TagProbability(TagId tag) const {
  return tag < tag_counts_.size() ? static_cast<double>(tag_counts_[tag]) / static_cast<double>(total_tokens_) : 0;
}

void EnglishGrammar::Candidates(std::string_view token, bool sentence_start, const WordInfo* const* known,
                                std::vector<std::pair<TagId, float>>* out) const {
  out->clear();
  auto add = [&](TagId t, double p) {
    if (t != kNoTag && tag_counts_[t] > 0 && p > 0) out->push_back({t, static_cast<float>(std::log(p))});
  };
  const bool alphanumeric = !token.empty() && (std::isalnum(static_cast<unsigned char>(token[0])) != 0);
  if (std::string_view punct = alphanumeric ? std::string_view() : PunctuationTag(token); !punct.empty()) {
    add(Tag(punct), 1.0);
    if (!out->empty()) return;
  }
  if (!token.empty() && IsDigit(token[0])) {
    const bool ordinal = token.size() > 2 && (token.ends_with("st") || token.ends_with("nd") ||
                                              token.ends_with("rd") || token.ends_with("th"));
    add(ordinal ? od_ : cd_, 1.0);
    if (!out->empty()) return;
  }
  const bool capitalised = !token.empty() && IsUpper(token[0]);
  // An acronym ("NATO", "US") is a name, whatever its letters spell in lower case.
  if (token.size() >= 2 && std::all_of(token.begin(), token.end(), [](char c) { return IsUpper(c) || c == '.'; })) {
    add(np_, 1.0 / static_cast<double>(tag_counts_[np_]));
    return;
  }
  const double np_count = static_cast<double>(tag_counts_[np_]);
  const WordInfo* info = known != nullptr ? *known : Find(LowerAscii(token));
  if (info != nullptr) {
    bool has_np = false;
    const auto tags = info->tags();
    const auto emission = info->log_emission();
    for (size_t k = 0; k < tags.size(); ++k) {
      out->push_back({tags[k].tag, emission[k]});
      has_np |= tags[k].tag == np_;
    }
    // A capital inside a sentence may make a name of a common word ("Will Smith").
    if (capitalised && !sentence_start && !has_np) add(np_, 0.5 / np_count);
    return;
  }
  const std::string lower = LowerAscii(token);
  // Unknown: the tags of rare words with the same ending (TnT's suffix model), and for a
  // capital inside a sentence mostly a name.
  const WordInfo* suffix = nullptr;
  for (size_t len = std::min<size_t>(3, lower.size() > 1 ? lower.size() - 1 : 0);
       len >= 1 && suffix == nullptr; --len) {
    const WordInfo* r = FindRecord(suffixes_, std::string_view(lower).substr(lower.size() - len));
    uint64_t total = 0;
    if (r != nullptr)
      for (const auto& tc : r->tags()) total += tc.count;
    if (total >= 10) suffix = r;
  }
  const double name_share = capitalised ? (sentence_start ? 0.5 : 0.9) : 0.0;
  // P(word | tag) = P(tag | ending) P(word) / P(tag), with P(word) that of a word seen once.
  const double p_word = 1.0 / static_cast<double>(total_tokens_);
  if (suffix != nullptr) {
    uint64_t total = 0;
    for (const auto& tc : suffix->tags()) total += tc.count;
    for (const auto& tc : suffix->tags()) {
      const double p_tag = static_cast<double>(tc.count) / static_cast<double>(total);
      if (p_tag < 0.03) continue;  // rare readings cost the tagger more than they change
      add(tc.tag, (1 - name_share) * p_tag * p_word / TagProbability(tc.tag));
    }
  } else {
    add(nn_, (1 - name_share) * p_word / TagProbability(nn_));
  }
  if (name_share > 0) add(np_, name_share * p_word / TagProbability(np_));
  if (out->empty()) add(nn_, p_word);
}

void EnglishGrammar::TagSentence(std::span<const std::string_view> tokens, Tagging* out,
                                 std::span<const WordInfo* const> infos) const {
  out->tags.assign(tokens.size(), kNoTag);
  out->surprise.assign(tokens.size(), 0);
  if (tokens.empty()) return;
  // Viterbi over states (previous tag, tag), one column per token in out->states; each
  // token's candidates are few.
  using State = Tagging::State;
  auto& states = out->states;
  auto& begin = out->column_begin;
  states.clear();
  begin.clear();
  states.push_back({start_, start_, 0, -1});
  begin.push_back(0);
  for (size_t i = 0; i < tokens.size(); ++i) {
    const size_t prev_begin = begin.back(), prev_end = states.size();
    begin.push_back(prev_end);
    Candidates(tokens[i], i == 0, infos.size() == tokens.size() ? &infos[i] : nullptr, &out->candidates);
    for (const auto& [tag, emission] : out->candidates) {
      // The best way into (p.tag, tag) for each distinct p.tag: where[p.tag] is its state.
      const size_t column_start = states.size();
      for (size_t j = prev_begin; j < prev_end; ++j) {
        const State p = states[j];
        const float score = p.score + Transition(p.prev, p.tag, tag) + emission;
        int32_t& at = out->where[p.tag];
        if (at < static_cast<int32_t>(column_start) || at >= static_cast<int32_t>(states.size()) ||
            states[static_cast<size_t>(at)].prev != p.tag) {
          at = static_cast<int32_t>(states.size());
          states.push_back({p.tag, tag, score, static_cast<int>(j - prev_begin)});
        } else if (score > states[static_cast<size_t>(at)].score) {
          states[static_cast<size_t>(at)] = {p.tag, tag, score, static_cast<int>(j - prev_begin)};
        }
      }
    }
  }
  const size_t last = begin.back();
  int best = -1;
  float best_score = -std::numeric_limits<float>::infinity();
  for (size_t j = last; j < states.size(); ++j) {
    const float score = states[j].score + Transition(states[j].prev, states[j].tag, end_);
    if (score > best_score) best_score = score, best = static_cast<int>(j - last);
  }
  for (size_t i = tokens.size(); i-- > 0 && best >= 0;) {
    const State& st = states[begin[i + 1] + static_cast<size_t>(best)];
    out->tags[i] = st.tag;
    best = st.back;
  }
  for (size_t i = 0; i < tokens.size(); ++i) {
    const TagId t1 = i >= 2 ? out->tags[i - 2] : start_, t2 = i >= 1 ? out->tags[i - 1] : start_;
    out->surprise[i] = -Transition(t1, t2, out->tags[i]);
  }
}

}  // namespace mtclean
