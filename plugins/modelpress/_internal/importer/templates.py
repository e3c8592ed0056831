"""Template tags of the site generator a post comes from: Jekyll's Liquid, Hugo's shortcodes.

A post moved from a Jekyll or Hugo blog still holds its old site's template tags.
They mean nothing to MkDocs, and ``{{ … }}`` is where a review binds a record's
value, so a tag left as written fails the checks. The common ones become Markdown:

- Jekyll's ``{% highlight lang %}`` blocks and Hugo's ``{{< highlight lang >}}``
  → fenced code; ``{% raw %}`` / ``{% endraw %}`` → removed (what they wrap stays);
- the old site's address in links (``{{ site.baseurl }}``, ``{{ site.url }}``,
  ``{{ "/x" | relative_url }}``) → the path alone, reported (it is the old site's);
  ``{% post_url 2024-05-13-name %}`` → the review that post becomes (``name.md``);
- Hugo's ``tweet`` / ``x``, ``youtube``, ``vimeo``, ``gist`` and ``instagram``
  → a link to the post or video; ``figure`` → the image and its caption;
  ``ref`` / ``relref`` → a link to the review's file.

Any other tag (an ``include``, a theme's own shortcode, a Liquid variable) is kept
in an HTML comment at its place and reported there. Code blocks and code spans
are left as written: a post about Jekyll may show its tags.
"""

from __future__ import annotations

import posixpath
import re
import shlex
from urllib.parse import quote as url_quote

from modelpress._internal.diagnostics import quote
from modelpress._internal.importer.post import Draft, outside_code
from modelpress._internal.importer.site import slugify

__all__ = ["convert_template_tags"]

_FENCED = re.compile(
    r"^[ \t]*\{%-?\s*highlight\s+([\w+#.-]+)[^%\n]*-?%\}[ \t]*\n(.*?)\n?"
    r"[ \t]*\{%-?\s*endhighlight\s*-?%\}[ \t]*$"
    r"|^[ \t]*\{\{[<%]\s*highlight\s+([\w+#.-]+)[^>%\n]*[>%]\}\}[ \t]*\n(.*?)\n?"
    r"[ \t]*\{\{[<%]\s*/highlight\s*[>%]\}\}[ \t]*$",
    re.M | re.S,
)
_RAW = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}")
_SITE_ADDRESS = re.compile(
    r"\{\{-?\s*(?:site\.baseurl|site\.url|base_path|\.Site\.BaseURL)\s*-?\}\}"
    r"|\{\{-?\s*[\"']([^\"'\n]*)[\"']\s*\|\s*(?:relative_url|absolute_url|prepend:\s*"
    r"site\.baseurl)\s*-?\}\}"
)
_SHORTCODE = re.compile(r"\{\{([<%])\s*(/?)([\w.-]+)([^\n]*?)\s*/?([>%])\}\}")
_POST_LINK = re.compile(r"\{%-?\s*(?:post_url|link)\s+[\"']?([^\s%\"']+)[\"']?\s*-?%\}")
_DATED = re.compile(r"^\d{4}-\d{2}-\d{2}-(.+)$")
_LIQUID_TAG = re.compile(r"\{%-?\s*(\w+)[^\n]*?-?%\}")
_LIQUID_OUTPUT = re.compile(
    r"\{\{-?\s*(?:(?:site|page|post|include|layout|paginator|jekyll|forloop)\.[^{}\n]*"
    r"|[^{}\n|]*\|[^{}\n]*)-?\}\}"
)


def convert_template_tags(draft: Draft) -> None:
    """Turn the old site's template tags in ``draft.body`` into Markdown (see the module doc)."""
    if "{%" not in draft.body and "{{" not in draft.body:
        return
    body = _FENCED.sub(_fence, draft.body)
    draft.body = outside_code(body, lambda text: _prose(text, draft))


def _fence(match: re.Match[str]) -> str:
    language = match.group(1) or match.group(3)
    code = match.group(2) if match.group(1) else match.group(4)
    return f"```{language}\n{code}\n```"


def _prose(text: str, draft: Draft) -> str:
    text = _RAW.sub("", text)
    text = _SITE_ADDRESS.sub(lambda m: _site_address(m, draft), text)
    text = _POST_LINK.sub(_post_link, text)
    text = _SHORTCODE.sub(lambda m: _shortcode(m, draft), text)
    text = _LIQUID_TAG.sub(lambda m: _kept(m.group(0), "Jekyll tag", draft), text)
    return _LIQUID_OUTPUT.sub(lambda m: _kept(m.group(0), "Jekyll value", draft), text)


