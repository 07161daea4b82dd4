"""How words are counted, written once: for a quote's price, the page that explains it and the
API.

- Text in Chinese or Japanese (Han ideographs, hiragana, katakana) is written without spaces
  between words, so each of its characters counts as one word, as translators count it and as
  word processors report it ("East Asian characters").
- Everything else counts as words separated by spaces, as a word processor counts: "don't",
  "e-mail", "3.5" and "www.example.org" are one word each.
- A run of punctuation alone ("—", "*", "…") is not a word.
"""

import re

# Han (with the extensions and compatibility ideographs), hiragana, katakana (and its
# half-width forms): a word each.
_CJK = (
    "\u3040-\u30ff"  # hiragana, katakana
    "\u3400-\u4dbf"  # Han, extension A
    "\u4e00-\u9fff"  # Han
    "\uf900-\ufaff"  # Han compatibility
    "\uff66-\uff9f"  # half-width katakana
    "\U00020000-\U0002fa1f"  # Han, extensions B and on
)
CJK_CHARACTER = re.compile(f"[{_CJK}]")
_OTHER_WORD = re.compile(rf"[^\s{_CJK}]+")

RULE = (
    "Words are counted as a word processor counts them: words separated by spaces, where "
    "“don’t” or “e-mail” is one word and punctuation alone is none; in Chinese and Japanese, "
    "which are written without spaces, each character counts as one word, as translators "
    "count them."
)


def count_words(text: str) -> int:
    """The number of words in `text` by the rule above (RULE says it for people)."""
    cjk = len(CJK_CHARACTER.findall(text))
    others = sum(1 for run in _OTHER_WORD.findall(text) if any(c.isalnum() for c in run))
    return cjk + others
