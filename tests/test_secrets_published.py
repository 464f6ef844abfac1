"""The sensitive-data gate reads fields as published: markup and invisible characters that
split a secret, full-width forms and encoded at signs do not hide it, and the finding points
at where the secret was written.

Every positive of ``secrets_corpus/positives.txt`` is disguised in each way below and must
give exactly its rule, at the exact line and column of the YAML file, with the secret
masked in every output format.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from answer_center.commands import validate
from answer_center.diagnostics import FORMATTERS, Diagnostic
from answer_center.load import Document, load_bytes
from answer_center.validate.allowlist import Allowlist
from answer_center.validate.secret_rules import RULES, SecretRule
from answer_center.validate.secrets import check_secrets, mask, redact
from fake_secrets import expand, fake
from sample_site import copy_project
from test_secrets import ALLOWLIST, PATH, POSITIVES

RULE = {rule.id: rule for rule in RULES}

Disguise = Callable[[str, int, int], str]
"""Rewrites ``text`` with its secret at ``[start, end)`` disguised; text before it unchanged."""


def _split(opening: str, closing: str) -> Disguise:
    """Markup around the second half of the secret: the reader sees one unbroken secret."""

    def disguise(text: str, start: int, end: int) -> str:
        middle = (start + end + 1) // 2
        return f"{text[:middle]}{opening}{text[middle:end]}{closing}{text[end:]}"

    return disguise


def _insert(character: str) -> Disguise:
    def disguise(text: str, start: int, end: int) -> str:
        middle = (start + end + 1) // 2
        return f"{text[:middle]}{character}{text[middle:]}"

    return disguise


def _full_width(text: str, start: int, end: int) -> str:
    # Every printable ASCII character of the secret in its full-width form, spaces ideographic.
    secret = "".join(
        "\u3000" if c == " " else chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c
        for c in text[start:end]
    )
    return text[:start] + secret + text[end:]


# The loader refuses zero-width spaces and joiners, word joiners and byte-order marks in
# content (load/invisible-character); the characters it lets through are the disguises here,
# and the rest are tested through redact, which reads other checks' messages.
DISGUISES: dict[str, Disguise] = {
    "bold": _split("**", "**"),
    "code": _split("`", "`"),
    "link": _split("[", "](https://example.com/)"),
    "soft-hyphen": _insert("\u00ad"),
    "grapheme-joiner": _insert("\u034f"),
    "full-width": _full_width,
}


def load(yaml_text: str) -> Document:
    loaded = load_bytes(yaml_text.encode("utf-8"), PATH)
    assert loaded.document is not None, loaded.diagnostics
    return loaded.document


def block(line: str) -> str:
    """An answer-like document with ``line`` as the second line of a literal block (line 5)."""
    return f"id: x\ntitle: t\nsummary: s\nbody: |\n  第一行是普通的说明文字。\n  {line}\n"


def findings(yaml_text: str) -> list[Diagnostic]:
    return check_secrets(load(yaml_text), ALLOWLIST)


def positions(yaml_text: str) -> list[tuple[str, int, int]]:
    return [(d.rule, d.line, d.column) for d in findings(yaml_text)]


def first_match(rule: SecretRule, text: str) -> re.Match[str]:
    """The match the gate reports for this positive: the first one its checks accept."""
    for match in rule.pattern.finditer(text):
        if rule.verify is None or rule.verify(match):
            return match
    raise AssertionError(f"{rule.id} does not match {text!r}")


def all_printed(found: list[Diagnostic]) -> str:
    return "".join(format(found, 1, "en") for format in FORMATTERS.values())


CASES = [(rule, template, name) for rule, template in POSITIVES for name in DISGUISES]


@pytest.mark.parametrize(
    ("rule", "template", "disguise"), CASES, ids=[f"{n}:{t}" for _, t, n in CASES]
)
def test_a_disguised_secret_is_found_where_it_was_written(
    rule: str, template: str, disguise: str
) -> None:
    text = expand(template, seed=3)
    match = first_match(RULE[rule], text)
    start, end = RULE[rule].secret_span(match)
    disguised = DISGUISES[disguise](text, start, end)
    assert disguised != text
    secret = text[start:end]
    # As written, the rule no longer sees the whole secret: only the published text has it.
    assert secret not in [RULE[rule].secret(m) for m in RULE[rule].pattern.finditer(disguised)]
    found = findings(block(disguised))
    # Line 6 of the file, after the block's two-space indent: the match's own column.
    assert [(d.rule, d.line, d.column) for d in found] == [
        (f"secret/{rule}", 6, 3 + match.start())
    ], disguised
    assert f"({mask(secret)})" in found[0].text("en")
    printed = all_printed(found)
    assert secret not in printed
    assert disguised[start : start + len(secret) + 2] not in printed


@pytest.mark.parametrize(
    "address",
    [
        "li.lei＠customer-mail.cn",
        "li.lei%40customer-mail.cn",
        "li.lei&#64;customer-mail.cn",
        "li.lei&#x40;customer-mail.cn",
        "li.lei&commat;customer-mail.cn",
        "li.lei@customer-mail。cn",
        "li.lei@customer-mail｡cn",
        "li.lei＠customer-mail。com。cn",
        "li.lei%40customer-mail。cn",
        "li.lei@**customer-mail**.cn",
    ],
)
def test_an_e_mail_address_written_in_another_way_is_found(address: str) -> None:
    found = findings(block(f"请联系 {address} 处理"))
    assert [(d.rule, d.line, d.column) for d in found] == [("secret/email-address", 6, 7)]
    assert "li.lei" not in all_printed(found)


@pytest.mark.parametrize(
    "number",
    [
        "138\u30001234\u30005678",
        "138\u00a01234\u00a05678",
        "138.1234.5678",
        "１３８１２３４５６７８",
        "１３８－１２３４－５６７８",
        "+86\u3000138\u30001234\u30005678",
        "1３8 **1234** 5678",
    ],
)
def test_a_mobile_number_written_in_another_way_is_found(number: str) -> None:
    found = findings(block(f"客户手机:{number},请回电"))
    assert [(d.rule, d.line, d.column) for d in found] == [("secret/phone-number-cn", 6, 8)]
    assert "1234" not in all_printed(found)


@pytest.mark.parametrize(
    "header",
    [
        "Authorization：Bearer {alnum:32}",
        "Authorization： Bearer {alnum:32}",
        "authorization: {alnum:40}",
        "Authorization：{alnum:40}",
        "Authorization: Bearer `{alnum:32}`",
    ],
)
def test_an_authorization_header_with_a_full_width_colon_or_no_scheme(header: str) -> None:
    text = expand(header)
    assert positions(block(f"curl -H '{text}'")) == [("secret/authorization-header", 6, 12)]


def test_a_credential_setting_with_a_full_width_colon_is_found() -> None:
    text = expand("数据库密码：{alnum:10}")
    assert positions(block(text)) == [("secret/credential-assignment", 6, 6)]


def test_positions_in_plain_and_double_quoted_scalars() -> None:
    key = "sk-proj-" + fake("alnum", 48)
    split = f"{key[:20]}\u00ad{key[20:]}"
    assert positions(f"id: x\nbody: 请使用 {split} 调用\n") == [("secret/openai-api-key", 2, 11)]
    quoted = json.dumps(f"key {key[:20]}**{key[20:]}**", ensure_ascii=False)
    assert positions(f"id: x\nnote: {quoted}\n") == [("secret/openai-api-key", 2, 12)]


def test_a_secret_in_the_second_line_of_a_folded_block() -> None:
    key = "ghp_" + fake("alnum", 36)
    yaml_text = f"id: x\nbody: >-\n  第一行\n  再用 `{key[:10]}`{key[10:]} 调用\n"
    assert positions(yaml_text) == [("secret/github-token", 4, 7)]


def test_a_character_that_normalises_to_two_keeps_later_positions() -> None:
    # "ﬁ" (one character) reads as "fi" (two): the key after it is still found at its column.
    key = "sk-proj-" + fake("alnum", 48)
    assert positions(block(f"ﬁle ① {key[:9]}\u00ad{key[9:]}")) == [("secret/openai-api-key", 6, 9)]


def test_a_secret_found_as_written_and_as_published_is_reported_once() -> None:
    key = "sk-proj-" + fake("alnum", 48)
    # As written the key is there whole; as published (no backticks) it is there again.
    assert positions(block(f"密钥 `{key}` 已作废")) == [("secret/openai-api-key", 6, 7)]


def test_a_secret_in_a_link_target_is_found_as_written() -> None:
    password = fake("alnum", 16)
    line = f"[控制台](https://admin:{password}@db.prod.alltkn.com/)"
    assert positions(block(line)) == [("secret/url-credentials", 6, 9)]


def test_a_code_sample_is_scanned_as_written_and_normalised() -> None:
    key = "sk-" + fake("alnum", 48)
    yaml_text = (
        "id: x\nsnippets:\n  - language: python\n    code: |\n"
        f'      client = OpenAI(api_key="{key[:12]}\u00ad{key[12:]}")\n'
    )
    assert positions(yaml_text) == [("secret/generic-sk-key", 5, 32)]


def test_a_key_with_an_invisible_character_is_found_at_the_key() -> None:
    token = "ghp_" + fake("alnum", 36)
    document = load(f"crawlers:\n  agents:\n    {token[:8]}\u00ad{token[8:]}: allow\n")
    [finding] = check_secrets(document, ALLOWLIST)
    assert (finding.line, finding.column, finding.rule) == (3, 5, "secret/github-token")
    assert token[4:-4] not in finding.text("en")


@pytest.mark.parametrize(
    "text",
    [
        "api_key：YOUR_API_KEY_123",
        "support＠example.com",
        "support%40example.com",
        "ops&#64;mail.example.org",
        "https://user:YOUR_PASSWORD@example.com/",
        "**password**: `xxxxxxxx1234`",
        "ｓｕｐｐｏｒｔ＠ｅｘａｍｐｌｅ．ｃｏｍ",
    ],
)
def test_published_placeholders_pass_through_the_allowlist_only(text: str) -> None:
    assert findings(block(text)) == []
    assert check_secrets(load(block(text)), Allowlist()) != []


@pytest.mark.parametrize(
    "text",
    [
        "Authorization：Bearer $ALLTKN_API_KEY",
        "**password**: `${DB_PASSWORD}`",
        "token：`<token>`",
        '`api_key`=`os.environ["ALLTKN_API_KEY"]`',
    ],
)
def test_published_variables_and_angle_placeholders_never_match(text: str) -> None:
    assert check_secrets(load(block(text)), Allowlist()) == []


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_redact_masks_a_secret_split_by_an_invisible_character(invisible: str) -> None:
    key = "sk-proj-" + fake("alnum", 48)
    written = f"{key[:20]}{invisible}{key[20:30]}{invisible}{key[30:]}"
    redacted = redact(f"unknown key '{written}'", ALLOWLIST)
    assert redacted == f"unknown key '{key[:4]}…{key[-4:]}'"


def test_redact_masks_a_full_width_secret() -> None:
    key = "ghp_" + fake("alnum", 36)
    written = "".join(chr(ord(c) + 0xFEE0) for c in key)
    assert redact(f"id {written} not found", ALLOWLIST) == f"id {key[:4]}…{key[-4:]} not found"


def test_validation_refuses_disguised_secrets_where_they_were_written(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    path = "content/answers/team-cost/team-ai-api-cost-control.yaml"
    answer = project.root / path
    key = "sk-proj-" + fake("alnum", 40)
    sentence = "测试脚本的消耗会混进生产账目"
    text = answer.read_text(encoding="utf-8")
    assert sentence in text
    hostile = f"联系 li.lei＠customer-mail。cn，密钥 sk-**proj**-{key[8:]}，{sentence}"
    answer.write_text(text.replace(sentence, hostile, 1), encoding="utf-8")
    line_number, line = next(
        (number, line)
        for number, line in enumerate(answer.read_text(encoding="utf-8").splitlines(), 1)
        if hostile in line
    )
    report = validate(project, use_cache=False)
    assert [(d.path, d.line, d.column, d.rule) for d in report.diagnostics] == [
        (path, line_number, line.index("li.lei") + 1, "secret/email-address"),
        (path, line_number, line.index("sk-**") + 1, "secret/openai-api-key"),
    ]
    printed = "".join(
        format(report.diagnostics, report.files_checked, "en") for format in FORMATTERS.values()
    )
    assert "li.lei" not in printed
    assert key[4:-4] not in printed
    assert f"{key[:4]}…{key[-4:]}" in printed
