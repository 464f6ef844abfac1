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
"""

from __future__ import annotations

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
    """The rule id; diagnostics report it as ``secret/<id>``."""
    description: str
    """What a match is, for the message (``"an OpenAI API key"``)."""
    prefilter: re.Pattern[str]
    """Matches the lowercased form of every text the pattern matches: a cheap necessary test.

    Most patterns start with a look-behind, so the regex engine tries them at every character;
    a lowercase literal such as ``@`` or ``sk-`` is found by a fast search instead, once per
    document, and its hits name the few strings to scan (see BENCHMARKS.md).
    Lowercase, so that one folded copy of the text serves case-insensitive rules as well.
    """
    pattern: re.Pattern[str]
    """Finds candidates; the ``secret`` group (or the whole match) is what gets masked."""
    reference: str
    """The public rule this one follows, for reviewers."""
    placeholder: str
    """What to write instead, suggested in the message."""
    verify: Callable[[re.Match[str]], bool] | None = None
    """A second look at a candidate that a regex alone cannot take (octets, digit counts)."""
    host_group: str | None = None
    """The group holding a host name, checked against the allowlist's domains."""

    def secret(self, match: re.Match[str]) -> str:
        """The sensitive part of a match: the text that is masked and allowlisted."""
        return match.group("secret") if "secret" in self.pattern.groupindex else match.group()

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


def _authorization(match: re.Match[str]) -> bool:
    # Basic credentials are base64 of user:password, which need not contain a digit.
    if match.group("scheme").lower() == "basic":
        return True
    return _looks_random(match.group("secret"))


def _private_ipv4(match: re.Match[str]) -> bool:
    try:
        address = ipaddress.IPv4Address(match.group("secret"))
    except ValueError:  # an octet over 255 or with a leading zero: a version number, not an IP
        return False
    return address.is_private or address.is_loopback or address.is_link_local


def _private_ipv6(match: re.Match[str]) -> bool:
    try:
        address = ipaddress.IPv6Address(match.group("secret"))
    except ValueError:
        return False
    return address.is_loopback or address in ipaddress.IPv6Network("fc00::/7")


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


