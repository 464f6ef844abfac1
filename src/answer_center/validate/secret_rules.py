"""The curated rule set of the sensitive-data gate, as data.

Each rule names what it finds, the regular expression that finds it, and the public rule it
follows (gitleaks' ``config/gitleaks.toml`` ids and detect-secrets' plugin names), so a reviewer
can compare it with the upstream rule. Rules are deliberately looser than the upstream ones
where those pin exact lengths or checksums (gitleaks' OpenAI rule needs the ``T3BlbkFJ`` marker,
detect-secrets has no ``sk-proj-``/``sk-ant-`` rule at all): a leak that an exact rule misses
is worse here than a placeholder that the central allowlist has to name.

Order matters: when two findings overlap, the earlier rule wins, so the most specific rules
come first (an ``sk-proj-`` key inside an ``Authorization`` header is reported as an OpenAI
key, once).

Every pattern is compiled with ``re.ASCII``: content is mostly Chinese, and with Unicode
``\\w`` a CJK character right before a key would count as a word character and hide the key.
The patterns see ASCII because the gate also scans each field as published and normalised
(:mod:`answer_center.validate.secrets`): full-width digits and colons, ideographic and
no-break spaces, ``＠`` and ``%40`` reach them as their ASCII forms, and zero-width
characters and markup that split a key are gone.
"""

from __future__ import annotations

import datetime
import ipaddress
import re
from collections.abc import Callable
from dataclasses import dataclass

# Characters that continue a token: a key is only a key when it is not part of a longer word.
_TOKEN = r"A-Za-z0-9_\-"
_BEFORE = rf"(?<![{_TOKEN}])"
_AFTER = rf"(?![{_TOKEN}])"


@dataclass(frozen=True)
class SecretRule:
    """One kind of sensitive data the gate refuses to publish."""

    id: str
    """The rule id; diagnostics report it as ``secret/<id>``. What a match is and what to
    write instead are the catalog's terms ``secret`` and ``placeholder`` of this id."""
    prefilter: re.Pattern[str]
    """Matches the lowercased form of every text the pattern matches: a cheap necessary test.

    Most patterns start with a look-behind, so the regex engine tries them at every character;
    a lowercase literal such as ``@`` or ``sk-`` is found by a fast search instead, once per
    document, and its hits name the few strings to scan (see BENCHMARKS.md). Rules may share
    one prefilter object, searched once for all of them. It runs on the written and on the
    published (normalised) text, so it holds for the ASCII forms the patterns see.
    Lowercase, so that one folded copy of the text serves case-insensitive rules as well.
    """
    pattern: re.Pattern[str]
    """Finds candidates; the ``secret`` group (or the whole match) is what gets masked."""
    reference: str
    """The public rule this one follows, for reviewers."""
    verify: Callable[[re.Match[str]], bool] | None = None
    """A second look at a candidate that a regex alone cannot take (octets, digit counts)."""
    host_group: str | None = None
    """The group holding a host name, checked against the allowlist's domains."""

    def secret(self, match: re.Match[str]) -> str:
        """The sensitive part of a match: the text that is masked and allowlisted."""
        return match.group("secret") if "secret" in self.pattern.groupindex else match.group()

    def secret_span(self, match: re.Match[str]) -> tuple[int, int]:
        """Where :meth:`secret` is in the matched text, without surrounding whitespace."""
        group = "secret" if "secret" in self.pattern.groupindex else 0
        start, end = match.span(group)
        text = match.string
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    def host(self, match: re.Match[str]) -> str | None:
        """The host name in a match, when the rule has one."""
        return match.group(self.host_group) if self.host_group else None


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.ASCII)


def _looks_random(text: str) -> bool:
    """Real keys mix letters and digits; placeholders (YOUR_API_KEY, sk-xxxx) rarely do."""
    return any(c.isdigit() for c in text) and any(c.isalpha() for c in text)


def _secret_looks_random(match: re.Match[str]) -> bool:
    return _looks_random(match.group("secret"))


def _mixed_case(match: re.Match[str]) -> bool:
    # Hugging Face tokens are letters only, in both cases; "hf_xxxx…" placeholders are not.
    secret: str = match.group("secret")
    return any(c.isupper() for c in secret) and any(c.islower() for c in secret)


