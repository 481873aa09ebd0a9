#include "lexicon/english_grammar.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <fstream>
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

StatusOr<std::unique_ptr<EnglishGrammar>> EnglishGrammar::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::Error("cannot read the English grammar model " + path + " (run scripts/setup.sh, then build)");
  auto g = std::unique_ptr<EnglishGrammar>(new EnglishGrammar());
  std::vector<std::vector<std::string_view>> deferred;
  std::vector<std::string> lines;
  std::string line;
  double lambda[3] = {0.1, 0.3, 0.6};
  auto tag_of = [&](std::string_view name) -> TagId {
    auto it = g->tag_ids_.find(name);
    if (it != g->tag_ids_.end()) return it->second;
    if (g->tag_names_.size() >= kNoTag) return kNoTag;
    const auto id = static_cast<TagId>(g->tag_names_.size());
    g->tag_names_.emplace_back(name);
    g->tag_ids_.emplace(std::string(name), id);
    g->tag_counts_.push_back(0);
    return id;
  };
  std::vector<std::pair<TagId, uint64_t>> ends;
  std::vector<std::pair<std::array<TagId, 2>, uint64_t>> bigrams;
  std::vector<std::pair<std::array<TagId, 3>, uint64_t>> trigrams;
  for (size_t line_no = 1; std::getline(in, line); ++line_no) {
    if (line.empty() || line[0] == '#') continue;
    const auto f = Fields(line);
    auto bad = [&] { return Status::Error(path + ":" + std::to_string(line_no) + ": malformed grammar model line"); };
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
        g->tag_counts_[t] = Number(f[2]);
        if (f[1] != "<s>") g->total_tokens_ += g->tag_counts_[t];
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
        WordInfo& info = g->lexicon_[std::string(f[1])];
        info.tags.push_back({tag_of(f[2]), n});
        info.count += n;
        break;
      }
      case 'x':
        if (f.size() != 4) return bad();
        g->suffixes_[std::string(f[1])].push_back({tag_of(f[2]), static_cast<uint32_t>(Number(f[3]))});
        break;
      case 'k': {
        if (f.size() != 4) return bad();
        WordInfo& info = g->lexicon_[std::string(f[1])];
        info.lower_inside = static_cast<uint32_t>(Number(f[2]));
        info.capital_inside = static_cast<uint32_t>(Number(f[3]));
        break;
      }
      case 'n': {
        if (f.size() != 5) return bad();
        auto& next = g->lexicon_[std::string(f[1])].next;
        const TagId tag = tag_of(f[2]);
        if (next.empty() || next.back().first != tag) next.push_back({tag, {}});
        next.back().second.push_back({tag_of(f[3]), static_cast<uint32_t>(Number(f[4]))});
        break;
      }
      case 'p':
        if (f.size() != 4) return bad();
        g->pairs_[PairHash(f[1], f[2])] = static_cast<uint32_t>(Number(f[3]));
        break;
      case 'e':
        if (f.size() != 4) return bad();
        g->before_end_[PairHash(f[1], f[2])] = static_cast<uint32_t>(Number(f[3]));
        ends.push_back({tag_of(f[2]), Number(f[3])});
        break;
      default:
        return bad();
    }
  }
  g->start_ = tag_of("<s>");
  g->end_ = tag_of("</s>");
  g->np_ = tag_of("np");
  g->nn_ = tag_of("nn");
  g->cd_ = tag_of("cd");
  g->od_ = tag_of("od");
  for (auto it = g->lexicon_.begin(); it != g->lexicon_.end();) {  // capitals of words never tagged
    if (it->second.count == 0) {
      it = g->lexicon_.erase(it);
      continue;
    }
    for (const auto& tc : it->second.tags)
      it->second.log_emission.push_back(static_cast<float>(
          std::log(static_cast<double>(tc.count) / static_cast<double>(std::max<uint64_t>(1, g->tag_counts_[tc.tag])))));
    ++it;
  }
  if (g->total_tokens_ == 0 || g->start_ == kNoTag || g->end_ == kNoTag)
    return Status::Error(path + ": no tag counts (an empty or truncated grammar model)");
  g->end_rate_.assign(g->tag_names_.size(), 0);
  for (const auto& [t, n] : ends)
    if (t < g->tag_counts_.size() && g->tag_counts_[t] > 0)
      g->end_rate_[t] += static_cast<double>(n) / static_cast<double>(g->tag_counts_[t]);
  // Dense interpolated transitions: λ1 P(t3) + λ2 P(t3 | t2) + λ3 P(t3 | t1, t2).
  const size_t n = g->tag_names_.size();
  std::vector<double> bi(n * n, 0), tri(n * n * n, 0), history(n * n, 0), bi_history(n, 0);
  for (const auto& [k, c] : bigrams) {
    bi[k[0] * n + k[1]] = static_cast<double>(c);
    bi_history[k[0]] += static_cast<double>(c);
  }
  for (const auto& [k, c] : trigrams) {
    tri[(k[0] * n + k[1]) * n + k[2]] = static_cast<double>(c);
    history[k[0] * n + k[1]] += static_cast<double>(c);
  }
  g->transition_.assign(n * n * n, 0);
  for (size_t t1 = 0; t1 < n; ++t1)
    for (size_t t2 = 0; t2 < n; ++t2)
      for (size_t t3 = 0; t3 < n; ++t3) {
        const double uni = (static_cast<double>(t3 == g->end_ ? g->tag_counts_[g->start_] : g->tag_counts_[t3]) + 0.1) /
                           static_cast<double>(g->total_tokens_ + g->tag_counts_[g->start_]);
        const double p2 = bi_history[t2] > 0 ? bi[t2 * n + t3] / bi_history[t2] : 0;
        const double p3 = history[t1 * n + t2] > 0 ? tri[(t1 * n + t2) * n + t3] / history[t1 * n + t2] : p2;
        const double p = lambda[0] * uni + lambda[1] * p2 + lambda[2] * p3;
        g->transition_[(t1 * n + t2) * n + t3] =
            static_cast<int16_t>(std::max(-32000.0, std::round(std::log(p) * kTransitionScale)));
      }
  return g;
}

