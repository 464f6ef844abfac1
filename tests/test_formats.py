"""Published JSON is written by orjson for speed; its bytes must be the standard library's."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from answer_center.render.formats import json_bytes

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    # Any code point but lone surrogates (which are not UTF-8 and which loading refuses):
    # controls, U+2028, astral characters, non-characters.
    | st.text()
)
_JSON: Any = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


def _standard(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


@settings(max_examples=500)
@given(_JSON)
def test_published_json_is_byte_for_byte_what_the_standard_library_writes(data: Any) -> None:
    assert json_bytes(data) == _standard(data)


def test_an_api_document_keeps_its_layout() -> None:
    data: dict[str, Any] = {
        "b": [1, {"x": "限流\n\u2028\x01<", "a": []}],
        "a": {},
        "c": None,
        "d": True,
    }
    assert json_bytes(data) == _standard(data)
    assert json_bytes(data).startswith(b'{\n  "a": {},\n  "b": [\n    1,\n')