def _authorization(match: re.Match[str]) -> bool:
    scheme = match.group("scheme")
    # Basic credentials are base64 of user:password, which need not contain a digit.
    if scheme is not None and scheme.lower() == "basic":
        return True
    secret: str = match.group("secret")
    # Without a scheme only a long token is one: "Authorization: required" is a field list.
    return _looks_random(secret) and (scheme is not None or len(secret) >= 16)


# Symbols that passwords carry and words do not ("-", "_" and "." join words and names).
_PASSWORD_SYMBOLS = frozenset("!#$%&*+=?@^~|")


def _password_like(match: re.Match[str]) -> bool:
    secret: str = match.group("secret")
    letters = any(c.isalpha() for c in secret)
    digits = any(c.isdigit() for c in secret)
    symbols = any(c in _PASSWORD_SYMBOLS for c in secret)
    return (letters and digits) or (symbols and (letters or digits))


# The ranges private-ip reports, for addresses written in other forms.
_INTERNAL_IPV4 = tuple(
    ipaddress.IPv4Network(n)
    for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16")
)


def _private_ipv4(match: re.Match[str]) -> bool:
    try:
        address = ipaddress.IPv4Address(match.group("secret"))
    except ValueError:  # an octet over 255 or with a leading zero: a version number, not an IP
        return False
    return address.is_private or address.is_loopback or address.is_link_local


def _inet_aton(text: str) -> int | None:
    """The address a URL host such as ``0xc0.0250.1`` or ``3232235777`` names, as browsers and
    ``inet_aton`` read it: parts in hex (``0x``), octal (a leading ``0``) or decimal, the last
    part filling the bytes the others leave."""
    parts = text.split(".")
    values = []
    for part in parts:
        try:
            if part[:2].lower() == "0x":
                values.append(int(part[2:], 16))
            elif len(part) > 1 and part.startswith("0"):
                values.append(int(part, 8))
            else:
                values.append(int(part))
        except ValueError:  # "08" is not octal
            return None
    *leading, last = values
    if any(value > 255 for value in leading) or last >= 1 << (8 * (5 - len(values))):
        return None
    number = last
    for index, value in enumerate(leading):
        number |= value << (24 - 8 * index)
    return number


# What comes before a host in a URL: "://" or "://user:password@".
_URL_AUTHORITY = re.compile(r"://(?:[^\s/@?#]*@)?\Z")


def _alternate_ipv4(match: re.Match[str]) -> bool:
    secret: str = match.group("secret")
    number = _inet_aton(secret)
    if number is None:
        return False
    address = ipaddress.IPv4Address(number)
    return any(address in network for network in _INTERNAL_IPV4)


def _private_ipv6(match: re.Match[str]) -> bool:
    try:
        address = ipaddress.IPv6Address(match.group("secret"))
    except ValueError:
        return False
    return (
        address.is_loopback or address.is_link_local or address in ipaddress.IPv6Network("fc00::/7")
    )


# The user and password of a URL ("https://user:pass@host"): not an e-mail address.
_URL_USERINFO = re.compile(r"://[^\s/@:]*:\Z")


def _email(match: re.Match[str]) -> bool:
    # Only the URL rule knows whether the password is a placeholder; an allowed password
    # must not come back as an e-mail address "password@host".
    return _URL_USERINFO.search(match.string, 0, match.start()) is None


def _phone_digits(match: re.Match[str]) -> bool:
    # E.164 numbers have at most 15 digits; fewer than 9 is more likely a sum or a range.
    secret: str = match.group("secret")
    digits = sum(c.isdigit() for c in secret)
    return 9 <= digits <= 15


# GB 11643: province codes (GB/T 2260) that begin a resident identity card number, and the
# ISO 7064 MOD 11-2 check character.
_PROVINCES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46}
    | {50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83}
)
_ID_WEIGHTS = tuple(pow(2, 17 - index, 11) for index in range(17))
_ID_CHECK = "10X98765432"
# How numbers are grouped for reading: "110101 19900307 1234", "6222-0212-3456-7890".
_GROUPING = re.compile(r"[ -]")


def _id_card(match: re.Match[str]) -> bool:
    number = _GROUPING.sub("", match.group("secret").upper())
    if int(number[:2]) not in _PROVINCES:
        return False
    try:
        datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:  # 30 February: an order number, not a birth date
        return False
    total = sum(int(d) * weight for d, weight in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17]


