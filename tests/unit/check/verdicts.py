"""How the check tests read a verdict: the one line a check prints, and whether it is ✓ or ✗.

Not a test module: the test files beside it import it (`from verdicts import said, right, wrong`);
pytest puts their folder on sys.path, as tests/ has no __init__.py files.
"""

import contextlib
import io
import warnings

LAST_RESORT = "could not be checked"  # the safety net's text: no known answer should reach it


def said(function, *args, forbidden=()):
    """The one line a check prints; fails if it prints more, returns something, or warns, or if
    the line holds any of the `forbidden` pieces (of the answer)."""
    out = io.StringIO()
    with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(out):
        warnings.simplefilter("always")
        assert function(*args) is None
    text = out.getvalue()
    assert not caught, [str(w.message) for w in caught]
    assert text.count("\n") == 1 and text.endswith("\n"), f"not exactly one line: {text!r}"
    assert text.startswith(("✓ ", "✗ Not yet. ")), text
    assert "Traceback" not in text and LAST_RESORT not in text, text
    for piece in forbidden:
        assert piece not in text, (piece, text)
    return text


def right(function, *args, forbidden=()):
    """A ✓ line (see said)."""
    text = said(function, *args, forbidden=forbidden)
    assert text.startswith("✓"), text
    return text


def wrong(function, *args, forbidden=()):
    """A ✗ line (see said) that holds none of the `forbidden` pieces."""
    text = said(function, *args, forbidden=forbidden)
    assert text.startswith("✗ Not yet."), text
    return text
