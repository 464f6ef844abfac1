"""The terms questions and answers are matched by: words, and Chinese character bigrams."""

from __future__ import annotations

from answer_center.terms import term_set, terms


def test_chinese_runs_become_overlapping_bigrams() -> None:
    assert terms("429 限流提示") == ["429", "限流", "流提", "提示"]


def test_a_chinese_word_of_two_characters_matches_inside_a_longer_text() -> None:
    assert "限流" in term_set("AI API stream 中断、429 限流或超时应该怎么排查?")


def test_latin_words_are_lowercased_and_split_at_punctuation() -> None:
    assert terms("Stream=true, base_url") == ["stream", "true", "base", "url"]


def test_full_width_text_matches_its_ascii_form() -> None:
    assert terms("ＳＴＲＥＡＭ ４２９") == ["stream", "429"]


def test_a_lone_ideograph_is_a_term() -> None:
    assert terms("甲 乙丙") == ["甲", "乙丙"]


def test_text_without_words_has_no_terms() -> None:
    assert terms("?!、—— …") == []