# Issuer prefixes (first digits, inclusive range) and lengths of the card networks a reader
# here would hold: UnionPay, Visa, Mastercard, American Express, JCB, Discover.
_CARD_NETWORKS: tuple[tuple[str, str, range], ...] = (
    ("62", "62", range(16, 20)),
    ("4", "4", range(16, 20, 3)),
    ("51", "55", range(16, 17)),
    ("2221", "2720", range(16, 17)),
    ("34", "34", range(15, 16)),
    ("37", "37", range(15, 16)),
    ("3528", "3589", range(16, 20)),
    ("6011", "6011", range(16, 20)),
    ("644", "649", range(16, 20)),
    ("65", "65", range(16, 20)),
)


def _luhn(digits: str) -> bool:
    total = 0
    for index, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _bank_card(match: re.Match[str]) -> bool:
    digits = _GROUPING.sub("", match.group("secret"))
    return _luhn(digits) and any(
        low <= digits[: len(low)] <= high and len(digits) in lengths
        for low, high, lengths in _CARD_NETWORKS
    )


def _internal_host(match: re.Match[str]) -> bool:
    # A host is written in one case per label ("nas.lan", "NAS.LAN"); "DateTimeKind.Local" and
    # "Scope.Internal" are code, unless a URL or a port says they are hosts.
    labels = match.group("secret").split(".")
    if all(label.islower() or label.isupper() or not label.isalpha() for label in labels):
        return True
    text, end = match.string, match.end()
    if _URL_AUTHORITY.search(text, 0, match.start()) is not None:
        return True
    return text.startswith(":", end) and text[end + 1 : end + 2].isdigit()


_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\."

# Value characters of a setting: a password may hold symbols, but never starts with
# $ < { [ ( / (a variable, a placeholder, code or a path).
_VALUE_FIRST = r"A-Za-z0-9!#%*+?@^_~-"
_VALUE = r"A-Za-z0-9!#$%&*+/=?@^_~|-"

# Prefilters several rules share, searched once per document: a pattern that does not start
# with a literal costs the regex engine a test at every character, a literal is searched
# for (hence the look-behinds after a literal "_", "=" or ":" in some prefilters below).
_SK = _compile(r"sk-")
_SETTING = _compile(
    r"(?:password|passwd|pwd|secret|token|key|credentials?|密码|口令|密钥)[\"']?\s*(?::=|=>|[:=])"
)
# Four digits in a row: in every identity card, bank card and landline number.
_DIGITS = _compile(r"[0-9][0-9][0-9][0-9]")

