#include <catch2/catch.hpp>
#include <string>
#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "stages/boilerplate/line_evidence.h"
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
  // Chrome phrases run together on one line go; a recipe's bulleted steps, each a sentence
  // with its picture's file name after it, are no list of links.
  out = B(Page("", "", "Leave a Reply Cancel reply\n"));
  CHECK(out.find("Cancel reply") == std::string::npos);
  const std::string steps =
      "  • Heat the oil in the wok until it shimmers.[step-1-scaled]\n"
      "  • Add the noodles and stir for a minute.[step-2-scaled]\n";
  CHECK(B(Page("", steps + "\n", "")).find(steps) != std::string::npos);
  // An article sentence that names an agency is no caption.
  std::string told = "A Taliban official in Moscow told Reuters.";
  CHECK(B(Page("", told + "\n\n", "")).find(told) != std::string::npos);
  // A caption with an image bank's credit joined to it by a space; a sentence naming an agency
  // stays.
  out = B(Page("", "Dee Dee Myers Getty Images\n\n", ""));
  CHECK(out.find("Getty Images") == std::string::npos);
  // A byline with its date and reading time; a sentence that opens with "By" and a name stays.
  out = B(Page("", "By Jane Marie Doe Feb 8, 2020 5 min read\n\nBy Monday Kabul had fallen.\n\n", ""));
  CHECK(out.find("min read") == std::string::npos);
  CHECK(out.find("By Monday Kabul had fallen.") != std::string::npos);
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
  // An `inside` phrase is found anywhere in a line, at word boundaries.
  std::ofstream(dir / "boilerplate" / "xx.txt") << "footer\tinside\tall rights reserved\n";
  list = boilerplate::PhraseList::Load(dir.string(), {"xx"}, {"footer"});
  REQUIRE(list.ok());
  CHECK(list->MatchInside("copyright the x service all rights reserved read our privacy policy") != nullptr);
  CHECK(list->MatchInside("all rights reserved") != nullptr);
  CHECK(list->MatchInside("not all rights reservedly") == nullptr);
  CHECK(list->MatchInside("smallall rights reserved") == nullptr);
  // Whole-line phrases run together on one line: the fewest pieces, each a whole phrase.
  std::ofstream(dir / "boilerplate" / "xx.txt")
      << "comment-form\tline\tleave a reply\ncomment-form\tline\tcancel "
         "reply\nshare-widget\tline\tshare\n";
  list = boilerplate::PhraseList::Load(dir.string(), {"xx"}, {"comment-form", "share-widget"});
  REQUIRE(list.ok());
  size_t pieces = 0;
  bool multiword = false;
  const boilerplate::Phrase* p =
      list->MatchLineSequence("leave a reply cancel reply", &pieces, &multiword);
  REQUIRE(p != nullptr);
  CHECK(p->folded == "leave a reply");
  CHECK((pieces == 2 && multiword));
  REQUIRE(list->MatchLineSequence("share share share", &pieces, &multiword) != nullptr);
  CHECK((pieces == 3 && !multiword));
  CHECK(list->MatchLineSequence("leave a reply", &pieces, &multiword) ==
        nullptr);  // one is MatchLine's
  CHECK(list->MatchLineSequence("leave a reply to the minister", &pieces, &multiword) == nullptr);
  CHECK(list->MatchLineSequence("cancel reply leave a", &pieces, &multiword) == nullptr);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mtclean

