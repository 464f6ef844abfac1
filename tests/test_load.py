"""The strict YAML loader: every pitfall of issue 2, with exact positions."""

from __future__ import annotations

import pickle
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from answer_center import content as content_module
from answer_center.content import read_content
from answer_center.diagnostics import Diagnostic
from answer_center.load import (
    DEFAULT_LIMITS,
    Document,
    Limits,
    Position,
    load_bytes,
    load_file,
)


def loaded(text: str | bytes, limits: Limits = DEFAULT_LIMITS) -> Document:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    result = load_bytes(raw, "entry.yaml", limits)
    assert result.diagnostics == (), result.diagnostics
    assert result.document is not None
    return result.document


def rejected(text: str | bytes, limits: Limits = DEFAULT_LIMITS) -> Diagnostic:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    result = load_bytes(raw, "entry.yaml", limits)
    assert result.document is None
    assert len(result.diagnostics) == 1
    return result.diagnostics[0]


def where(diagnostic: Diagnostic) -> tuple[int, int, str]:
    return diagnostic.line, diagnostic.column, diagnostic.rule


# --- duplicate keys ------------------------------------------------------------------------------


def test_duplicate_key_names_both_lines_and_points_at_the_second() -> None:
    found = rejected("id: a\ntitle: x\nid: b\n")
    assert where(found) == (3, 1, "yaml/duplicate-key")
    assert found.text("en") == "duplicate key 'id' at line 1 and line 3; keep one"


def test_duplicate_key_in_a_nested_mapping() -> None:
    found = rejected("handoff:\n  owner: a\n  symptom: b\n  owner: c\n")
    assert where(found) == (4, 3, "yaml/duplicate-key")
    assert "line 2 and line 4" in found.text("en")


def test_duplicate_key_on_one_line_names_both_columns() -> None:
    found = rejected("a: {x: 1, x: 2}\n")
    assert where(found) == (1, 11, "yaml/duplicate-key")
    assert found.text("en") == "duplicate key 'x' at line 1, columns 5 and 11; keep one"


def test_same_key_in_sibling_mappings_is_fine() -> None:
    document = loaded("cases:\n  - name: a\n  - name: b\n")
    assert document.data == {"cases": [{"name": "a"}, {"name": "b"}]}


# --- anchors, aliases, tags ----------------------------------------------------------------------


def test_anchor_is_rejected_at_the_anchor() -> None:
    found = rejected("title: &t 问题\nsummary: x\n")
    assert where(found) == (1, 8, "yaml/anchor")
    assert found.text("en") == (
        "a value starting with & is read as an anchor (&t): if it is text, put the whole "
        "value in quotes; anchors are not allowed, write each value out in full"
    )


def test_alias_is_rejected_at_the_alias() -> None:
    found = rejected("title: x\nsummary: *t\n")
    assert where(found) == (2, 10, "yaml/alias")
    assert "read as an alias (*t)" in found.text("en")
    assert found.text("zh-CN").startswith("以“*”开头的值被 YAML 读成了别名（*t）")


def test_anchor_on_a_key_and_alias_as_a_key_are_rejected() -> None:
    assert where(rejected("&k a: 1\n")) == (1, 1, "yaml/anchor")
    assert where(rejected("*k : 1\n")) == (1, 1, "yaml/alias")


