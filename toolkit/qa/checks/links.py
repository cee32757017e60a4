"""URLs, e-mail addresses, @handles and #hashtags lost, changed or added (``*-mismatch``)."""

from __future__ import annotations

import re
from collections import Counter

from ...core.flags import Flag
from ..registry import CheckContext, check

_TLDS = (
    "com|org|net|gov|edu|int|info|io|ir|ru|az|am|ge|tv|tr|ua|kz|uk|de|fr|eu|news|ch|nl|pl|cn|jp|"
    "ca|au|il|ae|sa|qa|af|pk|tj|uz|tm|kg|by|md"
)
_URL = re.compile(
    r"(?i:\bhttps?://|\bwww\.)[^\s<>\"“”«»]+"
    rf"|(?<![@\w.-])(?:[a-z0-9][a-z0-9-]+\.)+(?:{_TLDS})\b(?:/[^\s<>\"“”«»]*)?",
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
_HANDLE = re.compile(r"(?<![\w@/.#&])[@#](?=[^\W\d_])[\w]{2,}|(?<![\w@/.])@\w{2,}")


def _trim_url(url: str) -> str:
    url = url.rstrip(".,;:!?'’\"”»")
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1].rstrip(".,;:!?")
    return url


def find_urls(text: str) -> list[str]:
    """Return the URLs and bare domains of ``text`` as written (e-mail addresses excluded)."""
    masked = _EMAIL.sub(lambda m: " " * len(m.group()), text)
    return [_trim_url(m.group()) for m in _URL.finditer(masked)]


def find_emails(text: str) -> list[str]:
    """Return the e-mail addresses of ``text``."""
    return [m.group().rstrip(".") for m in _EMAIL.finditer(text)]


def find_handles(text: str) -> list[str]:
    """Return the @handles and #hashtags of ``text`` (not e-mail addresses or URL fragments)."""
    return [m.group() for m in _HANDLE.finditer(mask_addresses(text))]


def _url_key(url: str) -> str:
    url = re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=re.I).rstrip("/")
    host, _, rest = url.partition("/")
    return host.lower() + ("/" + rest if rest else "")


def _mismatch(
    kind: str, what: str, ref: list[str], ours: list[str], key, ref_name: str
) -> list[Flag]:
    """Flag items of ``ref`` that ``ours`` lost or changed, and items ``ours`` added."""
    lost = Counter(key(x) for x in ref) - Counter(key(x) for x in ours)
    added = Counter(key(x) for x in ours) - Counter(key(x) for x in ref)
    lost_items = [x for x in dict.fromkeys(ref) if lost[key(x)] > 0]
    added_items = [x for x in dict.fromkeys(ours) if added[key(x)] > 0]
    flags: list[Flag] = []
    while lost_items and added_items:
        was, now = lost_items.pop(0), added_items.pop(0)
        flags.append(Flag(kind, now, f"changed: the {ref_name} has {was}"))
    flags += [Flag(kind, x, f"the {ref_name}'s {what} is missing") for x in lost_items]
    flags += [Flag(kind, x, f"a {what} the {ref_name} does not have") for x in added_items]
    return flags


def url_flags(reference: str, text: str, ref_name: str = "original") -> list[Flag]:
    """Flag URLs (and bare domains) lost, changed or added against ``reference``.

    >>> url_flags("See https://mehrnews.com/x1.", "See https://mehrnews.com/x7.")[0].detail
    'changed: the original has https://mehrnews.com/x1'
    """
    return _mismatch(
        "url-mismatch", "URL", find_urls(reference), find_urls(text), _url_key, ref_name
    )


def email_flags(reference: str, text: str, ref_name: str = "original") -> list[Flag]:
    """Flag e-mail addresses lost, changed or added against ``reference``."""
    ref, ours = find_emails(reference), find_emails(text)
    return _mismatch("email-mismatch", "e-mail address", ref, ours, str.lower, ref_name)


def handle_flags(reference: str, text: str, ref_name: str = "original") -> list[Flag]:
    """Flag @handles and #hashtags lost, changed or added against ``reference``."""
    ref, ours = find_handles(reference), find_handles(text)
    return _mismatch("handle-mismatch", "handle", ref, ours, str.casefold, ref_name)


def mask_addresses(text: str, fill: str = " ") -> str:
    """Return ``text`` with its e-mail addresses and URLs overwritten by ``fill`` (same length)."""
    masked = _EMAIL.sub(lambda m: fill * len(m.group()), text)
    return _URL.sub(lambda m: fill * len(m.group()), masked)


_LINKS = ("url-mismatch", "email-mismatch", "handle-mismatch")


@check("links", kinds=_LINKS, applies_to=("generated", "given"),
       help="URLs, e-mail addresses, @handles and #hashtags lost or changed")
def links(original: str, text: str, ctx: CheckContext) -> list[Flag]:
    return url_flags(original, text) + email_flags(original, text) + handle_flags(original, text)


@check("links-source", kinds=_LINKS, target="original",
       help="URLs, e-mail addresses, @handles and #hashtags of --source lost or changed by the MT")
def links_source(original: str, _: str, ctx: CheckContext) -> list[Flag]:
    if not ctx.source:
        return []
    s = ctx.source
    return (url_flags(s, original, "source") + email_flags(s, original, "source")
            + handle_flags(s, original, "source"))
