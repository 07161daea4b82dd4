import pytest

from languages.counting import count_words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("One two  three\nfour", 4),
        ("Don't stop — it's an e-mail, not 3.5 words.", 8),
        ("* … — !", 0),
        ("我爱北京。", 4),
        ("東京は晴れ。iPhone 15", 7),
        ("Ich heiße Anna und wohne in Köln.", 7),
        ("Привет, как дела?", 3),
        ("مرحبا بالعالم", 2),
        ("한국어 문장입니다", 2),
    ],
)
def test_it_counts_as_a_word_processor_and_cjk_by_character(text, words):
    assert count_words(text) == words
