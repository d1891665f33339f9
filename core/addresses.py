"""Addresses for long lists: reverse each kind of address once, with a placeholder for the one argument that varies,
and put each row's id or slug in its place. An XL agenda or schedule.json reversed thousands of times the same
patterns (docs/PERFORMANCE.md)."""

import re

PLACEHOLDER = "convene-placeholder"
# What <slug:…> accepts: reverse() writes such a value as it is, so putting it in the placeholder's place gives
# the address reverse() would give. Other values must go through reverse() (it quotes them, or refuses them).
URL_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


def substituting(url):
    """`url`, reversed with PLACEHOLDER for one argument, as a function of that argument (None stays None)."""
    if url is None:
        return lambda value: None
    before, _sep, after = url.partition(PLACEHOLDER)
    return lambda value: f"{before}{value}{after}"
