#include <catch2/catch.hpp>

#include <fstream>

#include "stages/unicode/mojibake.h"
#include "tests/test_support.h"

namespace mtclean {
namespace {

using testing::Clean;

std::string U(const std::string& s) { return Clean("unicode", s); }

TEST_CASE("unicode: invalid UTF-8 is repaired, never passed on") {
  CHECK(U("caf\xE9 au lait") == "café au lait");            // a lone Latin-1 byte
  CHECK(U("a\xE2\x80 b") == "a\xEF\xBF\xBD b");              // a truncated sequence -> U+FFFD
  CHECK(U("\xC0\xAF") == "\xC3\x80\xC2\xAF");                // overlong '/': each byte read as 1252
  CHECK(U("x\xED\xA0\x80y").find("\xEF\xBF\xBD") != std::string::npos);  // a surrogate
  CHECK(U("\x81") == "\xEF\xBF\xBD");                        // undefined in Windows-1252
}

TEST_CASE("unicode: mojibake of the common kinds is repaired") {
  CHECK(U("JosÃ© said") == "José said");
  CHECK(U("The Talibanâ€™s advance") == "The Taliban’s advance");
  CHECK(U("â€œWe willâ€\xC2\x9d") == "“We will”");          // ” via Latin-1 C1 control
  CHECK(U("the Ã‰lysÃ©e") == "the Élysée");
  CHECK(U("SÃ£o Paulo") == "São Paulo");
  CHECK(U("ZoÃ« said") == "Zoë said");
  CHECK(U("ÃƒÂ©tÃƒÂ©") == "été");                            // encoded twice
  CHECK(U("ÐŸÑ€Ð¸Ð²ÐµÑ‚") == "Привет");                    // Cyrillic
  CHECK(U("Ù…Ø±Ø­Ø¨Ø§") == "مرحبا");                          // Arabic
  CHECK(U("10Â\xC2\xA0km") == "10 km");                    // "Â" + no-break space -> space
}

// Mis-decodings made with Python's codecs from real words (see bench/mojibake_eval.py for
// the corpus of thousands).
TEST_CASE("unicode: mojibake through other code pages is repaired") {
  CHECK(U("Les g√¢teaux de No√´l") == "Les gâteaux de Noël");                // MacRoman
  CHECK(U("РїРѕ РґРѕСЂРѕРіРµ РґРѕРјРѕР№") == "по дороге домой");              // Windows-1251
  CHECK(U("×‘×™×Ş ×”×ˇ×¤×¨") == "בית הספר");                                  // Windows-1250
  CHECK(U("Ů…Ř±Ř\xC2\xAD" "Ř¨Ř§ Ř¨Ů\xC2\x83" "Ů…") == "مرحبا بكم");          // Windows-1250
  CHECK(U("El ni├▒o comi├│") == "El niño comió");                             // DOS 437
  CHECK(U("п°п╬я│п╨п╡п╟") == "Москва");                                       // KOI8-R
  CHECK(U("Ξ‘ΞΈΞ®Ξ½Ξ±") == "Αθήνα");                                           // Windows-1253
}

TEST_CASE("unicode: double mojibake, lost bytes and CESU-8") {
  // UTF-8 read as Windows-1251, saved, read as Windows-1252.
  CHECK(U("Ð\xC2\xA0" "ÑŸÐ¡Ð‚Ð\xC2\xA0" "Ñ‘Ð\xC2\xA0" "Ð†Ð\xC2\xA0" "ÂµÐ¡â€š, Ð\xC2\xA0"
          "Ñ˜Ð\xC2\xA0" "Ñ‘Ð¡Ð‚") == "Привет, мир");
  // The no-break space of "Р" became a space; the undefined byte of "с" became U+FFFD,
  // where any of "с", "э", "я" fits: the replacement character stays for each.
  CHECK(U("Ð ÑƒÑ\xEF\xBF\xBD" "Ñ\xEF\xBF\xBD" "ÐºÐ¸Ð¹") == "Ру\xEF\xBF\xBD\xEF\xBF\xBD" "кий");
  // "”" lost its last byte; of the characters it could have been only "”" is common.
  CHECK(U("He said â€œyesâ€\xEF\xBF\xBD and left") == "He said “yes” and left");
  // An "à" whose no-break space became a space, before the space of the next word.
  CHECK(U("voilÃ  le travail") == "voilà le travail");
  CHECK(U("HoÃ n") == "HoÃ n");  // "Hoàn" or "Hoà n": left as it is
  // An emoji written as a CESU-8 surrogate pair, raw and mis-decoded.
  CHECK(U("smile \xED\xA0\xBD\xED\xB8\x80!") == "smile 😀!");
  CHECK(U("smile í\xC2\xA0" "½í¸€!") == "smile 😀!");
  CHECK(U("smile í ½í¸€!") == "smile 😀!");
}

TEST_CASE("unicode: an ambiguous mis-decoding is flagged, not changed") {
  // "Å¯" is "ů" through Windows-1252 and "ŝ" through Windows-1257.
  auto pipeline = testing::MakePipeline("unicode");
  auto worker = pipeline->NewWorker();
  const CleanResult& r = worker->Clean({"d", "webÅ¯", "", ""});
  CHECK(r.text == "webÅ¯");
  REQUIRE(r.flags.size() == 1);
  CHECK(pipeline->RuleId(r.flags[0]) == "mojibake-ambiguous");
  // Once the document's other repairs went through Windows-1252, that settles it.
  CHECK(U("PÅ™Ã­spÄ›vky webÅ¯") == "Příspěvky webů");
}

TEST_CASE("unicode: HTML character references in text, not in markup") {
  CHECK(U("AT&amp;T said &#8220;no&#8221; &eacute;t&eacute; &#x2019;") == "AT&T said “no” été ’");
  CHECK(U("it&#146;s") == "it’s");                       // 128..159 mean Windows-1252
  CHECK(U("a &bogus; b &amp c &#0; d") == "a &bogus; b &amp c &#0; d");
  CHECK(U("<p>AT&amp;T</p>") == "<p>AT&amp;T</p>");        // markup keeps its references
}

TEST_CASE("unicode: correct text that looks like mojibake stays") {
  CHECK(U("Charlotte Brontë…” wrote") == "Charlotte Brontë…” wrote");
  CHECK(U("The AHÅ™ adapter") == "The AHÅ™ adapter");
  CHECK(U("SELKÄ\xC2\xA0" "EDELLÄ") == "SELKÄ EDELLÄ");       // the no-break space only becomes a space
  CHECK(U("the Ã’s on the board") == "the Ã’s on the board");
  // Every line of the fixture: no edit by a mojibake rule.
  std::ifstream in(MTCLEAN_SOURCE_DIR "/tests/fixtures/unicode/correct_text.txt");
  REQUIRE(in);
  auto pipeline = testing::MakePipeline("unicode");
  auto worker = pipeline->NewWorker();
  std::string line;
  int lines = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    ++lines;
    const CleanResult& r = worker->Clean({"d", line, "", ""});
    for (const Edit& e : r.edits) {
      std::string rule(pipeline->RuleId(e));
      INFO(line);
      CHECK(rule.find("mojibake") == std::string::npos);
      CHECK(rule != "lossy-utf8");
    }
    CHECK(r.flags.empty());
  }
  CHECK(lines > 50);
}

TEST_CASE("unicode: correct text is never changed") {
  const char* clean[] = {
      "São Paulo, Zürich, Kraków, Dvořák, Ærøskøbing, façade, naïve, Citroën",
      "“NÃO”, disse ele.",                 // Portuguese capitals before a closing quote
      "JOSÉ’s speech; CAFÉ» and ÉTÉ”",      // capitals before quotes
      "Fuß“ „Straße“",                     // German quotes after ß
      "Ελληνικά, Русский, עברית, العربية, 中文, 日本語, 한국어",
      "Ǆ ǅ ǆ ɒ ʃ ə — IPA and digraphs",
      "price: 5 € or £4; © 2021 ® ™ ° ± ½",
      "emoji 👩‍👩‍👧 and family",           // zero-width joiners inside emoji
      "فارسی‌زبان",                        // ZWNJ in Persian
      "The Taliban’s “eternal war” — 6:30 p.m.\n\nNext paragraph.\n",
      "tab\tseparated\tvalues\n",
      "  • indented bullet\n",
  };
  for (const char* text : clean) {
    INFO(text);
    CHECK(U(text) == text);
  }
}

TEST_CASE("unicode: characters are normalised") {
  CHECK(U("Jose\xCC\x81") == "José");                       // NFC
  CHECK(U(std::string("a\0b\7c", 5)) == "abc");              // controls
  CHECK(U("Ka\xE2\x80\x8B" "bul") == "Kabul");               // zero-width space
  CHECK(U("\xEF\xBB\xBFtext") == "text");                    // byte-order mark
  CHECK(U("infor\xC2\xAD" "mation") == "information");        // soft hyphen
  CHECK(U("10\xC2\xA0km and 5\xE2\x80\xAFkg") == "10 km and 5 kg");
  CHECK(U("it\xC2\x92s") == "it’s");                         // a Windows-1252 quote read as C1
}

TEST_CASE("unicode: lines and spaces") {
  CHECK(U("a\r\nb\rc") == "a\nb\nc");
  CHECK(U("a\xE2\x80\xA8" "b") == "a\nb");
  CHECK(U("the  city   fell") == "the city fell");
  CHECK(U("end.   \nnext") == "end.\nnext");
  CHECK(U("a\n\n\n\n\nb") == "a\n\nb");
  CHECK(U("a\n  \n \n\nb") == "a\n\nb");
  CHECK(U("\n\n  \ntext\n\n\n") == "text\n");
  CHECK(U("a \xE2\x80\x8B b") == "a b");                     // a run with an invisible inside
  CHECK(U("") == "");
  CHECK(Clean("unicode max_blank_lines=-1", "a\n\n\n\nb") == "a\n\n\n\nb");
  CHECK(Clean("unicode collapse_spaces=false", "a  b") == "a  b");
}

TEST_CASE("unicode: curly quotes are kept unless folding is asked for") {
  CHECK(U("“it’s”") == "“it’s”");
  CHECK(Clean("unicode fold_quotes=true", "“it’s” ‘x’") == "\"it's\" 'x'");
}

TEST_CASE("mojibake: code page tables come from ICU's converters") {
  using mojibake::CodePage;
  CHECK(mojibake::EncodeByte(CodePage::kCp1252, 0x2019) == 0x92);
  CHECK(mojibake::EncodeByte(CodePage::kCp1252, 0xE9) == 0xE9);
  CHECK(mojibake::EncodeByte(CodePage::kCp1252, 0x81) == 0x81);   // undefined: read as C1
  CHECK(mojibake::EncodeByte(CodePage::kCp1252, 0x4E2D) == 0);
  CHECK(mojibake::EncodeByte(CodePage::kCp1251, 0x0440) == 0xF0);  // р
  CHECK(mojibake::EncodeByte(CodePage::kMacRoman, 0x221A) == 0xC3);  // √
  CHECK(mojibake::EncodeByte(CodePage::kKoi8R, 0x2500) == 0x80);  // ─
  CHECK(mojibake::DecodeByte(CodePage::kCp437, 0xC3) == 0x251C);  // ├
  CHECK(mojibake::Cp1252ToUnicode(0x80) == 0x20AC);
  CHECK(mojibake::Cp1252ToUnicode(0x81) == -1);
}

}  // namespace
}  // namespace mtclean
