"""Invisible and deceptive Unicode is refused where it was written; other text is published
in NFC (issue #9, class 6)."""

from __future__ import annotations

import json
import unicodedata

import pytest

from answer_center.load import load_bytes
from answer_center.model import published_text

PATH = "content/answers/t/x.yaml"

HIDDEN = {
    "\u200b": "a zero-width space",
    "\u200c": "a zero-width non-joiner",
    "\u200d": "a zero-width joiner outside an emoji",
    "\u2060": "a word joiner",
    "\ufeff": "a zero-width no-break space",
    "\u180e": "a Mongolian vowel separator",
    "\u200e": "a bidirectional mark",
    "\u200f": "a bidirectional mark",
    "\u061c": "a bidirectional mark",
    **{chr(c): "a bidirectional override" for c in range(0x202A, 0x202F)},
    **{chr(c): "a bidirectional isolate" for c in range(0x2066, 0x206A)},
    "\U000e0001": "a Unicode tag character",
    "\U000e0041": "a Unicode tag character",
    "\U000e007f": "a Unicode tag character",
    "\u2062": "an invisible operator",
}


def diagnostics(text: str) -> list[tuple[int, int, str, str]]:
    loaded = load_bytes(text.encode("utf-8"), PATH)
    return [(d.line, d.column, d.rule, d.text("en")) for d in loaded.diagnostics]


@pytest.mark.parametrize("char", sorted(HIDDEN), ids=[f"U+{ord(c):04X}" for c in sorted(HIDDEN)])
def test_a_hidden_character_is_refused_where_it_was_written(char: str) -> None:
    text = f"title: 标题\nshort_answer: sk-{char}abc 在这里\n"
    assert diagnostics(text) == [
        (
            2,
            18,
            "load/invisible-character",
            f"invisible character U+{ord(char):04X} ({HIDDEN[char]}) hides or reorders text: "
            "readers would not get what reviewers see; delete it",
        )
    ]


@pytest.mark.parametrize("escape", ["\\u200b", "\\u202e", "\\U000E0041", "\\u2066"])
def test_an_escape_that_makes_one_is_refused_at_its_value(escape: str) -> None:
    ((line, column, rule, message),) = diagnostics(f'title: 标题\nsummary: "a{escape}b"\n')
    assert (line, column, rule) == (2, 10, "load/invisible-character")
    assert message.startswith("an escape in this quoted text makes invisible character U+")
    assert message.endswith("; delete the escape")


def test_in_a_key_too() -> None:
    ((line, column, rule, _),) = diagnostics("title: 标题\nti\u200btle2: x\n")
    assert (line, column, rule) == (2, 3, "load/invisible-character")


@pytest.mark.parametrize("emoji", ["👨\u200d👩\u200d👧", "🏳️\u200d🌈", "👩🏽\u200d💻"])
def test_a_joiner_inside_an_emoji_sequence_stays(emoji: str) -> None:
    loaded = load_bytes(f"title: 家庭 {emoji}\n".encode(), PATH)
    assert loaded.diagnostics == ()


def test_a_soft_hyphen_is_left_to_the_gate() -> None:
    # Not refused: a legitimate hint for hyphenation; the sensitive-data gate reads through it.
    assert load_bytes("title: re\u00adset\n".encode(), PATH).diagnostics == ()


def test_published_text_is_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Café 限流 ｱ")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    data = {"a": [decomposed, {"b": decomposed}], "n": 3}
    assert published_text(data) == json.loads(
        json.dumps({"a": ["Café 限流 ｱ", {"b": "Café 限流 ｱ"}], "n": 3})
    )
