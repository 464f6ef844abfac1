"""The sensitive-data gate: every rule finds its secrets, masks them, and stays quiet otherwise.

Fake secrets are generated at runtime from templates (see tests/secrets_corpus/README.md):
no real-looking key is committed, so GitHub push protection has nothing to block.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from answer_center.commands import validate
from answer_center.diagnostics import FORMATTERS, Diagnostic, Severity
from answer_center.load import Document, load_bytes, load_file
from answer_center.validate.allowlist import Allowlist, AllowlistError, load_allowlist
from answer_center.validate.secret_rules import RULES, SecretRule
from answer_center.validate.secrets import check_secrets, mask
from fake_secrets import expand, fake
from sample_site import copy_project

REPOSITORY = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parent / "secrets_corpus"
ALLOWLIST = load_allowlist(REPOSITORY / "allowlist.yaml")
PATH = "content/answers/t/x.yaml"


def corpus_lines(name: str) -> list[str]:
    """The non-comment, non-blank lines of a corpus file."""
    lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def load(yaml_text: str) -> Document:
    """A document loaded the way content is, with a content-like path."""
    loaded = load_bytes(yaml_text.encode("utf-8"), PATH)
    assert loaded.document is not None, loaded.diagnostics
    return loaded.document


def scan_text(text: str, allowlist: Allowlist = ALLOWLIST) -> list[Diagnostic]:
    """Findings for one string, written as a JSON (so YAML double-quoted) value."""
    return check_secrets(load(f"text: {json.dumps(text, ensure_ascii=False)}\n"), allowlist)


POSITIVES = [line.split("\t", 1) for line in corpus_lines("positives.txt")]


@pytest.mark.parametrize(("rule", "template"), POSITIVES, ids=[t for _, t in POSITIVES])
def test_every_positive_gives_exactly_its_rule(rule: str, template: str) -> None:
    text = expand(template)
    found = scan_text(text)
    assert [d.rule for d in found] == [f"secret/{rule}"], text
    assert found[0].severity is Severity.ERROR
    assert "allowlist.yaml" in found[0].text("en")


def test_every_rule_has_a_positive_and_a_reference() -> None:
    covered = {rule for rule, _ in POSITIVES}
    assert covered == {rule.id for rule in RULES}
    for rule in RULES:
        assert rule.reference


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_prefilter_holds_for_every_text_the_rule_matches(
    rule: SecretRule, data: st.DataObject
) -> None:
    # The prefilter skips the rule's scan; a text it rejects but the pattern matches would
    # be a secret published unseen.
    text = data.draw(st.from_regex(rule.pattern))
    assert rule.pattern.search(text)
    assert rule.prefilter.search(text.lower()), text


@pytest.mark.parametrize("template", corpus_lines("negatives.txt"))
def test_ordinary_text_and_placeholders_do_not_trigger(template: str) -> None:
    assert scan_text(expand(template)) == []


SAMPLE_CONTENT = sorted((REPOSITORY / "content").rglob("*.yaml"))


@pytest.mark.parametrize(
    "path", SAMPLE_CONTENT, ids=[str(p.relative_to(REPOSITORY)) for p in SAMPLE_CONTENT]
)
def test_sample_content_has_no_findings(path: Path) -> None:
    loaded = load_file(path, str(path.relative_to(REPOSITORY)))
    assert loaded.document is not None, loaded.diagnostics
    assert check_secrets(loaded.document, ALLOWLIST) == []


def test_sample_content_exists() -> None:
    assert len(SAMPLE_CONTENT) >= 10


# --- positions -------------------------------------------------------------------------------


def rows(*lines: str) -> str:
    """A YAML document written one source line per argument."""
    return "\n".join(lines) + "\n"


def positions(yaml_text: str) -> list[tuple[str, int, int]]:
    """(rule, line, column) of every finding, in order."""
    return [(d.rule, d.line, d.column) for d in check_secrets(load(yaml_text), ALLOWLIST)]


def test_position_in_a_plain_value_adds_the_match_offset() -> None:
    key = "sk-proj-" + fake("alnum", 48)
    yaml_text = f"id: x\ntitle: t\nbody: 请使用 {key} 调用\n"
    assert positions(yaml_text) == [("secret/openai-api-key", 3, 11)]


def test_position_in_a_double_quoted_value_skips_the_quote() -> None:
    key = "AKIA" + fake("b32", 16)
    assert positions(f'id: x\nnote: "key {key}"\n') == [("secret/aws-access-key-id", 2, 12)]


def test_position_in_a_literal_block_is_the_source_line_and_column() -> None:
    key = "sk-" + fake("alnum", 48)
    yaml_text = rows(
        "id: x",
        "code: |",
        "  import os",
        f'  client = OpenAI(api_key="{key}")',
    )
    # The sk- rule wins over the api_key= setting it overlaps: one finding, the specific one.
    assert positions(yaml_text) == [("secret/generic-sk-key", 4, 28)]


def test_position_of_a_list_item_and_a_continuation_line() -> None:
    yaml_text = rows(
        "id: x",
        "tags:",
        "  - ok",
        "  - 10.1.2.3",
        "text: first line",
        "  second 192.168.0.5 here",
    )
    assert positions(yaml_text) == [
        ("secret/private-ip", 4, 5),
        ("secret/private-ip", 6, 10),
    ]


def test_position_of_a_repeated_match_is_its_own_occurrence() -> None:
    yaml_text = "id: x\ntext: |\n  db 10.0.0.1\n  again 10.0.0.1\n"
    assert positions(yaml_text) == [
        ("secret/private-ip", 3, 6),
        ("secret/private-ip", 4, 9),
    ]


def test_position_falls_back_to_the_value_start_when_escaped() -> None:
    key = "proj-" + fake("alnum", 48)
    # \u0073 is "s": the decoded text holds the key, the source does not hold it verbatim.
    yaml_text = f'id: x\nnote: "key \\u0073k-{key}"\n'
    assert positions(yaml_text) == [("secret/openai-api-key", 2, 7)]


def test_pem_block_in_a_literal_block_points_at_its_begin_line() -> None:
    body = "\n".join(fake("b64", 64, seed) for seed in range(4))
    indented = "\n".join("  " + line for line in body.splitlines())
    yaml_text = rows(
        "id: x",
        "key: |",
        "  -----BEGIN PRIVATE KEY-----",
        indented,
        "  -----END PRIVATE KEY-----",
    )
    found = check_secrets(load(yaml_text), ALLOWLIST)
    assert [(d.rule, d.line, d.column) for d in found] == [("secret/private-key", 3, 3)]
    assert body.splitlines()[1] not in found[0].text("en")


def test_truncated_pem_example_is_allowed() -> None:
    text = "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----"
    assert scan_text(text) == []


def test_findings_in_several_fields_are_sorted_by_position() -> None:
    token = "ghp_" + fake("alnum", 36)
    yaml_text = f"id: x\nb: host nas.lan\na: {token}\n"
    assert positions(yaml_text) == [
        ("secret/internal-host", 2, 9),
        ("secret/github-token", 3, 4),
    ]


# --- masking ---------------------------------------------------------------------------------


def test_message_masks_the_secret() -> None:
    key = "sk-proj-" + fake("alnum", 48)
    [finding] = scan_text(f"key {key}")
    assert key not in finding.text("en")
    assert key[4:-4] not in finding.text("en")
    assert f"{key[:4]}…{key[-4:]}" in finding.text("en")
    assert "YOUR_API_KEY" in finding.text("en")


def test_a_secret_written_as_a_key_is_found_at_the_key() -> None:
    token = "ghp_" + fake("alnum", 36)
    document = load(f"crawlers:\n  agents:\n    {token}: allow\n")
    [finding] = check_secrets(document, ALLOWLIST)
    assert (finding.line, finding.column, finding.rule) == (3, 5, "secret/github-token")
    assert token not in finding.text("en")


def test_other_checks_never_quote_a_secret(tmp_path: Path) -> None:
    # The schema quotes an unknown key, the references an unknown id: both are masked.
    project = copy_project(tmp_path)
    key = "sk-proj-" + fake("alnum", 48)
    answer = project.root / "content/answers/team-cost/team-ai-api-cost-control.yaml"
    answer.write_text(answer.read_text(encoding="utf-8") + f"{key}: 1\n", encoding="utf-8")
    topic = project.content_dir / "topics" / "team-cost.yaml"
    text = topic.read_text(encoding="utf-8")
    topic.write_text(text.replace("members:\n", f"members:\n  - {key.lower()}\n"), "utf-8")
    report = validate(project, use_cache=False)
    printed = "".join(
        format(report.diagnostics, report.files_checked, "en") for format in FORMATTERS.values()
    )
    assert {d.rule for d in report.diagnostics} >= {"schema/unknown-key", "ref/unresolved"}
    assert key[4:-4] not in printed
    assert key.lower()[4:-4] not in printed
    assert f"{key[:4]}…{key[-4:]}" in printed


@pytest.mark.parametrize(("rule", "template"), POSITIVES, ids=[t for _, t in POSITIVES])
def test_no_message_holds_the_full_secret(rule: str, template: str) -> None:
    text = expand(template, seed=7)
    [finding] = scan_text(text)
    match = next(r for r in RULES if r.id == rule).pattern.search(text)
    assert match is not None
    secret = match.group("secret") if "secret" in match.re.groupindex else match.group()
    assert secret.strip() not in finding.text("en")


@pytest.mark.parametrize(
    ("secret", "masked"),
    [
        ("sk-proj-abcdefghijklmnopQ7xA", "sk-p…Q7xA"),
        ("13812345678", "13…78"),
        ("10.0.0.1", "1…1"),
        ("nas.lan", "****"),
        ("", "****"),
    ],
)
def test_mask_shows_at_most_four_characters_each_side(secret: str, masked: str) -> None:
    assert mask(secret) == masked


# --- allowlist -------------------------------------------------------------------------------


def test_missing_allowlist_is_empty(tmp_path: Path) -> None:
    assert load_allowlist(tmp_path / "allowlist.yaml") == Allowlist()


def test_repository_allowlist_names_the_documentation_placeholders() -> None:
    assert "YOUR_API_KEY" in ALLOWLIST.texts
    assert {"example.com", "example.org", "example.net"} <= set(ALLOWLIST.domains)
    assert {str(n) for n in ALLOWLIST.networks} >= {
        "192.0.2.0/24",
        "198.51.100.0/24",
        "203.0.113.0/24",
    }


@pytest.mark.parametrize(
    "text",
    [
        "support@example.com",
        "https://user:YOUR_PASSWORD@db.example.org/",
        "X-API-Key: YOUR_API_KEY_123",
        "Authorization: Basic YOUR_BASE64_CREDENTIALS",
        "api-key: sk-xxxxxxxxxxxxxxxx1234",
    ],
)
def test_allowlisted_placeholders_pass_only_with_the_allowlist(text: str) -> None:
    assert scan_text(text) == []
    assert scan_text(text, Allowlist()) != []


def test_custom_allowlist_entries(tmp_path: Path) -> None:
    path = tmp_path / "allowlist.yaml"
    path.write_text(
        "texts:\n"
        "  - text: nas.lan\n"
        "    reason: the lab's NAS in a how-to\n"
        "patterns:\n"
        "  - pattern: 'ghp_0{36}'\n"
        "    reason: an all-zero dummy token\n"
        "domains:\n"
        "  - domain: alltkn.com\n"
        "    reason: our own public support address\n"
        "networks:\n"
        "  - network: 10.0.0.0/8\n"
        "    reason: the default Docker network in a tutorial\n",
        encoding="utf-8",
    )
    allowlist = load_allowlist(path)
    for text in ("nas.lan", "ghp_" + "0" * 36, "help@support.alltkn.com", "10.1.2.3"):
        assert scan_text(text, allowlist) == [], text
    # Only what is named: a neighbour of each entry is still reported.
    for text in ("nas2.lan", "ghp_" + fake("alnum", 36), "a@alltkn.com.cn", "172.16.0.1"):
        assert scan_text(text, allowlist) != [], text


def test_an_allowed_placeholder_does_not_hide_a_neighbouring_finding() -> None:
    found = scan_text("postgres://app:YOUR_PASSWORD@billing.internal:5432/db")
    assert [d.rule for d in found] == ["secret/internal-host"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("texts: YOUR_API_KEY\n", (1, 8, "texts must be a list of entries, each with `text:`")),
        ("texts:\n  - YOUR_API_KEY\n", (2, 5, "texts[0] must have exactly `text:` and")),
        ("texts:\n  - text: YOUR_API_KEY\n", (2, 5, "texts[0] must have exactly")),
        (
            "texts:\n  - text: YOUR_API_KEY\n    reason: r\n    extra: 1\n",
            (2, 5, "texts[0] must have exactly"),
        ),
        ("placeholders:\n  - text: x\n    reason: r\n", (1, 1, "unknown section 'placeholders'")),
        (
            "patterns:\n  - pattern: '('\n    reason: r\n",
            (2, 14, "invalid pattern '(' (missing ), unterminated subpattern"),
        ),
        (
            "networks:\n  - network: 10.0.0.300/8\n    reason: r\n",
            (2, 14, "invalid network '10.0.0.300/8' ("),
        ),
    ],
)
def test_malformed_allowlist_is_refused_at_the_entry(
    tmp_path: Path, content: str, expected: tuple[int, int, str]
) -> None:
    path = tmp_path / "allowlist.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AllowlistError) as raised:
        load_allowlist(path)
    found = raised.value.diagnostic
    line, column, message = expected
    assert (found.path, found.line, found.column, found.rule) == (
        "allowlist.yaml",
        line,
        column,
        "allowlist/invalid",
    )
    assert found.text("en").startswith(message)
    assert str(tmp_path) not in found.text("en")


def test_allowlist_that_is_not_yaml_gives_the_loader_diagnostic(tmp_path: Path) -> None:
    path = tmp_path / "allowlist.yaml"
    path.write_text("texts: [unclosed\n", encoding="utf-8")
    with pytest.raises(AllowlistError) as raised:
        load_allowlist(path)
    found = raised.value.diagnostic
    assert (found.path, found.line, found.rule) == ("allowlist.yaml", 1, "yaml/syntax")