def test_billion_laughs_is_rejected_fast() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    start = time.perf_counter()
    found = rejected("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 0.5
    assert where(found) == (1, 5, "yaml/anchor")


@pytest.mark.parametrize(
    ("text", "column", "tag"),
    [
        ("a: !!str 1\n", 4, "tag:yaml.org,2002:str"),
        ("a: !custom x\n", 4, "!custom"),
        ("a: !!python/object:os.system x\n", 4, "tag:yaml.org,2002:python/object:os.system"),
        ("a: !!map {}\n", 4, "tag:yaml.org,2002:map"),
        ("!!str a: 1\n", 1, "tag:yaml.org,2002:str"),
    ],
)
def test_explicit_tags_are_rejected(text: str, column: int, tag: str) -> None:
    found = rejected(text)
    assert where(found) == (1, column, "yaml/tag")
    assert found.text("en") == (
        f"a value starting with ! is read as a tag ({tag}): if it is text, put the whole value "
        "in quotes; otherwise remove the tag and write a plain value"
    )


def test_complex_key_is_rejected() -> None:
    found = rejected("? [a, b]\n: 1\n")
    assert where(found) == (1, 3, "yaml/complex-key")


# --- scalars stay as written ---------------------------------------------------------------------


def test_yes_no_on_off_stay_strings() -> None:
    document = loaded("a: yes\nb: no\nc: on\nd: off\ne: y\nf: n\ng: Yes\nh: OFF\n")
    assert document.data == {
        "a": "yes",
        "b": "no",
        "c": "on",
        "d": "off",
        "e": "y",
        "f": "n",
        "g": "Yes",
        "h": "OFF",
    }


def test_only_true_and_false_are_booleans() -> None:
    document = loaded("a: true\nb: false\nc: True\nd: FALSE\ne: 'true'\nf: \"false\"\n")
    assert document.data == {
        "a": True,
        "b": False,
        "c": True,
        "d": False,
        "e": "true",
        "f": "false",
    }


def test_dates_and_times_stay_as_written() -> None:
    document = loaded("published: 2026-03-02\nat: 1:30\nstamp: 2026-03-02T10:00:00Z\n")
    assert document.data == {
        "published": "2026-03-02",
        "at": "1:30",
        "stamp": "2026-03-02T10:00:00Z",
    }


def test_numbers_that_are_not_whole_stay_text() -> None:
    document = loaded("v: 1.10\nf: 3.5\no: 0o17\nx: 0x1f\ne: 1e3\ni: .inf\nz: 012\n")
    assert document.data == {
        "v": "1.10",
        "f": "3.5",
        "o": "0o17",
        "x": "0x1f",
        "e": "1e3",
        "i": ".inf",
        "z": "012",
    }


def test_whole_numbers_and_null() -> None:
    document = loaded("a: 42\nb: -3\nc: 0\nd: null\ne: ~\nf:\ng: '42'\n")
    assert document.data == {"a": 42, "b": -3, "c": 0, "d": None, "e": None, "f": None, "g": "42"}


def test_huge_whole_number_stays_text_instead_of_crashing() -> None:
    digits = "9" * 5000  # int() refuses more than 4,300 digits
    assert loaded(f"a: {digits}\n").data == {"a": digits}


def test_keys_are_always_text() -> None:
    assert loaded("1: a\ntrue: b\n~: c\n").data == {"1": "a", "true": "b", "~": "c"}


# --- text-level problems -------------------------------------------------------------------------


def test_tab_in_indentation() -> None:
    found = rejected("handoff:\n  owner: a\n\tsymptom: b\n")
    assert where(found) == (3, 1, "load/tab")
    assert found.text("en") == "tab character in indentation; indent with spaces"


def test_tab_after_spaces_is_pointed_at() -> None:
    assert where(rejected("a:\n  \tb: 1\n")) == (2, 3, "load/tab")


def test_tab_inside_a_value_is_kept() -> None:
    assert loaded("a: x\ty\n").data == {"a": "x\ty"}


def test_byte_order_mark() -> None:
    found = rejected(b"\xef\xbb\xbfid: a\n")
    assert where(found) == (1, 1, "load/bom")
    assert "byte-order mark" in found.text("en")
    assert "without BOM" in found.text("en")


def test_invalid_utf8_points_at_the_bad_byte_in_characters() -> None:
    found = rejected("id: a\ntitle: 中文".encode() + b"\xff\n")
    # "title: " is 7 characters, "中文" 2 more: the bad byte is the 10th character.
    assert where(found) == (2, 10, "load/encoding")
    assert found.text("en") == "invalid UTF-8 (byte 0xff); save the file as UTF-8"


def test_latin1_file_is_invalid_utf8() -> None:
    found = rejected("id: a\ntitle: café\n".encode("latin-1"))
    assert where(found) == (2, 11, "load/encoding")
    assert "byte 0xe9" in found.text("en")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "file is empty; write the entry or delete the file"),
        ("  \n\n", "file is empty; write the entry or delete the file"),
        ("# only a comment\n", "file holds only comments; write the entry or delete the file"),
        ("---\n", "file holds no entry; write the entry or delete the file"),
    ],
)
def test_empty_file(text: str, message: str) -> None:
    found = rejected(text)
    assert where(found) == (1, 1, "load/empty")
    assert found.text("en") == message


def test_nul_byte() -> None:
    assert where(rejected(b"id: a\ntitle: x\x00\n")) == (2, 9, "load/binary")