RULES: tuple[SecretRule, ...] = (
    SecretRule(
        id="private-key",
        prefilter=_compile(r"private key"),
        pattern=_compile(
            r"-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----\s*"
            # Encrypted keys carry "Proc-Type:"/"DEK-Info:" headers before the body.
            r"(?:[A-Za-z-]+:[^\n]*\n\s*)*"
            # At least 40 base64 characters: "-----BEGIN ... KEY-----\n...\n" stays allowed.
            r"(?P<secret>[A-Za-z0-9+/=][A-Za-z0-9+/=\s]{38,}[A-Za-z0-9+/=])"
        ),
        reference="gitleaks private-key; detect-secrets PrivateKeyDetector",
    ),
    SecretRule(
        id="anthropic-api-key",
        prefilter=_SK,
        pattern=_compile(rf"{_BEFORE}(?P<secret>sk-ant-[{_TOKEN}]{{20,}}){_AFTER}"),
        reference="gitleaks anthropic-api-key, anthropic-admin-api-key (any length)",
        verify=_secret_looks_random,
    ),
    SecretRule(
        id="openai-api-key",
        prefilter=_SK,
        pattern=_compile(
            rf"{_BEFORE}(?P<secret>sk-(?:proj|svcacct|admin)-[{_TOKEN}]{{20,}}){_AFTER}"
        ),
        reference="gitleaks openai-api-key (without the T3BlbkFJ marker it requires)",
        verify=_secret_looks_random,
    ),
    SecretRule(
        id="generic-sk-key",
        # OpenAI's legacy keys and most OpenAI-compatible gateways: sk- and 20+ characters.
        prefilter=_SK,
        pattern=_compile(rf"{_BEFORE}(?P<secret>sk-[A-Za-z0-9][{_TOKEN}]{{19,}}){_AFTER}"),
        reference="gitleaks openai-api-key (legacy sk- form), generic-api-key",
        verify=_secret_looks_random,
    ),
    SecretRule(
        id="stripe-api-key",
        # Test-mode keys (sk_test_) move no money and Stripe's own guides print them;
        # publishable keys (pk_live_) are public by design.
        prefilter=_compile(r"k_live_"),
        pattern=_compile(
            r"(?<![A-Za-z0-9_])(?P<secret>[sr]k_live_[A-Za-z0-9]{16,99})(?![A-Za-z0-9_])"
        ),
        reference="gitleaks stripe-access-token (live mode only)",
        verify=_secret_looks_random,
    ),
    SecretRule(
        id="google-api-key",
        prefilter=_compile(r"aiza"),
        pattern=_compile(rf"{_BEFORE}(?P<secret>AIza[{_TOKEN}]{{35}}){_AFTER}"),
        reference="gitleaks gcp-api-key",
        verify=_secret_looks_random,
    ),
    SecretRule(
        id="aws-access-key-id",
        prefilter=_compile(r"a(?:kia|sia|bia|cca|3t)"),
        pattern=_compile(
            r"(?<![A-Za-z0-9])(?P<secret>(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})"
            r"(?![A-Za-z0-9])"
        ),
        reference="gitleaks aws-access-token; detect-secrets AWSKeyDetector",
    ),
    SecretRule(
        id="aws-secret-access-key",
        # 40 base64 characters are only an AWS secret next to its setting's name.
        prefilter=_compile(r"secret"),
        pattern=_compile(
            r"(?i:(?<![A-Za-z0-9])(?:aws[_.-]?)?secret[_.-]?access[_.-]?key"
            r"|(?<![A-Za-z0-9])aws[_.-]?secret(?:[_.-]?key)?)"
            r"[\"']?\s*(?::=|=>|[:=])\s*[\"']?"
            r"(?P<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"
        ),
        reference="detect-secrets AWSKeyDetector (secret access key next to its name)",
        verify=_secret_looks_random,
    ),
    SecretRule(
        id="alibaba-access-key-id",
        prefilter=_compile(r"ltai"),
        pattern=_compile(
            # LTAI and 20 characters today, LTAI and 12 for keys made before 2019.
            rf"{_BEFORE}(?P<secret>LTAI[A-Za-z0-9]{{12}}(?:[A-Za-z0-9]{{8}})?){_AFTER}"
        ),
        reference="gitleaks alibaba-access-key-id (and the older 16-character form)",
        verify=_secret_looks_random,
    ),
    SecretRule(
        id="tencent-cloud-secret-id",
        prefilter=_compile(r"akid"),
        pattern=_compile(rf"{_BEFORE}(?P<secret>AKID[A-Za-z0-9]{{32}}){_AFTER}"),
        reference="Tencent Cloud CAM SecretId format (no gitleaks rule); TruffleHog tencent",
        verify=_secret_looks_random,
    ),
    SecretRule(
        id="huggingface-token",
        prefilter=_compile(r"_(?:(?<=hf_)|(?<=api_org_))"),
        pattern=_compile(rf"{_BEFORE}(?P<secret>(?:hf|api_org)_[A-Za-z]{{34}}){_AFTER}"),
        reference="gitleaks huggingface-access-token, huggingface-organization-api-token",
        verify=_mixed_case,
    ),
    SecretRule(
        id="github-token",
        prefilter=_compile(r"gh[pousr]_|github_pat_"),
        pattern=_compile(
            rf"{_BEFORE}(?P<secret>gh[pousr]_[A-Za-z0-9]{{36,255}}"
            rf"|github_pat_[A-Za-z0-9_]{{22,255}}){_AFTER}"
        ),
        reference=(
            "gitleaks github-pat, github-oauth, github-app-token, github-refresh-token, "
            "github-fine-grained-pat; detect-secrets GitHubTokenDetector"
        ),
    ),
    SecretRule(
        id="gitlab-token",
        prefilter=_compile(r"gl(?:pat|dt|rt|ptt|cbt|soat)-"),
        pattern=_compile(
            rf"{_BEFORE}(?P<secret>gl(?:pat|dt|rt|ptt|cbt|soat)-[{_TOKEN}]{{20,}}){_AFTER}"
        ),
        reference="gitleaks gitlab-pat, gitlab-deploy-token, gitlab-runner-authentication-token",
    ),
    SecretRule(
        id="slack-token",
        prefilter=_compile(r"xox|xapp-"),
        pattern=_compile(
            r"(?<![A-Za-z0-9_-])(?P<secret>xox[abposre]-[A-Za-z0-9-]{10,}"
            r"|xapp-\d-[A-Za-z0-9-]{10,})(?![A-Za-z0-9_-])"
        ),
        reference=(
            "gitleaks slack-bot-token, slack-user-token, slack-app-token, slack-legacy-token; "
            "detect-secrets SlackDetector"
        ),
        verify=_secret_looks_random,
    ),
    SecretRule(
        id="slack-webhook-url",
        prefilter=_compile(r"hooks\.slack\.com/"),
        pattern=_compile(
            r"(?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/"
            r"(?P<secret>[A-Za-z0-9+/_-]{20,})"
        ),
        reference="gitleaks slack-webhook-url; detect-secrets SlackDetector",
    ),
    SecretRule(
        id="jwt",
        prefilter=_compile(r"eyj"),
        pattern=_compile(
            rf"{_BEFORE}(?P<secret>eyJ[A-Za-z0-9_-]{{8,}}\.ey[A-Za-z0-9_-]{{8,}}"
            rf"\.[A-Za-z0-9_-]{{8,}}){_AFTER}"
        ),
        reference="gitleaks jwt; detect-secrets JwtTokenDetector",
    ),
    SecretRule(
        id="url-query-credential",
        prefilter=_compile(
            r"=(?:(?<=key=)|(?<=token=)|(?<=auth=)|(?<=secret=)|(?<=password=)|(?<=pwd=)"
            r"|(?<=sig=)|(?<=signature=))"
        ),
        pattern=_compile(
            r"[?&](?i:key|api[-_]?key|apikey|access[-_]?token|auth(?:[-_]?token)?|token"
            r"|secret|password|pwd|sig|signature)="
            r"(?P<secret>[A-Za-z0-9._~%+/=-]{8,})(?![A-Za-z0-9._~%+/=-])"
        ),
        reference="gitleaks generic-api-key; detect-secrets KeywordDetector (query values)",
        verify=_secret_looks_random,
    ),
    SecretRule(
        id="authorization-header",
        prefilter=_compile(r"authorization[\"']?\s*[:=]"),
        pattern=_compile(
            r"(?i:\bauthorization)[\"']?\s*[:=]\s*[\"']?"
            # A scheme, or none: some APIs take the bare token ("Authorization: <token>").
            r"(?:(?P<scheme>(?i:bearer|token|basic|apikey|key))\s+)?"
            # "$ALLTKN_API_KEY", "<token>" and "${TOKEN}" never match: $ < { are not token
            # characters, so the placeholders documentation uses pass without an allowlist.
            r"(?P<secret>[A-Za-z0-9._~+/=-]{8,})(?![A-Za-z0-9._~+/=-])"
        ),
        reference="gitleaks generic-api-key (curl-auth-header); detect-secrets KeywordDetector",
        verify=_authorization,
    ),
    SecretRule(
        id="api-key-header",
        prefilter=_SETTING,
        pattern=_compile(
            r"(?i:\b(?:x-api-key|api[-_]?key|x-auth-token|api[-_]?token|access[-_]?token"
            r"|secret[-_]?key|client[-_]?secret))[\"']?\s*[:=]\s*[\"']?"
            r"(?P<secret>[A-Za-z0-9_~+/=-]{12,})"
            # Not followed by . ( or [: "os.environ[...]" and "process.env.X" are code.
            r"(?![A-Za-z0-9_~+/=.(\[-])"
        ),
        reference="gitleaks generic-api-key; detect-secrets KeywordDetector",
        verify=_secret_looks_random,
    ),
    SecretRule(
        id="url-credentials",
        # The user may be empty: "redis://:password@host" is Redis' own form.
        prefilter=_compile(r"://[^\s:/@?#\"'<>]*:[^\s:/@?#\"'<>]+@"),
        pattern=_compile(
            r"\b[A-Za-z][A-Za-z0-9+.-]{1,20}://[^\s:/@?#\"'<>]*:"
            r"(?P<secret>[^\s:/@?#\"'<>]+)@(?P<host>[A-Za-z0-9.-]+)"
        ),
        reference="detect-secrets BasicAuthDetector; gitleaks generic-api-key",
        host_group="host",
    ),
    SecretRule(
        id="dsn-credentials",
        # Go's database/sql form has no scheme: "user:password@tcp(host:3306)/db".
        prefilter=_compile(r"@(?:tcp|udp|unix)\("),
        pattern=_compile(
            r"(?<![A-Za-z0-9_.%+-])[A-Za-z0-9_.%+-]*:"
            r"(?P<secret>[^\s:/@?#\"'<>()]+)@(?:tcp|udp|unix)\("
        ),
        reference="detect-secrets BasicAuthDetector (go-sql-driver/mysql DSN form)",
    ),
    SecretRule(
        id="credential-assignment",
        prefilter=_SETTING,
        pattern=_compile(
            # The name may carry a prefix: DB_PASSWORD, clientSecret, github.token.
            r"(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]*?"
            r"(?i:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key"
            r"|auth[_-]?key|private[_-]?key|credentials?|密码|口令|密钥)"
            r"[\"']?\s*(?::=|=>|[:=])\s*[\"']?"
            rf"(?P<secret>[{_VALUE_FIRST}][.{_VALUE}]{{6,}}[{_VALUE}])"
            # Not code: "settings.DB_PASSWORD", "os.getenv(...)", "config[...]".
            rf"(?![(\[{_VALUE}]|\.[(\[{_VALUE}])"
        ),
        reference="gitleaks generic-api-key; detect-secrets KeywordDetector",
        verify=_password_like,
    ),
    SecretRule(
        id="email-address",
        prefilter=_compile(r"@"),
        pattern=_compile(
            r"(?<![A-Za-z0-9._%+-])(?P<secret>[A-Za-z0-9._%+-]+@"
            r"(?P<host>(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}))"
            r"(?![A-Za-z0-9-]|\.[A-Za-z0-9])"
        ),
        reference="personal data (no gitleaks/detect-secrets rule); HTML5 e-mail grammar",
        verify=_email,
        host_group="host",
    ),
    SecretRule(
        id="id-card-cn",
        prefilter=_DIGITS,
        pattern=_compile(
            r"(?<![A-Za-z0-9_.+-])(?P<secret>[1-8]\d{5}(?P<sep>[ -]?)(?:18|19|20)\d{2}"
            r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?P=sep)\d{3}[0-9Xx])"
            r"(?![A-Za-z0-9_]|[.-]?\d)"
        ),
        reference="personal data (no gitleaks/detect-secrets rule); GB 11643, ISO 7064 MOD 11-2",
        verify=_id_card,
    ),
    SecretRule(
        id="bank-card-number",
        prefilter=_DIGITS,
        pattern=_compile(
            r"(?<![A-Za-z0-9_.+-])(?<!\d )(?P<secret>"
            r"[2-6]\d{3}(?P<sep>[ -]?)\d{4}(?P=sep)\d{4}(?P=sep)\d{4}(?:(?P=sep)?\d{1,3})?"
            r"|3[47]\d{2}(?P<amex>[ -]?)\d{6}(?P=amex)\d{5})"
            r"(?![A-Za-z0-9_]|[.-]?\d|(?P=sep)\d)"
        ),
        reference="personal data (no gitleaks/detect-secrets rule); ISO/IEC 7812 Luhn, IIN ranges",
        verify=_bank_card,
    ),
    SecretRule(
        id="phone-number-cn",
        prefilter=_compile(r"1[3-9]\d"),
        pattern=_compile(
            r"(?<![A-Za-z0-9_./+-])(?P<secret>(?:\(?(?:\+|00)86\)?[ -]?)?"
            # One separator style per number: "138 1234 5678", "138-1234-5678", "138.1234.5678"
            # or none (no-break and ideographic spaces reach the rule as spaces).
            r"1[3-9]\d(?P<sep>[ .-]?)\d{4}(?P=sep)\d{4})"
            r"(?![A-Za-z0-9_]|[.-]\d)"
        ),
        reference="personal data (no gitleaks/detect-secrets rule); MIIT 1[3-9] mobile ranges",
    ),
    SecretRule(
        id="phone-number-cn-landline",
        prefilter=_DIGITS,
        pattern=_compile(
            # An area code (010, 02x or 0xxx), then a 7 or 8 digit local number starting
            # 2-8. Bare digit runs are ids: the area code must be set apart or follow +86.
            r"(?<![A-Za-z0-9_./+-])(?P<secret>"
            r"(?:(?:\+|00)86[ -]?(?:\(0?(?:10|2\d|[3-9]\d\d)\)|0?(?:10|2\d|[3-9]\d\d))[ -]?"
            r"|\(0(?:10|2\d|[3-9]\d\d)\)[ -]?"
            r"|0(?:10|2\d|[3-9]\d\d)[ -])"
            r"[2-8]\d{2,3}[ -]?\d{4})"
            r"(?![A-Za-z0-9_]|\.\d)"
        ),
        reference="personal data (no gitleaks/detect-secrets rule); MIIT numbering plan",
    ),
    SecretRule(
        id="phone-number",
        # Only with a leading + and a country code: bare digit runs are ids, dates and sizes.
        prefilter=_compile(r"\+[1-9]"),
        pattern=_compile(
            r"(?<![A-Za-z0-9_+])(?P<secret>\+[1-9]\d{0,2}(?:[ .-]?\(?\d{1,4}\)?){2,6})"
            r"(?![A-Za-z0-9_]|[.-]?\d)"
        ),
        reference="personal data (no gitleaks/detect-secrets rule); ITU-T E.164",
        verify=_phone_digits,
    ),
    SecretRule(
        id="private-ip",
        prefilter=_compile(r"1(?:0|27|72|92|69)\."),
        pattern=_compile(
            r"(?<![A-Za-z0-9_.])(?P<secret>(?:10|127)(?:\.\d{1,3}){3}"
            r"|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2}"
            r"|192\.168(?:\.\d{1,3}){2}|169\.254(?:\.\d{1,3}){2})"
            r"(?![A-Za-z0-9_]|\.\d)"
        ),
        reference="internal routing (gitleaks/detect-secrets have none); RFC 1918, 3927, 1122",
        verify=_private_ipv4,
    ),
    SecretRule(
        id="private-ip-alternate",
        # "10.1" is a version number; only a URL makes "http://10.1/" the host 10.0.0.1.
        prefilter=_compile(r"://"),
        pattern=_compile(
            r"\b[A-Za-z][A-Za-z0-9+.-]{1,20}://(?:[^\s/@?#\"'<>]*@)?"
            r"(?P<secret>(?:0[xX][0-9A-Fa-f]+|\d+)(?:\.(?:0[xX][0-9A-Fa-f]+|\d+)){0,3})"
            r"(?![A-Za-z0-9_~%-]|\.[A-Za-z0-9])"
        ),
        reference="internal routing (gitleaks/detect-secrets have none); inet_aton, WHATWG URL",
        verify=_alternate_ipv4,
    ),
    SecretRule(
        id="private-ipv6",
        prefilter=_compile(r":(?:(?<=::)1|(?<=f[cd][0-9a-f]{2}:)|(?<=fe[89ab][0-9a-f]:))"),
        pattern=_compile(
            # ::1 bare, or in a URL as [::1]; "a[::1]" is a Python slice, not an address.
            r"(?:(?<=//\[)|(?<![^\s\"'=,(]))(?P<secret>::1"
            r"|(?i:f(?:[cd][0-9a-f]|e[89ab])[0-9a-f]:[0-9a-f:]*[0-9a-f]))"
            # A link-local address may carry its zone: fe80::1%eth0.
            r"(?=\]|%|[\s\"',)/]|$)"
        ),
        reference="internal routing (gitleaks/detect-secrets have none); RFC 4193, 4291",
        verify=_private_ipv6,
    ),
    SecretRule(
        id="internal-host",
        # The suffix must end the token, so that code such as openai.InternalServerError,
        # threading.local() or settings.local.py is not a host; .svc needs its namespace
        # label too (name.namespace.svc), so that self.svc is not one.
        prefilter=_compile(r"\.(?:internal|corp|local|lan|arpa|svc)"),
        pattern=_compile(
            rf"(?<![A-Za-z0-9_.-])(?P<secret>(?:{_LABEL})+(?i:internal|corp|local|lan|home\.arpa)"
            rf"|(?:{_LABEL}){{2,}}(?i:svc))"
            r"(?![A-Za-z0-9_-]|\.[A-Za-z0-9]|\()"
        ),
        reference="internal routing (gitleaks/detect-secrets have none); RFC 6762, 8375",
        verify=_internal_host,
        host_group="secret",
    ),
)
"""Every rule, most specific first."""
