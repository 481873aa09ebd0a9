#include <catch2/catch.hpp>
#include <string>
#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "stages/boilerplate/phrase_list.h"
#include "tests/test_support.h"

namespace mtclean {
namespace {

using testing::Clean;

std::string B(const std::string& s) { return Clean("boilerplate", s); }

// Paragraphs of real-looking prose, long enough to be classified as article text.
const std::string kPara1 =
    "The Taliban say they are discussing a possible ceasefire with the Afghan government and "
    "will halt their offensive if the talks in Doha are successful, a spokesman said on Friday.";
const std::string kPara2 =
    "The United States and its allies, which have kept a military presence in the country for "
    "two decades, began to withdraw their forces in May, and the withdrawal should be complete "
    "by the end of August, officials in Washington said.";
const std::string kPara3 =
    "Russia is concerned about rising tensions near its southern border, and the foreign "
    "minister said that his country would do everything it could to protect its allies in the "
    "region from the threats that come from across the border.";

std::string Page(const std::string& head, const std::string& body, const std::string& foot) {
  return head + kPara1 + "\n\n" + body + kPara2 + "\n\n" + kPara3 + "\n\n" + foot;
}

TEST_CASE("boilerplate: comment forms, cookie notices and footers go, the article stays") {
  std::string in = Page("Home\nWorld\nPolitics\nSearch\n\nTaliban offer a truce\n\n", "",
                        "Leave a Reply\n\nYour email address will not be published. Required "
                        "fields are marked *\n\nThis website uses cookies to improve your "
                        "experience. Accept Read More\n\nPrivacy Policy\n");
  std::string out = B(in);
  CHECK(out == "Taliban offer a truce\n\n" + kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n");
}

TEST_CASE("boilerplate: clean article text is left alone") {
  std::string article = "A headline\n\n" + kPara1 + "\n\nA subheading\n\n" + kPara2 +
                        "\n\nItems on the list:\n• first item\n• second item\n\n" + kPara3 + "\n";
  CHECK(B(article) == article);
  CHECK(B("Kunduz.") == "Kunduz.");  // a short text is no web page
  CHECK(B("") == "");
  // A language without a stop-word list: length decides, and nothing here is chrome.
  std::string korean =
      "추억을 간직하는 게 잘못이냐고 말하기도 했다. 또 그는 여행을 간 것이 잘못인가요라고 물었고, "
      "많은 사람들이 그의 말에 공감했다고 전했다. 이번 일은 큰 화제가 되었다.\n\n짧은 줄\n\n"
      "그는 이어서 앞으로도 계속해서 좋은 음악을 만들겠다고 약속했고, 팬들은 그의 다음 앨범을 "
      "기다리고 있다고 밝혔다. 공연은 다음 달에 열린다.\n";
  CHECK(B(korean) == korean);
}

TEST_CASE("boilerplate: a phrase inside a quoted or longer sentence stays") {
  std::string quoted = "“Leave a reply to the ministry and wait,” the spokesman told reporters.";
  std::string page = Page("", quoted + "\n\n", "");
  CHECK(B(page).find(quoted) != std::string::npos);
  std::string sentence = "Posted on social media by analysts at the foundation, the video shows "
                         "the port running at a lower resolution than on other consoles.";
  CHECK(B(Page("", sentence + "\n\n", "")).find(sentence) != std::string::npos);
}

TEST_CASE("boilerplate: Read more glued to a sentence goes, the sentence stays") {
  std::string out = B(Page("", "Jalrez fell after three days of fighting, the ministry "
                               "said.Read more: Taliban take another district\n\n", ""));
  CHECK(out.find("the ministry said.\n") != std::string::npos);
  CHECK(out.find("Read more") == std::string::npos);
  std::string keep = "Read more about the plan in the report the ministry published on Monday.";
  CHECK(B(Page("", keep + "\n\n", "")).find(keep) != std::string::npos);
}

TEST_CASE("boilerplate: breadcrumbs, site names and duplicated headlines") {
  std::string in = "Home World The Taliban advance in the north | Afghanistan News\n\n"
                   "The Taliban advance in the north | Afghanistan News\n\nby admin\n\n" +
                   kPara1 + "\n\n" + kPara2 + "\n\nThe Taliban advance in the north\n\n" + kPara3 + "\n";
  std::string out = B(in);
  CHECK(out == "The Taliban advance in the north\n\n" + kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n");
  CHECK(B(Page("Home › World › Asia\n\n", "", "")).find("Home") == std::string::npos);
  std::string dash = "Jamiat-e-Islami - a party of the north";  // no site name after the dash
  CHECK(B(Page(dash + "\n\n", "", "")).find(dash) != std::string::npos);
  CHECK(B(Page("Taliban advance - Kabul Times\n\n", "", "")).find("Kabul Times") == std::string::npos);
}

TEST_CASE("boilerplate: captions, datelines, bylines and link lists") {
  std::string out = B(Page("Thursday, August 5\n\nBy Jamelle Bouie\n\n",
                           "Delawar, head of a delegation\nDelawar, head of a Taliban delegation in "
                           "Moscow.AFP\n  • Afghan women armed against the Taliban\n  • The new wave "
                           "of refugees to Europe\n\n",
                           ""));
  CHECK(out == kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n\n");
  // An article sentence that names an agency is no caption.
  std::string told = "A Taliban official in Moscow told Reuters.";
  CHECK(B(Page("", told + "\n\n", "")).find(told) != std::string::npos);
}

TEST_CASE("boilerplate: reader comments go") {
  std::string out = B(Page("", "", "34 responses to “Taliban advance”\n\n1. joetoronto says:\n"
                                    "It is time for both sides to come to grips with reality, it "
                                    "is over yet again and everyone knows it by now, I think.\n"));
  CHECK(out == kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n");
}

TEST_CASE("boilerplate: every removal names its rule") {
  auto pipeline = testing::MakePipeline("boilerplate");
  auto worker = pipeline->NewWorker();
  Document doc{"d", Page("Home\n\n", "", "Leave a Reply\n\nSimilar Posts\n"), "", ""};
  const CleanResult& r = worker->Clean(doc);
  std::vector<std::string> rules;
  for (const Edit& e : r.edits) {
    CHECK(e.action() == EditAction::kDelete);
    rules.emplace_back(pipeline->RuleId(e));
  }
  CHECK(rules == std::vector<std::string>{"navigation", "comment-form", "related-links"});
}

TEST_CASE("phrase lists: folding and data errors") {
  boilerplate::FoldedLine f;
  boilerplate::Fold("  We'll assume you’re OK — 0 Comments! Ça va", &f);
  CHECK(f.text == "well assume youre ok comments ça va");
  REQUIRE(f.words() == 7);
  CHECK(f.word_starts[0] == 2);
  auto dir = std::filesystem::temp_directory_path() / ("mtclean_phrase_test." + std::to_string(getpid()));
  std::filesystem::create_directories(dir / "boilerplate");
  std::ofstream(dir / "boilerplate" / "xx.txt") << "# header\ncomment-form\tline\tleave a reply\nbogus\tline\tx\n";
  auto list = boilerplate::PhraseList::Load(dir.string(), {"xx"}, {"comment-form"});
  REQUIRE_FALSE(list.ok());
  CHECK(list.status().message().find("xx.txt:3: unknown rule 'bogus'") != std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mtclean