def test_control_character_is_positioned() -> None:
    found = rejected("id: a\ntitle: 中文\x07\n")
    assert where(found) == (2, 10, "load/control-character")
    assert "U+0007" in found.text("en")


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_unicode_line_separators_are_rejected(separator: str) -> None:
    # libyaml breaks lines there but editors do not: every later position would be wrong.
    found = rejected(f"id: a\ntitle: 中{separator}文\n")
    assert where(found) == (2, 9, "load/line-separator")
    assert f"U+{ord(separator):04X}" in found.text("en")


# --- sizes and shapes ----------------------------------------------------------------------------


def test_over_the_size_limit_in_memory() -> None:
    found = rejected("id: abc\n", Limits(max_file_bytes=4))
    assert where(found) == (1, 1, "load/too-large")
    assert found.text("en") == (
        "file is 8 bytes, over the limit of 4; split it or move long material into a guide"
    )


def test_over_the_size_limit_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("id: big\nbody: " + "长" * 700_000 + "\n", encoding="utf-8")  # ~2.1 MB
    start = time.perf_counter()
    result = load_file(path, "content/big.yaml")
    assert time.perf_counter() - start < 0.5
    assert result.document is None
    (found,) = result.diagnostics
    assert (found.path, *where(found)) == ("content/big.yaml", 1, 1, "load/too-large")
    assert found.text("en").startswith("file is 2,100,015 bytes, over the limit of 1,000,000;")


def test_small_limit_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "small.yaml"
    path.write_text("id: small\n", encoding="utf-8")
    assert load_file(path, "x", Limits(max_file_bytes=9)).diagnostics[0].rule == "load/too-large"
    assert load_file(path, "x", Limits(max_file_bytes=10)).diagnostics == ()


def test_unreadable_file(tmp_path: Path) -> None:
    (found,) = load_file(tmp_path / "missing.yaml", "content/missing.yaml").diagnostics
    assert where(found) == (1, 1, "load/unreadable")
    assert "No such file or directory" in found.text("en")


def test_list_instead_of_a_mapping() -> None:
    found = rejected("- id: a\n- id: b\n")
    assert where(found) == (1, 1, "load/not-a-mapping")
    assert found.text("en") == "the file holds a list; an entry is a mapping of keys like `id: ...`"


def test_single_value_instead_of_a_mapping() -> None:
    found = rejected("# note\njust text\n")
    assert where(found) == (2, 1, "load/not-a-mapping")
    assert "the file holds a single value" in found.text("en")


def test_multiple_documents() -> None:
    found = rejected("id: a\n---\nid: b\n")
    assert where(found) == (2, 1, "load/multiple-documents")
    assert found.text("en") == "a second YAML document (---) in one file; write one entry per file"


def test_leading_document_marker_is_fine() -> None:
    assert loaded("---\nid: a\n...\n").data == {"id": "a"}


def test_deep_nesting_over_the_limit() -> None:
    found = rejected("a:\n  b:\n    c:\n      d: 1\n", Limits(max_depth=3))
    assert where(found) == (4, 10, "load/too-deep")
    assert found.text("en") == "nested more than 3 levels deep; flatten the structure"
    assert loaded("a:\n  b:\n    c: 1\n", Limits(max_depth=3)).data == {"a": {"b": {"c": 1}}}


