"""Fake secrets generated at run time, so that no real-looking key is ever committed.

GitHub push protection blocks pushes that contain realistic keys; corpus files hold
templates such as ``sk-proj-{alnum:48}`` instead, filled here with deterministic text.
Numbers that a checksum makes real-looking (identity cards, bank cards) are computed here
too, with their check digit right or, for the near misses, deliberately wrong.
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Callable

_ALPHABETS = {
    "alnum": string.ascii_letters + string.digits,
    "alpha": string.ascii_letters,
    "hex": "0123456789abcdef",
    "b32": string.ascii_uppercase + "234567",
    "b64": string.ascii_letters + string.digits + "+/",
    "b64url": string.ascii_letters + string.digits + "-_",
    "digits": string.digits,
}

# GB 11643: ISO 7064 MOD 11-2 weights and check characters.
_ID_WEIGHTS = [pow(2, 17 - index, 11) for index in range(17)]
_ID_CHECK = "10X98765432"


def fake(kind: str, length: int, seed: object = 0) -> str:
    """Random-looking text of one alphabet, the same for the same seed.

    Mixes letters and digits like a real key: a random draw may lack one or the other,
    real keys of this length never do. Letters-only text gets both cases.
    """
    rnd = random.Random(f"{kind}:{length}:{seed}")
    alphabet = _ALPHABETS[kind]
    chars = [rnd.choice(alphabet) for _ in range(length)]
    letters = [c for c in alphabet if c.isalpha()]
    digits = [c for c in alphabet if c.isdigit()]
    if letters and digits and length >= 2:
        chars[0], chars[1] = rnd.choice(letters), rnd.choice(digits)
    elif not digits and length >= 2:
        chars[0], chars[1] = rnd.choice(string.ascii_uppercase), rnd.choice(string.ascii_lowercase)
    return "".join(chars)


def id_check(first17: str) -> str:
    """The GB 11643 check character of the first 17 digits of an identity card number."""
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def luhn_check(body: str) -> str:
    """The Luhn check digit that completes ``body`` into a valid card number."""
    total = 0
    for index, digit in enumerate(reversed(body)):
        value = int(digit) * (1 if index % 2 else 2)
        total += value - 9 if value > 9 else value
    return str(-total % 10)


def _wrong(right: str, rnd: random.Random) -> str:
    return rnd.choice([c for c in "0123456789X" if c != right])


def id_card(rnd: random.Random, *flags: str) -> str:
    """An 18-character resident identity card number (flags: spaced, badsum, baddate,
    badarea). Area 110101, or 990101 for badarea; born between 1950 and 2009, or on
    30 February for baddate."""
    area = "990101" if "badarea" in flags else "110101"
    if "baddate" in flags:
        birth = f"{rnd.randrange(1950, 2010)}0230"
    else:
        birth = f"{rnd.randrange(1950, 2010)}{rnd.randrange(1, 13):02d}{rnd.randrange(1, 29):02d}"
    first17 = f"{area}{birth}{rnd.randrange(1000):03d}"
    check = id_check(first17)
    if "badsum" in flags:
        check = _wrong(check, rnd)
    if "spaced" in flags:
        return f"{first17[:6]} {first17[6:14]} {first17[14:]}{check}"
    return first17 + check


def card(rnd: random.Random, prefix: str, length: str, *flags: str) -> str:
    """A card number of ``length`` digits starting with ``prefix`` (flags: spaced, badsum)."""
    body = prefix + "".join(rnd.choice(string.digits) for _ in range(int(length) - len(prefix) - 1))
    check = luhn_check(body)
    if "badsum" in flags:
        check = str((int(check) + rnd.randrange(1, 10)) % 10)
    number = body + check
    if "spaced" in flags:
        return " ".join(number[i : i + 4] for i in range(0, len(number), 4))
    return number


_GENERATORS: dict[str, Callable[..., str]] = {"idcard": id_card, "card": card}
_FIELD = re.compile(r"\{(" + "|".join(_ALPHABETS) + r"):(\d+)\}")
_GENERATED = re.compile(r"\{(" + "|".join(_GENERATORS) + r")((?::[A-Za-z0-9]+)*)\}")


def expand(template: str, seed: object = 0) -> str:
    """Fill a template's fields: ``{kind:N}`` (alnum, alpha, hex, b32, b64, b64url, digits),
    ``{idcard[:flag…]}`` and ``{card:PREFIX:LENGTH[:flag…]}``."""
    text = _FIELD.sub(lambda m: fake(m[1], int(m[2]), f"{seed}:{m.start()}"), template)
    return _GENERATED.sub(
        lambda m: _GENERATORS[m[1]](
            random.Random(f"{m[0]}:{seed}:{m.start()}"), *m[2].split(":")[1:]
        ),
        text,
    )
