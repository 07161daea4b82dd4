import pytest

from languages.counting import count_words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("One two  three\nfour", 4),
        ("Don't stop — it's an e-mail, not 3.5 words.", 8),
        # Each measured with LibreOffice Writer 7.4, which counts as these say.
        ("* … — !", 3),  # a sign standing alone is a word, a dash is none
        ("pages 3–5, a—b", 5),  # dashes separate words
        ("des mots : il faut", 5),  # French spacing: ":" alone is a word
        ("Signed: ____________________", 2),
        ("- item\n# Title", 4),
        ("a\u00a0b a\u202fb a\u2009b a\u3000b", 8),  # spaces of every kind
        ("我爱北京。", 4),
        ("東京は晴れ。iPhone 15", 7),
        ("Ich heiße Anna und wohne in Köln.", 7),
        ("Привет, как дела?", 3),
        ("مرحبا بالعالم", 2),
        ("한국어 문장입니다", 2),  # by spaces, as translators count (LibreOffice: 8)
    ],
)
def test_it_counts_as_a_word_processor_and_cjk_by_character(text, words):
    assert count_words(text) == words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # Translators count no punctuation in Chinese and Japanese (LibreOffice counts each mark).
        ("一，二、三", 3),
        ("「です・ます」調", 5),
        ("（例：Freelance Commons）", 3),
        ("客服：support@example.com", 3),
        ("“中文”", 2),
        ("额定电压为220V。", 6),
        ("々〆〇", 3),  # letters among the CJK symbols
    ],
)
def test_chinese_and_japanese_punctuation_is_not_a_word(text, words):
    assert count_words(text) == words
