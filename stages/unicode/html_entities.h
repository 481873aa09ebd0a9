// HTML character references left in text ("&amp;", "&#8217;", "&eacute;"): scraped text
// often keeps them when a page's text was taken without unescaping it. Names come from the
// HTML5 list (generated at build time from Python's html.entities); numeric references
// 128..159 mean Windows-1252 characters, as HTML5 says.
#ifndef MTCLEAN_STAGES_UNICODE_HTML_ENTITIES_H_
#define MTCLEAN_STAGES_UNICODE_HTML_ENTITIES_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace mtclean::html {

// The character reference starting at s[pos] (which is '&'): returns its length and sets
// *value to its UTF-8 text, or returns 0 when there is none (no semicolon, unknown name,
// a control character or a code point that is not a character).
size_t DecodeEntity(std::string_view s, size_t pos, std::string* value);

// Whether the document is markup rather than text (it has closing tags or <br>), where
// references are the markup's business and stay as they are.
bool LooksLikeMarkup(std::string_view doc);

}  // namespace mtclean::html

#endif  // MTCLEAN_STAGES_UNICODE_HTML_ENTITIES_H_