namespace mtclean {
namespace {

// Issue 13: a deletion needs evidence on the text it deletes; doubt keeps.

const std::string kCookie =
    "This website uses cookies to improve your experience. We'll assume you're ok with this, "
    "but you can opt-out if you wish. Accept Read More\n\n";

TEST_CASE("boilerplate: a whole article next to a cookie banner and long teasers stays") {
  // A short article (two paragraphs) among chrome whose teasers have more words than it.
  std::string teasers;
  for (const char* t : {"Taliban fighters seize a border crossing with Pakistan in Kandahar province",
                        "Germany ends its military mission in Afghanistan after twenty years",
                        "Refugees from Afghanistan arrive in Iran as the fighting spreads north",
                        "The United Nations warns of a humanitarian crisis in the coming winter"})
    teasers += std::string(t) + "\n\n";
  std::string in = kCookie + "Home\nWorld\nPolitics\nSearch\n\nTaliban offer a truce\n\n" + kPara1 + "\n\n" +
                   kPara2 + "\n\nRelated posts\n\n" + teasers + "Leave a Reply\n\n© 2021 Kabul Daily\n";
  std::string out = B(in);
  CHECK(out.find(kPara1) != std::string::npos);
  CHECK(out.find(kPara2) != std::string::npos);
  CHECK(out.find("Taliban offer a truce") != std::string::npos);  // the headline
  CHECK(out.find("cookies") == std::string::npos);
  CHECK(out.find("Search") == std::string::npos);
  CHECK(out.find("Leave a Reply") == std::string::npos);
  CHECK(out.find("© 2021") == std::string::npos);
}

TEST_CASE("boilerplate: a paragraph goes for where it stands only after the article's end") {
  std::string author =
      "Jane Doe has reported from Kabul since 2015 and wrote two books about the war, one of them "
      "about the women who run the city's schools in secret.";
  // After a line that ends articles ("About the author", a comment form, a list of other
  // pages' titles) the rest is the page's: the author box goes with the teasers.
  std::string closed = kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n\nAbout the author\n\n" + author +
                       "\n\nGermany ends its military mission after twenty years\n\nRelated posts\n\n"
                       "Privacy Policy\n";
  CHECK(B(closed) == kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n");
  // Chrome that also sits inside articles (an advertisement marker, a photo credit) does not
  // end it: the paragraph after it stays, though it is short beside the article.
  std::string inline_chrome = kPara1 + "\n\n" + kPara2 + "\n\nAdvertisement\n\n" + kPara3 +
                              "\n\nKabul residents queue for bread. \xC2\xA9 AFP / Wakil Kohsar\n\n" + author + "\n";
  std::string out = B(inline_chrome);
  CHECK(out.find(kPara3) != std::string::npos);
  CHECK(out.find(author) != std::string::npos);
  CHECK(out.find("Advertisement") == std::string::npos);
  CHECK(out.find("Wakil Kohsar") == std::string::npos);
  // A bare credit under a photo ("© Getty Images", no year) is the photo's, not the site's
  // copyright: the paragraph after it is still the article's.
  std::string credit = kPara1 + "\n\n" + kPara2 + "\n\n\xC2\xA9 Getty Images\n\n" + author + "\n\nRelated posts\n";
  out = B(credit);
  CHECK(out.find(author) != std::string::npos);
  CHECK(out.find("Getty") == std::string::npos);
  // A site's copyright ends it.
  std::string site = kPara1 + "\n\n" + kPara2 + "\n\n\xC2\xA9 2021 Kabul Daily Media Group\n\n" + author + "\n";
  CHECK(B(site).find(author) == std::string::npos);
}

TEST_CASE("boilerplate: the heading of a box of other pages ends the article, in many languages") {
  const std::string teaser =
      "The mayor of the city said on Monday that the new bridge over the river would open next "
      "spring, after years of delays, two lawsuits and a budget that doubled.";
  // No phrase list holds these headings: a word saying which pages and one saying what is
  // listed make them ("Verwandte Links", "Noticias relacionadas", "More Great WIRED Stories").
  for (const std::string heading :
       {"Verwandte Links", "Noticias relacionadas", "More Great WIRED Stories", "Autres articles",
        "Relaterede artikler", "Похожие статьи", "Kapcsolódó cikkek", "More News from Sci-Tech",
        "Otras noticias de Cámara de Diputados", "Die meistgelesenen Artikel bei SWR.de/Sport",
        "Weiterführende Informationen", "Más información", "Top Stories in Nation"}) {
    std::string out = B(kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n\n" + heading + "\n\n" + teaser + "\n");
    CHECK(out == kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n");
  }
  // Inside a sentence, or as a sentence, the same words are the article's.
  const std::string sentence = "More stories like these are told in the village.";
  std::string page = kPara1 + "\n\n" + sentence + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n";
  CHECK(B(page) == page);
}

TEST_CASE("boilerplate: a rights notice anywhere in a short line is the site's footer") {
  std::string notice = "Copyright 2020 The Kabul Information Service. All Rights Reserved. Read our Privacy Policy.";
  std::string out = B(kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n\n" + notice + "\n");
  CHECK(out == kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n");
  // In an article's sentence it stays.
  std::string sentence = "The court said that all rights reserved to the states by the constitution of 1787 "
                         "remain theirs, whatever the federal government now claims about its own powers.";
  std::string page = kPara1 + "\n\n" + sentence + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n";
  CHECK(B(page) == page);
}

TEST_CASE("boilerplate: a one-word chrome heading after the article does not join what follows to it") {
  // "Comments" may head a part of an article, so inside it it stays; but the prose after it
  // is not joined to the article across it as it is across an advertisement marker.
  const std::string plug =
      "Advertise with the most visited news site in the country: we offer fully customizable and "
      "flexible digital marketing packages for every budget.";
  std::string out = B(kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n\nComments\n\n" + plug + "\n");
  CHECK(out == kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n");
}

TEST_CASE("boilerplate: the line that introduces the article's list stays, across an advertisement marker") {
  const std::string item1 = "\xE2\x80\xA2 When you meet a blind person, ask whether they need help, and never pull them by the arm.";
  const std::string item2 = "\xE2\x80\xA2 If you are asked for help, offer your arm and walk half a step ahead of the person.";
  std::string page = "Home\nNews\nSearch\n\nPrivacy Policy\n\nBlind and partially sighted people:\n\nAdvertisement\n\n" +
                     item1 + "\n" + item2 + "\n\n" + kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n";
  std::string out = B(page);
  CHECK(out.find("Blind and partially sighted people:") != std::string::npos);
  CHECK(out.find(item1) != std::string::npos);
  CHECK(out.find("Advertisement") == std::string::npos);
  CHECK(out.find("Search") == std::string::npos);
}

TEST_CASE("boilerplate: a recipe's ingredients and a data sheet's values stay where chrome surrounds them") {
  // Lines that measure or state something are data of the article, though they are no prose
  // and stand between chrome lines (the ingredients before a recipe's first paragraph), and
  // so is the line that introduces them.
  std::string page = "Home\nRecipes\nSearch\n\nPrivacy Policy\n\nFor the dough:\n65 g butter\n\n120g flat rice noodles\n\n"
                     "\xE2\x80\xA2 Origin: Kasberg im Frankenland\n\nShare on Facebook\n\n" +
                     kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n\nPrivacy Policy\n\nDeadline: 03.11.2019\n\n"
                     "Contact\nImprint\nNewsletter\n";
  std::string out = B(page);
  for (const char* kept : {"For the dough:", "65 g butter", "120g flat rice noodles", "Origin: Kasberg im Frankenland",
                           "Deadline: 03.11.2019", "Share on Facebook"})
    CHECK((out.find(kept) != std::string::npos) == (std::string(kept) != "Share on Facebook"));
  CHECK(out.find("Recipes") == std::string::npos);
  CHECK(out.find("Imprint") == std::string::npos);
  // A title over a table of three rows or more is the table's, without a colon too.
  const std::string table =
      "Stock Car Calendar 2018\n\nRound 1: 10 March – Interlagos\nRound 2: 8 April – Curitiba\n"
      "Round 3: 22 April – Velopark\n";
  out = B("Home\nRecipes\nSearch\n\nPrivacy Policy\n\n" + table + "\nShare on Facebook\n\n" +
          kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n");
  CHECK(out.find(table) != std::string::npos);
}

TEST_CASE("boilerplate: a sentence wrapped over two lines stays whole in the page's foot") {
  // The first half ends with no sentence end, the second starts in lower case: one sentence,
  // kept or removed together (the half alone is no sentence and would go for where it stands).
  std::string wrapped = "Children under four years of age are not counted\nas paying guests at the house.\n";
  std::string in = kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n\nAdvertisement\n\n" + wrapped +
                   "\nSearch\nLogin\nContact\n";
  std::string out = B(in);
  CHECK(out.find(wrapped) != std::string::npos);
  CHECK(out.find("Advertisement") == std::string::npos);
  CHECK(out.find("Login") == std::string::npos);
}

TEST_CASE("boilerplate: a list of other pages' titles goes with its heading") {
  std::string in = kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 +
                   "\n\nMore Great Stories From Us\n\n"
                   "  \xE2\x80\xA2 Chris Evans goes to Washington\n"
                   "  \xE2\x80\xA2 What Atlanta can teach tech about cultivating black talent\n"
                   "  \xE2\x80\xA2 The display of the future might be in your contact lens\n";
  CHECK(B(in) == kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n");
}

TEST_CASE(
    "boilerplate: the headline stays above a caption and a box of related pages, their titles go") {
  // Between a headline and its text: a byline, a picture with its caption, and a "Related" box
  // whose titles read like headlines too. The search for the headline passes over the box, and
  // the title right under "Related" is another page's, not the article's.
  const std::string caption =
      "The minister of industry looks on as the head of the economic zone authority addresses a "
      "meeting of investors in the capital.";
  std::string page =
      "Home\nNews\nSearch\n\nLatest stories\nPorts Agency Opens New Terminal\n"
      "Schools Reopen After The Storm\n\nInvestors Are Invited To The Free Zones Conference\n\n"
      "Written by: Jane Doe\n\n[IMG_7735-670x450]\nPhoto: John Roe\n" +
      caption +
      "\n\nInvestors Are Invited To The Free Zones Conference\n\n[IMG_1-470x290]\nRelated\n"
      "Stakeholders Invited To The Celebration Of Patent Week\n[IMG_2-470x290]\nRelated\n"
      "Communities Must Be Recognised As Partners In Hotel Projects\n\n" +
      kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n";
  std::string out = B(page);
  CHECK(out.find("Investors Are Invited To The Free Zones Conference") != std::string::npos);
  CHECK(out.find("Communities Must Be Recognised") == std::string::npos);
  CHECK(out.find("Stakeholders Invited") == std::string::npos);
  CHECK(out.find("Schools Reopen") == std::string::npos);
}

TEST_CASE("boilerplate: a subtitle under a title above the article stays") {
  // "Mandarin Cake" (too short for a headline) goes for where it stands, but the sentence under
  // it is no sentence alone in a chrome box: the title is no box's edge.
  std::string page =
      "Home\nRecipes\nSearch\n\nSave recipe\n\nMandarin Cake\n"
      "the creamiest cake I know!\n953 comments\n\nAverage rating: 4.52\nfrom 948 ratings\n"
      "Perfect\nVery good\nQuite good\nRate the recipe\n\n" +
      kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n";
  std::string out = B(page);
  CHECK(out.find("the creamiest cake I know!") != std::string::npos);
  CHECK(out.find("953 comments") == std::string::npos);
}

TEST_CASE("boilerplate: a list whose items are sentences is content, wherever it stands") {
  // A recipe's steps after its share buttons (which end the article) with their pictures
  // between them, and a list whose first items are short names that continue into sentences:
  // neither is a list of links. A list of titles under a box heading still goes.
  const std::string steps =
      "  \xE2\x80\xA2 Dice the tofu and use paper towels to soak up the excess water.\n"
      "  \xE2\x80\xA2 Remove and drain on paper towels.\n    [DSC_0509-scaled]\n"
      "  \xE2\x80\xA2 With two spoons of oil left in the wok, fry the garlic till "
      "fragrant.[DSC_0511-scaled]\n"
      "  \xE2\x80\xA2 Add the noodles and stir fry to mix well.[DSC_0514-scaled]\n";
  const std::string licence =
      "  \xE2\x80\xA2 Name \xE2\x80\x93 nc for non commercial\n"
      "  \xE2\x80\xA2 The struck-out dollar means \xE2\x80\x93 no reuse for commercial ends\n"
      "  \xE2\x80\xA2 The author lets others use the work freely as long as they do not earn money "
      "with it.\n";
  std::string page = kPara1 + "\n\n" + licence + "\n" + kPara2 + "\n\n" + kPara3 +
                     "\n\nShare on Facebook\n\n" + "Directions\n" + steps +
                     "\nMore Great Stories From Us\n\n"
                     "  \xE2\x80\xA2 Chris Evans goes to Washington\n"
                     "  \xE2\x80\xA2 What Atlanta can teach tech about cultivating black talent.\n";
  std::string out = B(page);
  CHECK(out.find(licence) != std::string::npos);
  CHECK(out.find("Remove and drain on paper towels.") != std::string::npos);
  CHECK(out.find("fry the garlic till fragrant.") != std::string::npos);
  CHECK(out.find("Chris Evans") == std::string::npos);
  CHECK(out.find("Share on Facebook") == std::string::npos);
}

TEST_CASE("boilerplate: the article's tags before the line that ends it go, its list stays") {
  // One or two lines that are no prose between the last paragraph and a comment form: the
  // article's category and date. A list the article introduces with a colon stays there.
  std::string out = B(kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 +
                      "\n\nCategory: News, World\n\nLeave a Reply\n");
  CHECK(out == kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n");
  const std::string dates =
      "The tour dates:\nJune 9 -- Coral Sky Amphitheatre, West Palm Beach\nJune 10 -- Credit Union "
      "Amphitheatre, Tampa\n";
  out = B(kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n\n" + dates + "\nLeave a Reply\n");
  CHECK(out.find(dates) != std::string::npos);
}

TEST_CASE("boilerplate: a label with its colon and a list of names goes, however long the list") {
  // Inside the article too: the label says what the line is. A sentence after the same label
  // is the article's ("Themen: ..." opening a summary).
  const std::string tags =
      "Veröffentlicht in: Alltag, Reisen nach Italien, Was die Welt zusammenhält | Schlagwort: "
      "Fahrrad, "
      "Sommer in der Stadt, Kinder und Eltern, Bücher";
  std::string out = B(kPara1 + "\n\n" + kPara2 + "\n\n" + tags + "\n\n" + kPara3 + "\n");
  CHECK(out == kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n");
  out = B(kPara1 +
          "\n\nTags: Afghanistan, Taliban, Doha talks, ceasefire, United States, withdrawal\n\n" +
          kPara2 + "\n\n" + kPara3 + "\n");
  CHECK(out == kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n");
  const std::string sentence =
      "Topics: The ministers of the region met on Monday in Doha. They spoke about the border, the "
      "refugees and the trade routes.";
  out = B(kPara1 + "\n\n" + sentence + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n");
  CHECK(out.find(sentence) != std::string::npos);
  CHECK(boilerplate::LineEvidence::LabelledList(" Mode, Outdoor, Winter"));
  CHECK(boilerplate::LineEvidence::LabelledList(" News"));
  CHECK_FALSE(boilerplate::LineEvidence::LabelledList(" The talks went on. Nobody knew why"));
  CHECK_FALSE(boilerplate::LineEvidence::LabelledList(
      " what do the ministers of the region want from us now?"));
}

TEST_CASE(
    "boilerplate: a title after the article's last paragraph that heads nothing is another "
    "page's") {
  const std::string article = kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n";
  // Teasers of other stories at the page's end, no chrome known between them.
  std::string out = B(
      article +
      "\nMinisters meet again in Geneva next week\n\nSecond round of talks ends without a deal\n");
  CHECK(out == article);
  // A heading over a sentence, a table's rows, a list of the article's, a quotation's source,
  // a reference: all stay.
  const std::string heading =
      "\nThe bottom line on the talks\n\nNobody expects a deal before the summer.\n";
  CHECK(B(article + heading) == article + heading);
  const std::string tour =
      "\nJune 9 - Coral Sky Amphitheatre in West Palm Beach\nJune 10 - Credit Union Amphitheatre "
      "in Tampa\n"
      "June 14 - Ameris Bank Amphitheatre in Alpharetta\nJune 17 - Bridgestone Arena in "
      "Nashville\n";
  CHECK(B(article + tour) == article + tour);
  const std::string source = "\n— Foreign Ministry of Qatar (@MofaQatar_EN) February 17, 2020\n";
  CHECK(B(article + source) == article + source);
  const std::string reference = "\n[2] Joint Commission report on the state of the peace process\n";
  CHECK(B(article + reference) == article + reference);
}

TEST_CASE("boilerplate: a price is data of the article, not a symbol line") {
  const std::string article = kPara1 + "\n\nPowerbeats Wireless Earphones\n\n$139.00\n\n" + kPara2 +
                              "\n\n" + kPara3 + "\n\nTicket: 40,000\xE2\x82\xA9\n";
  CHECK(B(article) == article);
  CHECK(boilerplate::LineEvidence::IsPrice("$139.00"));
  CHECK(boilerplate::LineEvidence::IsPrice("40.000 \xE2\x82\xA9"));
  CHECK_FALSE(boilerplate::LineEvidence::IsPrice("0"));
  CHECK_FALSE(boilerplate::LineEvidence::IsPrice("|"));
}

TEST_CASE("boilerplate: a previous/next link before another page's title goes") {
  const std::string article = kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n";
  std::string out = B(
      article +
      "\nArticle suivant Après une mise en quarantaine au cours de laquelle ils ont été isolés\n");
  CHECK(out == article);
  // A sentence that opens with the same words stays.
  const std::string sentence =
      "\nNext article in the series will look at how the withdrawal changed the region.\n";
  CHECK(B(article + sentence) == article + sentence);
}

TEST_CASE("boilerplate: chrome phrases glued together without spaces are still chrome") {
  const std::string article = kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n";
  CHECK(B("Jump to RecipePrint Recipe\n\n" + article) == article);
  CHECK(B(article + "\nShare FacebookTwitterWhatsAppEmail\n") == article);
  CHECK(boilerplate::LineEvidence::SplitGluedWords("RecipePrint Recipe") == "Recipe Print Recipe");
  // A name with a capital inside is no glued phrase list: it stays.
  const std::string names = "McDonald and iPhone sales rose in May\n\n";
  CHECK(B(names + article) == names + article);
}

TEST_CASE("boilerplate: download links and credits of free pictures are chrome") {
  const std::string article = kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n";
  CHECK(B(article + "\nPressemitteilung als PDF\n\nJahresbericht 2021 (PDF, 298KB)\n") == article);
  CHECK(B(kPara1 + "\n\nThe old harbour of the city in 1910 / public domain\n\n" + kPara2 + "\n\n" +
          kPara3 + "\n") == article);
  // A sentence about a PDF is the article's.
  const std::string sentence = "\nThe report is available as a PDF.\n";
  CHECK(B(article + sentence) == article + sentence);
}

TEST_CASE("boilerplate: a post's comment count heading ends the article") {
  const std::string article = kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n";
  const std::string comment =
      "\nGreat article, thanks for writing it. I will share it with my friends in Kabul.\n";
  for (const std::string heading :
       {"25 thoughts on “How to Grow a Lemon Tree”", "5 Antworten zu „Die Wahrheit“",
        "One response to Need for Speed", "3 Kommentare zu \"Grenzschließungen\""})
    CHECK(B(article + "\n" + heading + "\n" + comment) == article);
  const std::string sentence = "\n200 responses to the survey came in before the deadline.\n";
  CHECK(B(article + sentence) == article + sentence);
}

TEST_CASE("boilerplate: the author's box ends the article") {
  const std::string article = kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n";
  const std::string teaser =
      "\nScandinavia's Sami have been herding reindeer for generations, and then the miners "
      "arrived in "
      "the valleys with their trucks and their permits.\n";
  CHECK(B(article +
          "\nDallas Robinson\n\nDallas Robinson is a freelance writer living in Minneapolis.\n" +
          teaser) == article);
  CHECK(
      B(article + "\nLars Fischer\n\nLars Fischer ist Chemiker und Redakteur bei Spektrum.de.\n") ==
      article);
  // A person's name over a paragraph about them is the article's: no word says they write
  // for the site, or the name stands in apposition as news writes it.
  const std::string profile =
      "\nThe Doobie Brothers\n\nThe Doobie Brothers will unite with their former frontman for a "
      "tour of "
      "thirty cities next summer.\n";
  CHECK(B(article + profile) == article + profile);
  const std::string news =
      "\nMaria Ressa\n\nMaria Ressa, a journalist from the Philippines, won the prize for her "
      "reporting on "
      "the drug war.\n";
  CHECK(B(article + news) == article + news);
}

TEST_CASE(
    "boilerplate: a line that ends articles ends it also after chrome that stands inside "
    "articles") {
  const std::string article = kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n";
  const std::string teasers =
      "\nDeals\n\nApple recently launched the new headphones for $250, but surprisingly it is "
      "already possible "
      "to grab a pair for less at several shops in the city.\n";
  // "Related" also stands inside articles; the comment form after it ends this one.
  CHECK(B(article + "\nRelated\n\nLeave a Reply\n" + teasers) == article);
  // A paragraph between them is more of the page: the article is not closed before it.
  const std::string more =
      "\nRelated\n\n" + kPara1.substr(0, 120) + " and the talks went on for days.\n";
  CHECK(B(article + more + "\nLeave a Reply\n").find("the talks went on for days") !=
        std::string::npos);
}

TEST_CASE(
    "boilerplate: prose past a comment form or the site's footer is no more of the page's "
    "articles") {
  const std::string article = kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n";
  // Summaries of other stories, as long as half the article, after its comment form: a page
  // holds several articles only when nothing that ends articles stands between them.
  const std::string teasers =
      "\nSome people thought the stripy cattle in a Japanese pasture were a practical joke, but "
      "the science "
      "behind the camouflage is serious and the farmers are convinced.\n\nThe FBI is joining the "
      "investigation into recent incidents at the university, where students have protested for a "
      "week "
      "against the slow response of the administration.\n";
  CHECK(B(article + "\nLeave a Reply\n" + teasers) == article);
  CHECK(B(article + "\nNext Post: Tech Level course to help young mechanics\n") == article);
}

TEST_CASE("boilerplate: five paragraphs in a row are never all removed for where they stand") {
  // A menu whose entries carry blurbs reads as more prose than the article: the stage takes it
  // for the article, and the article after the menu's closing list for the page's foot. The
  // article's run of paragraphs stays all the same.
  const std::string blurb =
      "In this part of the site you will find the forms, guides and handbooks that the parishes of "
      "the "
      "region use for their everyday work, with notes on how to fill them in and whom to ask for "
      "help.";
  std::string page = "Home\n\nSearch\n\nContact\n\n";
  for (int i = 0; i < 16; ++i)
    page += "        Service" + std::to_string(i) + blurb + "\n\n        Office" +
            std::to_string(i) + "... open this page\n\n";
  page +=
      "More offers\n\n  \xE2\x80\xA2 Donate\n\n  \xE2\x80\xA2 Calendar\n\n  \xE2\x80\xA2 Press\n\n"
      "  \xE2\x80\xA2 Search\n\n";
  const std::string article =
      kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 +
      "\n\nThe synod also discussed the budget for the next two years, which foresees lower "
      "spending on "
      "buildings and more money for the work with young people in the cities.\n\nSeveral delegates "
      "asked "
      "for more support for the parishes in the countryside, where the distances are long and the "
      "congregations are small.\n";
  CHECK(B(page + article).find(article) != std::string::npos);
}

TEST_CASE("boilerplate: the third level of a nested list is a list too") {
  // Text dumps mark nested list items with • then □ then ☆: a list of other pages' titles at
  // the third level goes like one at the first.
  std::string in =
      kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 +
      "\n\nMore Great Stories From Us\n\n"
      "          \xE2\x98\x86 Chris Evans goes to Washington\n"
      "          \xE2\x98\x86 What Atlanta can teach tech about cultivating black talent\n"
      "          \xE2\x98\x86 The display of the future might be in your contact lens\n";
  CHECK(B(in) == kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n");
}

TEST_CASE("boilerplate: date lines in any language CLDR names months in") {
  // Polish writes the month in the genitive inside a date ("marca", not "marzec"); English
  // writes ordinals. A line of a month name and numbers is a dateline wherever it stands.
  for (std::string date : {"18 marca 2021", "Jun 18th 2018", "1er janvier 2020", "05. Februar 2020",
                           "martes, 3 de mayo de 2022"}) {
    INFO(date);
    CHECK(B(kPara1 + "\n\n" + date + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n") ==
          kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n");
  }
  // Abbreviations alone are no date ("So ma" is German and Dutch abbreviations, and words).
  std::string abbreviations = kPara1 + "\n\nSo ma\n\n" + kPara2 + "\n\n" + kPara3 + "\n";
  CHECK(B(abbreviations) == abbreviations);
}

TEST_CASE("boilerplate: repeated lines the article uses stay, the page's repeats go") {
  // An interview that asks each guest the same question; a shop's repeated call.
  std::string interview = "Five writers on the books that made them\n\n" + kPara1 + "\n\nAmina Wardak\n\n"
                          "What book changed your life?\n\n" + kPara2 + "\n\nJohn Miller\n\n"
                          "What book changed your life?\n\n" + kPara3 + "\n\n";
  CHECK(B(interview) == interview);
  std::string shop = kPara1 + "\n\nGet it on Amazon for $24.99 today\n\n" + kPara2 +
                     "\n\nGet it on Amazon for $24.99 today\n\n" + kPara3 + "\n";
  CHECK(B(shop) == shop);
  // A block printed twice back to back goes; so does the headline printed again in the article.
  std::string twice = "Taliban offer a truce to the government\n\n" + kPara1 + "\n\n" + kPara2 + "\n\n" + kPara2 +
                      "\n\nTaliban offer a truce to the government\n\n" + kPara3 + "\n";
  CHECK(B(twice) == "Taliban offer a truce to the government\n\n" + kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n");
}

TEST_CASE("boilerplate: a German page and a Spanish page") {
  std::string de1 =
      "Die Bundesregierung will die Zahl der Ladestationen für Elektroautos bis zum Ende des Jahrzehnts "
      "verdreifachen, wie das Verkehrsministerium am Dienstag in Berlin mitteilte.";
  std::string de2 =
      "Kritiker bemängeln, dass der Ausbau auf dem Land zu langsam vorankomme und die Preise an den "
      "Säulen für viele Fahrer noch immer nicht nachvollziehbar seien.";
  std::string de = "Zum Inhalt springen\nStartseite\nPolitik\nWirtschaft\nSport\n\nMehr Ladesäulen bis 2030\n\n" + de1 +
                   "\n\n" + de2 + "\n\nDas könnte Sie auch interessieren\n\nSchreibe einen Kommentar\n\n"
                   "Deine E-Mail-Adresse wird nicht veröffentlicht.\n\nImpressum\nDatenschutz\n";
  CHECK(B(de) == "Mehr Ladesäulen bis 2030\n\n" + de1 + "\n\n" + de2 + "\n");
  // The date the page was published, under its label, is no fact of the article.
  CHECK(B("Mehr Ladesäulen bis 2030\n\nPubliziert: 03.04.2020, 12:35\n\n" + de1 + "\n\n" + de2 +
          "\n") == "Mehr Ladesäulen bis 2030\n\n" + de1 + "\n\n" + de2 + "\n");
  std::string es1 =
      "El Gobierno aprobó este martes un plan para triplicar el número de puntos de recarga para coches "
      "eléctricos antes del final de la década, según informó el ministerio.";
  std::string es2 =
      "Los críticos señalan que la instalación en las zonas rurales avanza con demasiada lentitud y que los "
      "precios siguen sin ser claros para muchos conductores.";
  std::string es = "Ir al contenido\nInicio\nPolítica\nEconomía\nDeportes\n\nMás puntos de recarga en 2030\n\n" + es1 +
                   "\n\n" + es2 + "\n\nNoticias relacionadas\n\nDeja un comentario\n\nAviso legal\n"
                   "Política de privacidad\n";
  CHECK(B(es) == "Más puntos de recarga en 2030\n\n" + es1 + "\n\n" + es2 + "\n");
}

TEST_CASE("boilerplate: a language the stage cannot judge keeps its text") {
  // Icelandic has no stop-word list here: short lines between chrome stay, phrases still go.
  std::string is1 =
      "Ríkisstjórnin kynnti í dag nýja áætlun um uppbyggingu hleðslustöðva fyrir rafbíla um allt land á "
      "næstu árum og sagði hana mikilvæga fyrir orkuskiptin.";
  std::string in = "Privacy Policy\n\nStutt lína hér\n\nFacebook Twitter\n\n" + is1 + "\n";
  std::string out = B(in);
  CHECK(out.find("Stutt lína hér") != std::string::npos);
  CHECK(out.find(is1) != std::string::npos);
  CHECK(out.find("Privacy Policy") == std::string::npos);
}

TEST_CASE("boilerplate: a page whose removals would take most of its prose is left alone and flagged") {
  // An article about licences: every paragraph names Creative Commons, as licence lines do.
  const std::string cc1 =
      "Creative Commons licences let authors say in advance which uses of their work they allow, "
      "and more than two billion works now carry one, the foundation said.";
  const std::string cc2 =
      "Museums in Europe adopted Creative Commons licences for their online collections, so that "
      "teachers and students can reuse the images without asking each time.";
  const std::string cc3 =
      "Critics say that Creative Commons licences are too easy to misread, and that many users "
      "do not check which of the six licences applies to the work they copy.";
  std::string in = "Open licences come of age\n\n" + cc1 + "\n\n" + cc2 + "\n\n" + cc3 + "\n";
  auto pipeline = testing::MakePipeline("boilerplate");
  auto worker = pipeline->NewWorker();
  const CleanResult& r = worker->Clean(Document{"d", in, "", ""});
  CHECK(r.text == in);
  REQUIRE(r.flags.size() == 1);
  CHECK(pipeline->RuleId(r.flags[0]) == "doubtful-page");
  // A reader-comment thread is no article prose: removing it, however long, is no doubt.
  std::string thread = kPara1 + "\n\nLeave a Reply\n\njoe says:\n\n" + kPara2 + "\n\nann says:\n\n" + kPara3 + "\n";
  CHECK(B(thread) == kPara1 + "\n");
}

TEST_CASE(
    "boilerplate: teasers after the article's end may outweigh an article of a thousand "
    "characters") {
  // The article (five paragraphs, more than 1,000 characters) ends with a comment form; the
  // teasers after it hold more prose than it: they go, and the page is no doubt. A short
  // article with the same teasers is left alone: doubt keeps.
  const std::string article =
      kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n\n" + kPara1 + "\n\n" + kPara2 + "\n";
  std::string teasers;
  for (int k = 0; k < 8; ++k)
    teasers += "\nNovember " + std::to_string(k + 10) +
               ", 2019\n\nScientists in Japan say the stripes painted on cattle in " +
               "pasture number " + std::to_string(k) +
               " kept the biting flies away, and farmers there now want to " +
               "paint their whole herds.\n";
  CHECK(B(article + "\nLeave a Reply\n" + teasers) == article);
  const std::string short_page = kPara2 + "\n\n" + kPara3 + "\n\nLeave a Reply\n" + teasers;
  CHECK(B(short_page) == short_page);
}

// A cookie notice is a paragraph of legal prose, however long: it goes, and its length does
// not make the page look as if the stage took the article.
TEST_CASE("boilerplate: a long cookie notice goes, and is no article prose") {
  const std::string notice =
      "This website uses cookies to improve your experience while you navigate through the website. Out of "
      "these cookies, the cookies that are categorized as necessary are stored on your browser as they are "
      "essential for the working of basic functionalities of the website. We also use third-party cookies "
      "that help us analyze and understand how you use this website.";
  std::string notices = notice + "\n\n" + notice + "\n\n" + notice + "\n\n" + notice + "\n";
  CHECK(B(kPara1 + "\n\n" + notices) == kPara1 + "\n");
}

// A teaser's title written twice (a link's text and its image's) is another page's, however
// long: it goes, and its removal is no sign that the stage took the article.
TEST_CASE("boilerplate: a title written twice in one line is a teaser") {
  using mtclean::boilerplate::LineEvidence;
  CHECK(LineEvidence::DoubledText("3. Now 50% off, this turntable lets you jam out Now 50% off, this turntable lets you jam out"));
  CHECK(LineEvidence::DoubledText("dealer locatordealer locator"));
  CHECK_FALSE(LineEvidence::DoubledText("New York, New York"));  // too short a half
  CHECK_FALSE(LineEvidence::DoubledText(kPara1));
  CHECK_FALSE(LineEvidence::DoubledText("Talibn Talibn Talibn Talibn Talibn Talibn Talibn Talibn"));  // one word
  const std::string teasers =
      "Popular Shopping\n\n"
      " 1. The best Black Friday TV deals of 2019 for every room of the house The best Black Friday TV deals of 2019 for every room of the house\n"
      " 2. Slash an extra 15% off these early Black Friday sales on kitchen gadgets Slash an extra 15% off these early Black Friday sales on kitchen gadgets\n"
      " 3. Best Black Friday deals on mattresses and pillows in 2019, ranked by price Best Black Friday deals on mattresses and pillows in 2019, ranked by price\n";
  const std::string out = B(kPara1 + "\n\n" + kPara2 + "\n\n" + teasers);
  CHECK(out.find("Black Friday") == std::string::npos);
  CHECK(out.starts_with(kPara1 + "\n\n" + kPara2 + "\n"));
}

// After a line that ends articles, longer sentences are the page's (teasers' summaries,
// offers), however they stand together; a short sentence that closes an agency story stays.
TEST_CASE("boilerplate: after the article's closing line, only short sentences stay") {
  const std::string article =
      kPara1 + "\n\n" + kPara2 + "\n\nUP NEXT\n\nThunder: Host the Lakers on Friday.\n\nLakers: Visit the Thunder on Friday.\n\n";
  const std::string foot =
      "© 2019 Example Media Ltd. All Rights Reserved.\n\n"
      "Get our magazine delivered through your letterbox every month, twelve issues for the price of ten.\n\n"
      "Subscribers also receive our weekly newsletter with the best reviews and offers of the month.\n";
  const std::string out = B(article + foot);
  CHECK(out.find("Thunder: Host the Lakers on Friday.") != std::string::npos);
  CHECK(out.find("letterbox") == std::string::npos);
  CHECK(out.find("newsletter") == std::string::npos);
  CHECK(out.find(kPara2) != std::string::npos);
}

TEST_CASE("boilerplate: a removal below min_confidence is a flag") {
  std::string in = Page("", "", "Leave a Reply\n");
  auto pipeline = testing::MakePipeline("boilerplate min_confidence=1.01");
  auto worker = pipeline->NewWorker();
  const CleanResult& r = worker->Clean(Document{"d", in, "", ""});
  CHECK(r.text == in);
  REQUIRE_FALSE(r.flags.empty());
  for (const Edit& f : r.flags) CHECK(f.confidence <= 1.0f);
  // Every deletion carries its rule's measured precision, not one figure for all.
  auto plain = testing::MakePipeline("boilerplate");
  auto w2 = plain->NewWorker();
  const CleanResult& r2 = w2->Clean(Document{"d", in, "", ""});
  REQUIRE(r2.edits.size() == 1);
  CHECK(plain->RuleId(r2.edits[0]) == "comment-form");
  CHECK(r2.edits[0].confidence >= 0.9f);
}

}  // namespace
}  // namespace mtclean