def test_deep_flow_nesting_under_the_default_limit() -> None:
    assert where(rejected("a: " + "[" * 100 + "]" * 100 + "\n")) == (1, 28, "load/too-deep")
    # libyaml stops at 1,000 levels while it scans ahead, before any event reaches us; the
    # limit is still reported where it is passed, for lists and mappings alike.
    found = rejected("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert where(found) == (1, 28, "load/too-deep")
    assert found.text("en") == "nested more than 24 levels deep; flatten the structure"
    found = rejected("id: x\nnotes: " + "{a: " * 2000 + "1" + "}" * 2000 + "\n")
    assert where(found) == (2, 104, "load/too-deep")


def test_too_long_string() -> None:
    found = rejected("id: a\ntitle: 一二三四五六七八九十一\n", Limits(max_string_chars=10))
    assert where(found) == (2, 8, "load/string-too-long")
    assert found.text("en") == "text of 11 characters, over the limit of 10; shorten it or split it"
    assert loaded("title: 一二三四五六七八九十\n", Limits(max_string_chars=10))


def test_too_many_values() -> None:
    # The root mapping, the list and its three items are five values; `4` is the sixth.
    found = rejected("a: [1, 2, 3]\nb: 4\n", Limits(max_nodes=5))
    assert where(found) == (2, 4, "load/too-many-nodes")


def test_syntax_error_is_positioned_with_a_hint() -> None:
    found = rejected("id: a\ntitle: 问题: 怎么办\n")
    assert where(found) == (2, 10, "yaml/syntax")
    assert found.text("en") == (
        "this value holds ': ' (a colon and a space), which YAML reads as the start of another "
        "key: put the whole value in quotes, or write the colon as a full-width '：'"
    )


# --- positions -----------------------------------------------------------------------------------


def test_chinese_text_columns_count_characters() -> None:
    found = rejected("标题: 中文中文 说明: 一\n")
    # "标题: " is 4 characters, "中文中文 " 5 more, "说明" 2 more: the second ':' is the 12th.
    assert where(found) == (1, 12, "yaml/syntax")


def test_emoji_count_as_one_character() -> None:
    assert where(rejected("a: 😀😀 b: c\n")) == (1, 8, "yaml/syntax")


def test_every_value_and_key_keeps_its_position() -> None:
    document = loaded(
        "标题: 中文\n"
        "evidence_fields:\n"
        "  - field: 请求时间\n"
        "    note: 写明时区。\n"
        "tags: [stream, 限流]\n"
    )
    assert document.value_position(("标题",)) == Position(1, 5)
    assert document.key_position(("标题",)) == Position(1, 1)
    assert document.value_position(("evidence_fields",)) == Position(3, 3)
    assert document.value_position(("evidence_fields", 0)) == Position(3, 5)
    assert document.key_position(("evidence_fields", 0)) == Position(3, 5)
    assert document.key_position(("evidence_fields", 0, "note")) == Position(4, 5)
    assert document.value_position(("evidence_fields", 0, "note")) == Position(4, 11)
    assert document.value_position(("tags", 1)) == Position(5, 16)
    # A location that was never written falls back to its nearest written ancestor.
    assert document.value_position(("evidence_fields", 0, "missing")) == Position(3, 5)
    assert document.value_position(("nothing",)) == Position(1, 1)


def test_block_scalar_position_is_its_indicator() -> None:
    document = loaded("id: a\nshort_answer: >-\n  第一行\n  第二行\n")
    assert document.data["short_answer"] == "第一行 第二行"
    assert document.value_position(("short_answer",)) == Position(2, 15)


def test_crlf_line_endings() -> None:
    document = loaded(b"id: a\r\ntitle: b\r\n")
    assert document.data == {"id": "a", "title": "b"}
    assert document.value_position(("title",)) == Position(2, 8)


def test_strings_walks_every_text_value_in_order() -> None:
    document = loaded("a: x\nb:\n  - y\n  - 3\n  - c: z\n")
    assert list(document.strings()) == [(("a",), "x"), (("b", 0), "y"), (("b", 2, "c"), "z")]


def test_documents_survive_pickling_with_their_positions() -> None:
    document = loaded("id: a\nlist:\n  - 中文\n")
    copy = pickle.loads(pickle.dumps(document))
    assert copy.data == document.data
    assert copy.value_position(("list", 0)) == Position(3, 5)


def test_document_without_source_points_at_the_start() -> None:
    assert Document("x.yaml", {"a": 1}).value_position(("a",)) == Position(1, 1)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200).map(lambda t: t.encode("utf-8")))
def test_any_bytes_give_a_document_or_diagnostics_never_an_exception(raw: bytes) -> None:
    result = load_bytes(raw, "fuzz.yaml")
    assert (result.document is None) == bool(result.diagnostics)
    for diagnostic in result.diagnostics:
        assert diagnostic.line >= 1
        assert diagnostic.column >= 1


# --- the content tree ----------------------------------------------------------------------------


