"""How words are counted, written once: for a quote's price, the page that explains it and the
API. The rule is a word processor's (LibreOffice Writer's, measured on the documents of
tests/engagements/corpus), except for the punctuation of Chinese and Japanese:

- Text written with spaces counts what stands between spaces as one word, as a word processor
  counts: "don't", "e-mail", "3.5" and "www.example.org" are one word each, and so is a sign
  standing alone ("*", "&", "-", "«", a list's bullet or a French " : "). Dashes ("—", "–")
  separate words and are none (LibreOffice's "additional separators").
- Text in Chinese or Japanese (Han ideographs, hiragana, katakana) is written without spaces
  between words, so each of its characters counts as one word, as translators count it and as
  word processors report it. Its punctuation ("。", "、", "「」", "（）", "・") is not a word,
  as translators count it; LibreOffice counts each mark as a word too, the one difference
  (tests/engagements/test_word_counts.py measures it). Nor is other punctuation that only
  touches such characters (the quotes of “中文”).
- Korean is written with spaces and counted by them, as translators count it (LibreOffice
  counts each Hangul syllable).
"""

import re
import unicodedata

# Han (with the extensions and compatibility ideographs), hiragana, katakana (and its
# half-width forms), and the few letters and numbers among CJK symbols (々, 〆, 〇): a word
# each. Not the punctuation among them (゠, ・, ｡, ｢, ｣, ､, ･).
_CJK = (
    "\u3005-\u3007"  # 々 〆 〇
    "\u3021-\u3029"  # Hangzhou numerals
    "\u3031-\u3035"  # kana repeat marks
    "\u3038-\u303c"  # 〸 〹 〺 〻 〼
    "\u3041-\u309f"  # hiragana
    "\u30a1-\u30fa"  # katakana
    "\u30fc-\u30ff"  # ー ヽ ヾ ヿ
    "\u3400-\u4dbf"  # Han, extension A
    "\u4e00-\u9fff"  # Han
    "\uf900-\ufaff"  # Han compatibility
    "\uff66-\uff9f"  # half-width katakana
    "\U00020000-\U0002fa1f"  # Han, extensions B and on
)
CJK_CHARACTER = re.compile(f"[{_CJK}]")
# The punctuation and symbols of Chinese and Japanese: CJK symbols and punctuation, ゠ and ・,
# vertical and compatibility forms, full-width punctuation (not its letters and digits) and
# half-width CJK punctuation.
_CJK_BLOCKS = ((0x3000, 0x303F), (0x30A0, 0x30A0), (0x30FB, 0x30FB), (0xFE10, 0xFE1F))
_CJK_BLOCKS += ((0xFE30, 0xFE4F), (0xFF01, 0xFF65))
_CJK_PUNCTUATION = "".join(
    re.escape(chr(code))
    for start, end in _CJK_BLOCKS
    for code in range(start, end + 1)
    if unicodedata.category(chr(code))[0] in "PS"
)
CJK_PUNCTUATION = re.compile(f"[{_CJK_PUNCTUATION}]")
# What separates words: spaces of every kind, and dashes.
_SEPARATOR = re.compile(r"[\s\u2013\u2014]+")
_OTHER_RUN = re.compile(f"[^{_CJK}{_CJK_PUNCTUATION}]+")

RULE = (
    "Words are counted as a word processor counts them: what stands between spaces is one "
    "word, so “don’t”, “e-mail” or “3.5” is one word, and so is a sign standing alone, such "
    "as “*” or “&”; dashes (— and –) separate words and are none. In Chinese and Japanese, "
    "which are written without spaces, each character counts as one word and punctuation as "
    "none, as translators count them (a word processor counts each punctuation mark too)."
)


def count_words(text: str) -> int:
    """The number of words in `text` by the rule above (RULE says it for people)."""
    words = 0
    for token in _SEPARATOR.split(text):
        if not token:
            continue
        if not (CJK_CHARACTER.search(token) or CJK_PUNCTUATION.search(token)):
            words += 1
            continue
        words += len(CJK_CHARACTER.findall(token))
        words += sum(1 for run in _OTHER_RUN.findall(token) if any(c.isalnum() for c in run))
    return words
