#include "stages/garbled/garbled_stage.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/test_support.h"

namespace mtclean {
namespace {

// The stage needs the grammar model the build counts from the Brown corpus.
bool ModelPresent() {
  if (std::filesystem::exists(DefaultGrammarPath())) return true;
  WARN("no English grammar model in the build (run scripts/setup.sh, then build): skipped");
  return false;
}

std::string G(const std::string& text, const std::string& options = "") {
  return testing::Clean("garbled " + options, text);
}

// The names of the signs of the flags the stage raises on `text`.
std::vector<std::string> Signs(const std::string& text) {
  auto pipeline = testing::MakePipeline("garbled");
  auto worker = pipeline->NewWorker();
  const CleanResult& r = worker->Clean({"d", text, "", ""});
  std::vector<std::string> out;
  for (const Edit& f : r.flags) {
    CHECK(pipeline->RuleId(f) == "garbled");
    const auto names = pipeline->stage(f.stage).features();
    for (size_t i = 0; i < names.size(); ++i)
      if (f.features >> i & 1u) out.emplace_back(names[i]);
  }
  return out;
}

// The flags the stage raises on `text` with `options`.
size_t FlagCount(const std::string& options, const std::string& text) {
  auto pipeline = testing::MakePipeline("garbled " + options);
  auto worker = pipeline->NewWorker();
  return worker->Clean({"d", text, "", ""}).flags.size();
}

// A document many of whose sentences the English model finds unlikely is machine translation:
// its sentences within `document_margin` of the sign's threshold are flagged too, when they
// make `document_share` of its sentences. (A low `flag_above` lets the test see it on a few
// sentences of our own.)
TEST_CASE("garbled: a document of unlikely sentences lowers the English model's threshold") {
  if (!ModelPresent()) return;
  const std::string text =
      "The minister the talks would continue next week said on Friday in the capital.\n\n"
      "In recent months the price of the housing of the city first of all to the same type rose "
      "again.\n\n"
      "Officials of the province said the road to the capital for the traffic of trucks and the "
      "buses "
      "reopened yesterday.\n\n"
      "The company the new products of the year will be launched in the spring in all stores of "
      "the country.\n\n"
      "The weather was fine and the children played in the park until the evening.\n";
  const size_t alone = FlagCount("flag_above=0.02 document_margin=0", text);
  CHECK(FlagCount("flag_above=0.02 document_margin=100 document_share=0", text) > alone);
  CHECK(FlagCount("flag_above=0.02 document_margin=100 document_share=1.01", text) == alone);
}

// A worker keeps what the tagger and the English model said of a sentence, by its text: met
// again in another document, elsewhere in it, the sentence is judged as it was.
TEST_CASE("garbled: a sentence met again is judged the same") {
  if (!ModelPresent()) return;
  auto pipeline = testing::MakePipeline("garbled flag_above=0.02 document_margin=0");
  auto worker = pipeline->NewWorker();
  const std::string sentence =
      "The company the new products of the year will be launched in the spring in all stores of "
      "the country.";
  auto flags = [&](const std::string& text, size_t at) {
    std::vector<std::string> out;
    for (const Edit& f : worker->Clean({"d", text, "", ""}).flags)
      out.push_back(std::to_string(f.in_begin - at) + " " + std::to_string(f.confidence) + " " +
                    f.evidence);
    return out;
  };
  const auto first = flags(sentence + "\n", 0);
  REQUIRE_FALSE(first.empty());
  const std::string before =
      "The weather was fine and the children played in the park until the evening.\n\n";
  CHECK(flags(before + sentence + "\n", before.size()) == first);
}

TEST_CASE("garbled: word loops are written once, English doublings stay") {
  if (!ModelPresent()) return;
  CHECK(G("Officials said the the the ministry would act on the report by Monday.") ==
        "Officials said the ministry would act on the report by Monday.");
  CHECK(G("The army said in a statement in a statement that the road was open again.") ==
        "The army said in a statement that the road was open again.");
  const std::string doubled = "He said that that decision was wrong and had had no support from the council.";
  CHECK(G(doubled) == doubled);
  // Reduplication is English: a word joined to itself, an interjection or intensifier said
  // twice. Neither changed nor flagged.
  for (const std::string idiom : {"The speeches went on and on and on until midnight, and the crowd left.",
                                  "They asked the same question over and over and over again that night.",
                                  "She waved bye bye to the children at the gate of the school.",
                                  "It was a very very long day for the rescue teams in the valley."}) {
    INFO(idiom);
    CHECK(G(idiom) == idiom);
    CHECK(Signs(idiom) == std::vector<std::string>{});
  }
  // Words Brown never doubles are still written once.
  CHECK(G("The council said it would would meet again in the spring to vote on the plan.") ==
        "The council said it would meet again in the spring to vote on the plan.");
}

TEST_CASE("garbled: a verb capitalised inside a sentence is lowered, titles stay") {
  if (!ModelPresent()) return;
  CHECK(G("Without the help of the army, the rebels would almost Taking control of the city, officials said.") ==
        "Without the help of the army, the rebels would almost taking control of the city, officials said.");
  for (const char* kept : {
           "The band played Born to be Wild at the concert in the park on Friday night, the organisers said.",
           "The minister met the Secretary of State for Defence in London on Monday, the office said.",
           "He told reporters that the Pentagon would send more troops to the region next month.",
           // Emphasis by full stops: each word a sentence of its own.
           "Meth is a serious problem in the state. We are here to Get. It. OUT, the governor tweeted.",
       }) {
    INFO(kept);
    CHECK(G(kept) == kept);
  }
}

TEST_CASE("garbled: a sentence broken before its lower-case continuation is joined") {
  if (!ModelPresent()) return;
  CHECK(G("The government forces fled. from the city on Monday, the officials said in a statement.") ==
        "The government forces fled from the city on Monday, the officials said in a statement.");
  // Abbreviations, initialisms and units end no sentence.
  for (const char* kept : {
           "The meeting starts at 5 p.m. on Friday in the main hall of the ministry, he said.",
           "The vote was held in the U.S. and in the U.K. on the same day, officials said.",
           "The plant treated the water over a 24-hr. period, the engineers said in the report.",
           // One word, a stop, one word, a stop: written so for emphasis.
           "The banner at the front of the hall said: stay. home. stay. safe. and everyone in the "
           "room read it.",
       }) {
    INFO(kept);
    CHECK(G(kept) == kept);
  }
}

TEST_CASE("garbled: calques are replaced only when the source language is known") {
  if (!ModelPresent()) return;
  const std::string text = "The Taliban assured this Friday that they had taken control of another district.";
  CHECK(G(text) == text);
  CHECK(G(text, "source_language=es") ==
        "The Taliban assured on Friday that they had taken control of another district.");
}

TEST_CASE("garbled: a clause without a verb is flagged with its signs") {
  if (!ModelPresent()) return;
  const auto signs =
      Signs("It should be completed by September, but on Thursday the president stated that the withdrawal to "
            "conclude before August 31.");
  CHECK(std::find(signs.begin(), signs.end(), "clause-without-verb") != signs.end());
  // drop_above removes such a sentence (the corpus preset).
  CHECK(G("The talks went on. The president stated that the withdrawal to conclude before August 31. The talks "
          "ended.",
          "drop_above=0.5") == "The talks went on. The talks ended.");
}

TEST_CASE("garbled: words of a source language are a sign, names of things are not") {
  if (!ModelPresent()) return;
  const auto signs =
      Signs("Officials of the ministerio said the gobierno would act on the report by Monday.");
  CHECK(std::find(signs.begin(), signs.end(), "source-words") != signs.end());
  // Paths and file names are in no language; a term said twice is one word.
  CHECK(
      Signs(
          "To do so, it modifies the /etc/ppp/peers/dsl-provider file and records the login in the "
          "/etc/ppp/pap-secrets file.")
          .empty());
  CHECK(Signs("When installed, the sudo package gives full root rights to members of the sudo Unix "
              "group.")
            .empty());
  // Words a source language's dictionary lists but hardly writes ("perf", "config") are no
  // sign: a source language's word is one it writes commonly and English rarely.
  CHECK(Signs("Set the perf event config before the tool starts, so the counter is read at the "
              "first sample.")
            .empty());
  // Loan words English writes too are English ("avant garde": French writes "avant" 400
  // times as often, English still writes it).
  CHECK(Signs("There has been some avant garde talk that furniture might go back to the boxy look "
              "of the past.")
            .empty());
}

TEST_CASE("garbled: clean English is neither changed nor flagged") {
  if (!ModelPresent()) return;
  for (const char* clean : {
           "The Taliban now control about a third of the 421 districts and district centres in Afghanistan.",
           "Tajik authorities said they would mobilise 20,000 troops to strengthen the border with Afghanistan.",
           "“Unfortunately, the majority of the districts have been left to the Taliban without any fighting,” "
           "Rahman said.",
           "The fall of Panjwai district comes just two days after US and NATO forces left their main base.",
       }) {
    INFO(clean);
    CHECK(G(clean) == clean);
    CHECK(Signs(clean).empty());
  }
}

TEST_CASE("garbled: text in another language is left alone") {
  if (!ModelPresent()) return;
  const std::string spanish =
      "El ministro dijo el lunes que las fuerzas del gobierno habían tomado el control de la ciudad. "
      "Los talibanes no respondieron a las preguntas de los periodistas sobre la situación.";
  CHECK(G(spanish) == spanish);
  CHECK(Signs(spanish).empty());
  CHECK(G(spanish, "") == spanish);
}

}  // namespace
}  // namespace mtclean