def test_read_content_reports_files_that_do_not_belong(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "answers" / "t").mkdir(parents=True)
    (content / "notes").mkdir()
    (content / "site.yaml").write_text("name: x\n", encoding="utf-8")
    (content / "answers" / "t" / "a.yml").write_text("id: a\n", encoding="utf-8")
    (content / "answers" / "flat.yaml").write_text("id: flat\n", encoding="utf-8")
    (content / "answers" / "t" / ".hidden.yaml").write_text("id: h\n", encoding="utf-8")
    (content / "notes" / "n.yaml").write_text("id: n\n", encoding="utf-8")
    (content / "README.md").write_text("notes\n", encoding="utf-8")
    (content / "topics").mkdir()
    (content / "topics" / "link.yaml").symlink_to(content / "site.yaml")
    tree = read_content(tmp_path, content)
    assert [(d.path, d.rule) for d in sorted(tree.diagnostics)] == [
        ("content/README.md", "content/unexpected-file"),
        ("content/answers/flat.yaml", "content/unexpected-file"),
        ("content/answers/t/.hidden.yaml", "content/unexpected-file"),
        ("content/answers/t/a.yml", "content/unexpected-file"),
        ("content/notes/n.yaml", "content/unexpected-file"),
        ("content/topics/link.yaml", "content/symlink"),
    ]
    messages = {d.path: d.text("en") for d in tree.diagnostics}
    assert messages["content/answers/flat.yaml"] == (
        "an answer file lives at content/answers/<topic>/<id>.yaml; move it there"
    )
    assert messages["content/answers/t/a.yml"] == "content files end in .yaml, not .yml; rename it"
    assert tree.site is not None
    assert tree.files_read == 1


def test_read_content_without_site_yaml(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    tree = read_content(tmp_path, tmp_path / "content")
    assert [(d.path, d.line, d.column, d.rule) for d in tree.diagnostics] == [
        ("content/site.yaml", 1, 1, "content/missing-site")
    ]


def test_read_content_without_a_content_folder(tmp_path: Path) -> None:
    tree = read_content(tmp_path, tmp_path / "content")
    assert [(d.path, d.rule) for d in tree.diagnostics] == [
        ("content/site.yaml", "content/missing-site")
    ]
    assert tree.files_read == 0


def test_symlinked_folder_is_reported_not_followed(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "glossary").mkdir(parents=True)
    (content / "site.yaml").write_text("name: x\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "sse.yaml").write_text("id: sse\n", encoding="utf-8")
    (content / "topics").symlink_to(elsewhere, target_is_directory=True)
    tree = read_content(tmp_path, content)
    assert [(d.path, d.rule) for d in tree.diagnostics] == [("content/topics", "content/symlink")]
    assert tree.sources == ()


# --- control characters made by escapes, and line endings ----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "code"),
    [
        ('id: a\ntitle: "清屏\\e[2J"\n', (2, 8, "load/control-character"), "U+001B"),
        ('id: a\nlist:\n  - "铃\\x07"\n', (3, 5, "load/control-character"), "U+0007"),
        ('id: a\n"\\v": 1\n', (2, 1, "load/control-character"), "U+000B"),
        ('id: a\nnote: "行\\L分隔"\n', (2, 7, "load/control-character"), "U+2028"),
        ('id: a\nnote: "回车\\r"\n', (2, 7, "load/control-character"), "U+000D"),
    ],
)
def test_escapes_that_make_control_characters_are_refused(
    text: str, expected: tuple[int, int, str], code: str
) -> None:
    found = rejected(text)
    assert where(found) == expected
    assert found.text("en") == (
        f"an escape in this quoted text makes control character {code}, which would reach "
        "the pages as it is; delete the escape"
    )


def test_tab_and_line_feed_escapes_and_literal_backslashes_stay_allowed() -> None:
    document = loaded("a: \"列\\t值\\n下一行\"\nb: C:\\new\\x07\nc: '\\e'\n")
    assert document.data == {"a": "列\t值\n下一行", "b": "C:\\new\\x07", "c": "\\e"}


def test_a_lone_carriage_return_is_refused_and_crlf_is_read() -> None:
    found = rejected("id: a\rtitle: b\n")
    assert where(found) == (1, 6, "load/line-separator")
    assert found.text("en") == (
        "carriage return without a line feed (an old Mac line ending); "
        "save the file with LF line endings"
    )
    document = loaded("id: a\r\ntitle: b\r\n")
    assert document.data == {"id": "a", "title": "b"}
    assert document.value_position(("title",)) == Position(2, 8)


def test_too_many_files_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    (content / "glossary").mkdir(parents=True)
    for n in range(6):
        (content / "glossary" / f"t{n}.yaml").write_text(f"id: t{n}\n", encoding="utf-8")
    monkeypatch.setattr(content_module, "MAX_ENTRIES", 5)
    tree = read_content(tmp_path, content)
    assert [(d.path, d.rule, d.text("en")) for d in tree.diagnostics] == [
        ("content/site.yaml", "content/missing-site", tree.diagnostics[0].text("en")),
        (
            "content",
            "content/too-many-files",
            "6 files under content; the limit is 5; split the answer center",
        ),
    ]
    assert tree.sources == ()