EnglishGrammar::TagId EnglishGrammar::Tag(std::string_view name) const {
  auto it = tag_ids_.find(name);
  return it == tag_ids_.end() ? kNoTag : it->second;
}

const EnglishGrammar::WordInfo* EnglishGrammar::Find(std::string_view lower) const {
  auto it = lexicon_.find(lower);
  return it == lexicon_.end() ? nullptr : &it->second;
}

uint64_t EnglishGrammar::WordCount(std::string_view lower) const {
  const WordInfo* info = Find(lower);
  return info == nullptr ? 0 : info->count;
}

uint64_t EnglishGrammar::WordTagCount(std::string_view lower, TagId tag) const {
  const WordInfo* info = Find(lower);
  if (info == nullptr) return 0;
  for (const auto& tc : info->tags)
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
  for (const auto& [t, following] : info.next) {
    if (t != tag) continue;
    for (const auto& tc : following) {
      out.total += tc.count;
      if (tc.tag == next) out.count = tc.count;
    }
  }
  return out;
}

uint64_t EnglishGrammar::PairCount(std::string_view first, std::string_view second) const {
  return pairs_.Find(PairHash(first, second));
}

uint64_t EnglishGrammar::BeforeEndCount(std::string_view lower, TagId tag) const {
  return before_end_.Find(PairHash(lower, TagName(tag)));
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
    for (size_t k = 0; k < info->tags.size(); ++k) {
      out->push_back({info->tags[k].tag, info->log_emission[k]});
      has_np |= info->tags[k].tag == np_;
    }
    // A capital inside a sentence may make a name of a common word ("Will Smith").
    if (capitalised && !sentence_start && !has_np) add(np_, 0.5 / np_count);
    return;
  }
  const std::string lower = LowerAscii(token);
  // Unknown: the tags of rare words with the same ending (TnT's suffix model), and for a
  // capital inside a sentence mostly a name.
  const WordMap<std::vector<TagCount>>::const_iterator none = suffixes_.end();
  auto suffix = none;
  for (size_t len = std::min<size_t>(3, lower.size() > 1 ? lower.size() - 1 : 0); len >= 1 && suffix == none; --len) {
    auto it = suffixes_.find(std::string_view(lower).substr(lower.size() - len));
    uint64_t total = 0;
    if (it != none)
      for (const auto& tc : it->second) total += tc.count;
    if (total >= 10) suffix = it;
  }
  const double name_share = capitalised ? (sentence_start ? 0.5 : 0.9) : 0.0;
  // P(word | tag) = P(tag | ending) P(word) / P(tag), with P(word) that of a word seen once.
  const double p_word = 1.0 / static_cast<double>(total_tokens_);
  if (suffix != none) {
    uint64_t total = 0;
    for (const auto& tc : suffix->second) total += tc.count;
    for (const auto& tc : suffix->second) {
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
