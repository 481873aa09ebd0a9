#include <catch2/catch.hpp>

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