def _site_address(match: re.Match[str], draft: Draft) -> str:
    """The old site's address dropped; the path after it is a page of the old site, which
    only the built site's check could judge, so the writer is told here."""
    marker = draft.mark(
        "template-tag",
        f"{quote(match.group(0))} (the old site's address) was dropped from this link; the "
        "path left is the old site's: link the page of this site, or the full address",
    )
    return f"{marker}{match.group(1) or ''}"


def _post_link(match: re.Match[str]) -> str:
    """Jekyll's ``{% post_url 2024-05-13-name %}`` or ``{% link _posts/….md %}``: the
    review that post becomes (named as the import names a dated post); another page's
    path as written, for the link checks to find or report."""
    path = match.group(1)
    stem = posixpath.basename(path)
    for suffix in (".md", ".markdown", ".html"):
        stem = stem.removesuffix(suffix)
    dated = _DATED.match(stem)
    if dated:
        return f"{slugify(dated.group(1)) or dated.group(1)}.md"
    return path


def _shortcode(match: re.Match[str], draft: Draft) -> str:
    closing, name, arguments = match.group(2), match.group(3).lower(), match.group(4)
    if closing or match.group(1) != {">": "<", "%": "%"}[match.group(5)]:
        return _kept(match.group(0), "Hugo shortcode", draft)
    positional, named = _arguments(arguments)

    def given(key: str, at: int) -> str:
        return named.get(key) or (positional[at] if len(positional) > at else "")

    if name in ("tweet", "x", "twitter"):
        user, status = (given("user", 0), given("id", 1)) if len(positional) != 1 else ("", "")
        status = status or given("id", 0)
        if status.isdigit():
            address = f"https://x.com/{url_quote(user or 'i', safe='_')}/status/{status}"
            text = f"Post by @{user} on X" if user else "Post on X"
            return _link(text, address, name, draft)
    elif name == "youtube":
        video = given("id", 0)
        if video:
            address = f"https://www.youtube.com/watch?v={url_quote(video, safe='-_')}"
            return f"[Watch on YouTube]({address})"
    elif name == "vimeo":
        video = given("id", 0)
        if video:
            return _link("Watch on Vimeo", f"https://vimeo.com/{url_quote(video)}", name, draft)
    elif name == "gist":
        user, gist = given("user", 0), given("id", 1)
        if user and gist:
            address = f"https://gist.github.com/{url_quote(user)}/{url_quote(gist)}"
            return _link(f"Gist by {user}", address, name, draft)
    elif name == "instagram":
        post = given("id", 0)
        if post:
            address = f"https://www.instagram.com/p/{url_quote(post)}/"
            return _link("Post on Instagram", address, name, draft)
    elif name == "figure":
        source = named.get("src", "")
        if source:
            alt = named.get("alt") or named.get("title") or ""
            caption = named.get("caption") or named.get("title") or ""
            image = f"![{_plain(alt)}]({source})"
            return f"{image}\n*{_plain(caption)}*" if caption else image
    elif name in ("ref", "relref"):
        target = given("path", 0)
        if target:
            page, _, anchor = target.partition("#")
            file = posixpath.basename(page.rstrip("/")) or page
            file = file if file.endswith(".md") else f"{file}.md"
            return f"{file}#{anchor}" if anchor else file
    return _kept(match.group(0), "Hugo shortcode", draft)


def _arguments(text: str) -> tuple[list[str], dict[str, str]]:
    """A shortcode's positional and ``name="value"`` arguments; none when they do not split."""
    try:
        words = shlex.split(text)
    except ValueError:
        return [], {}
    positional: list[str] = []
    named: dict[str, str] = {}
    for word in words:
        key, equals, value = word.partition("=")
        if equals and re.fullmatch(r"[\w-]+", key):
            named[key.lower()] = value
        else:
            positional.append(word)
    return positional, named


def _link(text: str, address: str, name: str, draft: Draft) -> str:
    marker = draft.mark(
        "embed-link",
        f"a Hugo {quote(name)} shortcode became a link to {quote(address)}; what it showed "
        "was not in the source",
    )
    return f"{marker}[{text}]({address})"


def _kept(tag: str, kind: str, draft: Draft) -> str:
    marker = draft.mark(
        "template-tag",
        f"the {kind} {quote(tag)} of the old site has no meaning here; it was kept in a "
        "comment: write what it showed in Markdown, or delete it",
    )
    return f"{marker}<!-- {kind}: {tag.replace('--', '- -')} -->"


def _plain(text: str) -> str:
    """Text for an image's alt or a caption line: one line, no Markdown brackets or stars."""
    return " ".join(text.replace("[", "(").replace("]", ")").replace("*", "").split())
