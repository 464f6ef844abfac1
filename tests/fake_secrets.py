"""Fake secrets generated at run time, so that no real-looking key is ever committed.

GitHub push protection blocks pushes that contain realistic keys; corpus files hold
templates such as ``sk-proj-{alnum:48}`` instead, filled here with deterministic text.
"""

from __future__ import annotations

import random
import re
import string

_ALPHABETS = {
    "alnum": string.ascii_letters + string.digits,
    "hex": "0123456789abcdef",
    "b32": string.ascii_uppercase + "234567",
    "b64": string.ascii_letters + string.digits + "+/",
    "b64url": string.ascii_letters + string.digits + "-_",
    "digits": string.digits,
}
_FIELD = re.compile(r"\{(" + "|".join(_ALPHABETS) + r"):(\d+)\}")


def fake(kind: str, length: int, seed: object = 0) -> str:
    """Random-looking text of one alphabet, the same for the same seed.

    Mixes letters and digits like a real key: a random draw may lack one or the other,
    real keys of this length never do.
    """
    rnd = random.Random(f"{kind}:{length}:{seed}")
    alphabet = _ALPHABETS[kind]
    chars = [rnd.choice(alphabet) for _ in range(length)]
    letters = [c for c in alphabet if c.isalpha()]
    digits = [c for c in alphabet if c.isdigit()]
    if letters and digits and length >= 2:
        chars[0], chars[1] = rnd.choice(letters), rnd.choice(digits)
    return "".join(chars)


def expand(template: str, seed: object = 0) -> str:
    """Fill a template's ``{kind:N}`` fields (alnum, hex, b32, b64, b64url, digits)."""
    return _FIELD.sub(lambda m: fake(m[1], int(m[2]), f"{seed}:{m.start()}"), template)
