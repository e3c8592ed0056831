"""Is a link target a URL at all? The syntax test shared by the source and online checks.

Imported posts carry link targets that are sentences
(``http://GROK%203%20IMPROVES%20DAILY—YOU’LL…``), bare domains without a scheme,
or hosts with spaces. Browsers and Python-Markdown publish them without a word;
this says what is wrong and how to fix it, before any request is made.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import SplitResult, unquote, urlsplit

__all__ = [
    "EXTERNAL_SCHEMES",
    "UNSAFE_SCHEMES",
    "Target",
    "browser_scheme",
    "classify",
    "unsafe_url_problem",
    "url_problem",
]

EXTERNAL_SCHEMES = frozenset({"http", "https"})
OTHER_SCHEMES = frozenset({"mailto", "tel", "ftp", "ftps", "data", "irc", "ircs", "sms", "xmpp"})
"""Schemes a page may link to that no check fetches; anything else is reported."""

UNSAFE_SCHEMES = frozenset({"javascript", "vbscript", "data"})
"""Schemes a link must not use: the first two run code when the link is clicked; a
``data:`` URL opens a page made of the URL itself (a phishing form, a script) and is
allowed only where it can be nothing but a picture (an image's source)."""

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")
_C0_OR_SPACE = "".join(chr(code) for code in range(0x21))
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_BARE_DOMAIN = re.compile(r"^(www\.|[a-z0-9-]+\.(com|org|net|io|ai|dev|co|edu|gov)(/|$))", re.I)
_WHITESPACE = re.compile(r"\s")


@dataclass(frozen=True)
class Target:
    """A link target sorted by what a check can do with it."""

    kind: str
    """``external`` (http/https), ``other`` (mailto: and friends), ``fragment`` (``#x``),
    or ``local`` (a path in the site)."""
    path: str = ""
    """For local targets: the decoded path, without query or fragment."""
    fragment: str = ""


def classify(target: str) -> Target:
    stripped = target.strip()
    if stripped.startswith("#"):
        return Target("fragment", fragment=unquote(stripped[1:]))
    if stripped.startswith("//"):
        return Target("external")
    scheme = _SCHEME.match(stripped)
    if scheme:
        name = scheme.group(1).lower()
        # "C:" drive letters are paths, not schemes.
        if len(name) > 1:
            return Target("external" if name in EXTERNAL_SCHEMES else "other")
    path, _, fragment = stripped.partition("#")
    path = path.partition("?")[0]
    return Target("local", unquote(path), unquote(fragment))


def browser_scheme(url: str) -> str | None:
    """The scheme a browser reads in ``url`` (lower case), or None for a relative URL.

    Follows the WHATWG URL parser, which is lenient in ways that hide a scheme from a
    plain ``startswith``: leading and trailing control characters and spaces are
    dropped, tabs and newlines are removed wherever they are (``java\\tscript:``), and
    the scheme is case-insensitive (``JaVaScRiPt:``). Character references are the
    caller's to decode (an HTML parser has already; Markdown sources need
    :func:`html.unescape`), since decoding twice would misread ``&amp;#106;``.
    """
    cleaned = url.strip(_C0_OR_SPACE).translate(_TAB_OR_NEWLINE)
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def unsafe_url_problem(url: str, *, image: bool = False) -> str | None:
    """Why a link or image must not point at ``url``, or None when its scheme is safe.

    The one place the scheme policy is written down: the source checks and the
    built-site check both ask it. ``image`` is true for an image's source
    (``![alt](…)``, ``<img src>``), the one place a ``data:`` URL is allowed.
    """
    scheme = browser_scheme(url)
    if scheme is None or scheme not in UNSAFE_SCHEMES:
        return None
    if scheme == "data":
        if image:
            return None
        return (
            "a data: URL opens as a page of its own (a form, a script), so only an image may "
            "use one; link an https:// page, or put the file in the docs folder and link it"
        )
    return (
        f"a {scheme}: URL runs code in the reader's browser when the link is clicked; link "
        "an https:// page instead"
    )


def url_problem(target: str) -> str | None:
    """Why ``target`` is not a usable link target, or None when it looks fine.

    Local paths are not judged here (whether they exist is another check), except
    for the commonest mistake: a bare domain missing its scheme.
    """
    stripped = target.strip()
    if not stripped:
        return "the link target is empty; put a URL or a path between the parentheses"
    kind = classify(stripped).kind
    if kind == "fragment":
        return None
    if kind == "local":
        if _BARE_DOMAIN.match(stripped):
            return (
                f"it has no scheme, so it is read as a file in this site; write https://{stripped}"
            )
        return None
    if kind != "external":
        scheme = stripped.split(":", 1)[0].lower()
        if scheme not in OTHER_SCHEMES:
            return f"unknown scheme {scheme!r}; links to the web start with https://"
        return None
    return _http_problem(stripped)


def _http_problem(url: str) -> str | None:
    if _WHITESPACE.search(url):
        return "it contains spaces; a URL cannot (encode them as %20, or is this a sentence?)"
    try:
        parts = urlsplit(url if not url.startswith("//") else "https:" + url)
        port = parts.port
    except ValueError as exc:
        return f"it cannot be parsed as a URL ({exc})"
    if not parts.netloc or not parts.hostname:
        return "it has no host name; a web address looks like https://example.org/page"
    host_problem = _host_problem(parts)
    if host_problem:
        return host_problem
    if port == 0:
        return "port 0 is not a port"
    return None


def _host_problem(parts: SplitResult) -> str | None:
    raw = parts.hostname or ""
    decoded = unquote(raw)
    if decoded != raw or _WHITESPACE.search(decoded):
        words = len(decoded.split())
        if words > 2:
            return (
                f"the host name reads as a sentence of {words} words; was text pasted as the "
                "link target? Put the URL in the parentheses and the words in the brackets"
            )
        return "the host name contains %-escapes or spaces; a host name cannot"
    try:
        ipaddress.ip_address(raw)
    except ValueError:
        pass
    else:
        return None
    try:
        ascii_host = raw.encode("idna").decode("ascii") if not raw.isascii() else raw
    except UnicodeError:
        return "the host name has characters no domain name can have"
    labels = ascii_host.rstrip(".").split(".")
    if len(ascii_host) > 253 or not all(_LABEL.match(label) for label in labels):
        return "the host name is not a valid domain name (letters, digits, '-' and dots only)"
    if len(labels) < 2 and ascii_host != "localhost":
        return "the host name has no dot; a web address needs a full domain such as example.org"
    if labels[-1].isdigit():
        return "the host name ends in a number; it is neither a domain nor an IP address"
    return None