RULES: tuple[SecretRule, ...] = (
    SecretRule(
        id="private-key",
        description="a PEM private key block",
        prefilter=_compile(r"private key"),
        pattern=_compile(
            r"-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----\s*"
            # Encrypted keys carry "Proc-Type:"/"DEK-Info:" headers before the body.
            r"(?:[A-Za-z-]+:[^\n]*\n\s*)*"
            # At least 40 base64 characters: "-----BEGIN ... KEY-----\n...\n" stays allowed.
            r"(?P<secret>[A-Za-z0-9+/=][A-Za-z0-9+/=\s]{38,}[A-Za-z0-9+/=])"
        ),
        reference="gitleaks private-key; detect-secrets PrivateKeyDetector",
        placeholder="-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----",
    ),
    SecretRule(
        id="anthropic-api-key",
        description="an Anthropic API key",
        prefilter=_compile(r"sk-ant-"),
        pattern=_compile(rf"{_BEFORE}(?P<secret>sk-ant-[{_TOKEN}]{{20,}}){_AFTER}"),
        reference="gitleaks anthropic-api-key, anthropic-admin-api-key (any length)",
        placeholder="YOUR_API_KEY",
        verify=_secret_looks_random,
    ),
    SecretRule(
        id="openai-api-key",
        description="an OpenAI API key",
        prefilter=_compile(r"sk-(?:proj|svcacct|admin)-"),
        pattern=_compile(
            rf"{_BEFORE}(?P<secret>sk-(?:proj|svcacct|admin)-[{_TOKEN}]{{20,}}){_AFTER}"
        ),
        reference="gitleaks openai-api-key (without the T3BlbkFJ marker it requires)",
        placeholder="YOUR_API_KEY",
        verify=_secret_looks_random,
    ),
    SecretRule(
        id="generic-sk-key",
        description="an sk- style API key",
        # OpenAI's legacy keys and most OpenAI-compatible gateways: sk- and 20+ characters.
        prefilter=_compile(r"sk-"),
        pattern=_compile(rf"{_BEFORE}(?P<secret>sk-[A-Za-z0-9][{_TOKEN}]{{19,}}){_AFTER}"),
        reference="gitleaks openai-api-key (legacy sk- form), generic-api-key",
        placeholder="YOUR_API_KEY",
        verify=_secret_looks_random,
    ),
    SecretRule(
        id="aws-access-key-id",
        description="an AWS access key id",
        prefilter=_compile(r"a(?:kia|sia|bia|cca|3t)"),
        pattern=_compile(
            r"(?<![A-Za-z0-9])(?P<secret>(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})"
            r"(?![A-Za-z0-9])"
        ),
        reference="gitleaks aws-access-token; detect-secrets AWSKeyDetector",
        placeholder="YOUR_AWS_ACCESS_KEY_ID",
    ),
    SecretRule(
        id="github-token",
        description="a GitHub token",
        prefilter=_compile(r"gh[pousr]_|github_pat_"),
        pattern=_compile(
            rf"{_BEFORE}(?P<secret>gh[pousr]_[A-Za-z0-9]{{36,255}}"
            rf"|github_pat_[A-Za-z0-9_]{{22,255}}){_AFTER}"
        ),
        reference=(
            "gitleaks github-pat, github-oauth, github-app-token, github-refresh-token, "
            "github-fine-grained-pat; detect-secrets GitHubTokenDetector"
        ),
        placeholder="YOUR_GITHUB_TOKEN",
    ),
    SecretRule(
        id="gitlab-token",
        description="a GitLab token",
        prefilter=_compile(r"gl(?:pat|dt|rt|ptt|cbt|soat)-"),
        pattern=_compile(
            rf"{_BEFORE}(?P<secret>gl(?:pat|dt|rt|ptt|cbt|soat)-[{_TOKEN}]{{20,}}){_AFTER}"
        ),
        reference="gitleaks gitlab-pat, gitlab-deploy-token, gitlab-runner-authentication-token",
        placeholder="YOUR_GITLAB_TOKEN",
    ),
    SecretRule(
        id="slack-token",
        description="a Slack token",
        prefilter=_compile(r"xox|xapp-"),
        pattern=_compile(
            r"(?<![A-Za-z0-9_-])(?P<secret>xox[abposre]-[A-Za-z0-9-]{10,}"
            r"|xapp-\d-[A-Za-z0-9-]{10,})(?![A-Za-z0-9_-])"
        ),
        reference=(
            "gitleaks slack-bot-token, slack-user-token, slack-app-token, slack-legacy-token; "
            "detect-secrets SlackDetector"
        ),
        placeholder="YOUR_SLACK_TOKEN",
        verify=_secret_looks_random,
    ),
    SecretRule(
        id="slack-webhook-url",
        description="a Slack webhook URL",
        prefilter=_compile(r"hooks\.slack\.com/"),
        pattern=_compile(
            r"(?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/"
            r"(?P<secret>[A-Za-z0-9+/_-]{20,})"
        ),
        reference="gitleaks slack-webhook-url; detect-secrets SlackDetector",
        placeholder="https://hooks.slack.com/services/YOUR_WEBHOOK_PATH",
    ),
    SecretRule(
        id="jwt",
        description="a JSON Web Token",
        prefilter=_compile(r"eyj"),
        pattern=_compile(
            rf"{_BEFORE}(?P<secret>eyJ[A-Za-z0-9_-]{{8,}}\.ey[A-Za-z0-9_-]{{8,}}"
            rf"\.[A-Za-z0-9_-]{{8,}}){_AFTER}"
        ),
        reference="gitleaks jwt; detect-secrets JwtTokenDetector",
        placeholder="YOUR_TOKEN",
    ),
    SecretRule(
        id="authorization-header",
        description="an Authorization header with credentials",
        prefilter=_compile(r"authorization[\"']?\s*[:=]"),
        pattern=_compile(
            r"(?i:\bauthorization)[\"']?\s*[:=]\s*[\"']?"
            r"(?P<scheme>(?i:bearer|token|basic))\s+"
            # "$ALLTKN_API_KEY", "<token>" and "${TOKEN}" never match: $ < { are not token
            # characters, so the placeholders documentation uses pass without an allowlist.
            r"(?P<secret>[A-Za-z0-9._~+/=-]{8,})(?![A-Za-z0-9._~+/=-])"
        ),
        reference="gitleaks generic-api-key (curl-auth-header); detect-secrets KeywordDetector",
        placeholder="Bearer $ALLTKN_API_KEY",
        verify=_authorization,
    ),
    SecretRule(
        id="api-key-header",
        description="an API key header or setting with a real-looking value",
        prefilter=_compile(r"(?:key|token|secret)[\"']?\s*[:=]"),
        pattern=_compile(
            r"(?i:\b(?:x-api-key|api[-_]?key|x-auth-token|api[-_]?token|access[-_]?token"
            r"|secret[-_]?key|client[-_]?secret))[\"']?\s*[:=]\s*[\"']?"
            r"(?P<secret>[A-Za-z0-9_~+/=-]{12,})"
            # Not followed by . ( or [: "os.environ[...]" and "process.env.X" are code.
            r"(?![A-Za-z0-9_~+/=.(\[-])"
        ),
        reference="gitleaks generic-api-key; detect-secrets KeywordDetector",
        placeholder="$ALLTKN_API_KEY",
        verify=_secret_looks_random,
    ),
    SecretRule(
        id="url-credentials",
        description="a URL with a user name and password",
        prefilter=_compile(r"://[^\s:/@?#\"'<>]+:[^\s:/@?#\"'<>]+@"),
        pattern=_compile(
            r"\b[A-Za-z][A-Za-z0-9+.-]{1,20}://[^\s:/@?#\"'<>]+:"
            r"(?P<secret>[^\s:/@?#\"'<>]+)@(?P<host>[A-Za-z0-9.-]+)"
        ),
        reference="detect-secrets BasicAuthDetector; gitleaks generic-api-key",
        placeholder="https://user:YOUR_PASSWORD@example.com",
        host_group="host",
    ),
    SecretRule(
        id="email-address",
        description="an e-mail address",
        prefilter=_compile(r"@"),
        pattern=_compile(
            r"(?<![A-Za-z0-9._%+-])(?P<secret>[A-Za-z0-9._%+-]+@"
            r"(?P<host>(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}))"
            r"(?![A-Za-z0-9-]|\.[A-Za-z0-9])"
        ),
        reference="personal data (no gitleaks/detect-secrets rule); HTML5 e-mail grammar",
        placeholder="support@example.com",
        verify=_email,
        host_group="host",
    ),
    SecretRule(
        id="phone-number-cn",
        description="a mainland China mobile number",
        prefilter=_compile(r"1[3-9]\d"),
        pattern=_compile(
            r"(?<![A-Za-z0-9_./+-])(?P<secret>(?:(?:\+|00)86[ -]?)?"
            # One separator style per number: "138 1234 5678" or "138-1234-5678" or none.
            r"1[3-9]\d(?P<sep>[ -]?)\d{4}(?P=sep)\d{4})"
            r"(?![A-Za-z0-9_]|[.-]\d)"
        ),
        reference="personal data (no gitleaks/detect-secrets rule); MIIT 1[3-9] mobile ranges",
        placeholder="a description such as 'your registered phone number'",
    ),
    SecretRule(
        id="phone-number",
        description="an international phone number",
        # Only with a leading + and a country code: bare digit runs are ids, dates and sizes.
        prefilter=_compile(r"\+[1-9]"),
        pattern=_compile(
            r"(?<![A-Za-z0-9_+])(?P<secret>\+[1-9]\d{0,2}(?:[ .-]?\(?\d{1,4}\)?){2,6})"
            r"(?![A-Za-z0-9_]|[.-]?\d)"
        ),
        reference="personal data (no gitleaks/detect-secrets rule); ITU-T E.164",
        placeholder="a description such as 'your registered phone number'",
        verify=_phone_digits,
    ),
    SecretRule(
        id="private-ip",
        description="a private, loopback or link-local IPv4 address",
        prefilter=_compile(r"1(?:0|27|72|92|69)\."),
        pattern=_compile(
            r"(?<![A-Za-z0-9_.])(?P<secret>(?:10|127)(?:\.\d{1,3}){3}"
            r"|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2}"
            r"|192\.168(?:\.\d{1,3}){2}|169\.254(?:\.\d{1,3}){2})"
            r"(?![A-Za-z0-9_]|\.\d)"
        ),
        reference="internal routing (gitleaks/detect-secrets have none); RFC 1918, 3927, 1122",
        placeholder="192.0.2.10 (RFC 5737 documentation range)",
        verify=_private_ipv4,
    ),
    SecretRule(
        id="private-ipv6",
        description="a loopback or unique-local IPv6 address",
        prefilter=_compile(r"::1|f[cd][0-9a-f]{2}:"),
        pattern=_compile(
            # ::1 bare, or in a URL as [::1]; "a[::1]" is a Python slice, not an address.
            r"(?:(?<=//\[)|(?<![^\s\"'=,(]))(?P<secret>::1"
            r"|(?i:f[cd][0-9a-f]{2}:[0-9a-f:]*[0-9a-f]))"
            r"(?=\]|[\s\"',)/]|$)"
        ),
        reference="internal routing (gitleaks/detect-secrets have none); RFC 4193, 4291",
        placeholder="2001:db8::2 (RFC 3849 documentation range)",
        verify=_private_ipv6,
    ),
    SecretRule(
        id="internal-host",
        description="an internal host name",
        # Lowercase labels only and the suffix must end the token, so that code such as
        # openai.InternalServerError, threading.local() or settings.local.py is not a host.
        prefilter=_compile(r"\.(?:internal|corp|local|lan)"),
        pattern=_compile(
            r"(?<![A-Za-z0-9_.-])(?P<secret>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+"
            r"(?:internal|corp|local|lan))"
            r"(?![A-Za-z0-9_-]|\.[A-Za-z0-9]|\()"
        ),
        reference="internal routing (gitleaks/detect-secrets have none); RFC 6762, 8375",
        placeholder="api.example.com",
        host_group="secret",
    ),
)
"""Every rule, most specific first."""
