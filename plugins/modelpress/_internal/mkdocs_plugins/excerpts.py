"""Blog excerpts kept between the preview server's builds.

Material's blog converts a post's whole Markdown each time a listing shows its
excerpt. After a title edit at 2,000 reviews, the four or five listings that show
the review are rendered again, and with them the excerpts of the nine other
reviews on each page: some forty conversions whose result did not change.

A conversion's HTML is decided by the post's Markdown step (its
:func:`~modelpress._internal.mkdocs_plugins.cache.post_inputs`), the site's
files, addresses and config (the session's site fingerprint), the listing's
address, the separator, and the charts drawn on the listing before it (they
number its charts); it reads records only through its charts, and those reads are
checked again before a kept excerpt is used. An excerpt whose HTML depends on how
often it was converted before (footnotes above the separator, or an extension
not known to be free of that) is never kept, nor one whose conversion logged
anything. Only ``modelpress serve`` keeps them: a one-shot build has no next
build to use them.

Material's conversion also keeps the rest of the post's HTML (``more``, which its
template only tests), so a whole conversion kept is nearly a whole post: about 15 KB,
106 MB for the 7,000 excerpts of a 2,000-review site. Most posts are now converted
only up to their separator (:mod:`.shownpart`), but not all, so the kept conversions
are compressed (zlib's fastest level, about a fifth) and taken apart only when used.
"""

from __future__ import annotations

import copy
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from modelpress._internal.cache.access import Read

__all__ = ["ExcerptMemo", "KeptExcerpt"]


@dataclass(frozen=True)
class KeptExcerpt:
    """What Material's ``Excerpt.render`` leaves on the excerpt, and what it read."""

    key: str
    html: bytes
    """The excerpt's HTML, then the rest of the post's (if any), compressed."""
    split: int
    """Where the excerpt's HTML ends in ``html`` once decompressed (``-1``: no rest)."""
    toc: Any
    charts: int
    """Charts the conversion drew (they number the listing's next excerpt's)."""
    reads: frozenset[Read]
    read_digests: Mapping[str, str]
    """The reads' fingerprints then (:meth:`TableDigests.of_reads`)."""

    @classmethod
    def of(
        cls, excerpt: Any, key: str, charts: int, reads: frozenset[Read], digests: Mapping[str, str]
    ) -> KeptExcerpt:
        content: str = excerpt.content
        more = getattr(excerpt, "more", None)
        rest = more if isinstance(more, str) else None
        text = content if rest is None else content + rest
        return cls(
            key,
            zlib.compress(text.encode("utf-8", "surrogatepass"), 1),
            -1 if rest is None else len(content),
            copy.deepcopy(excerpt.toc),
            charts,
            reads,
            dict(digests),
        )

    def apply(self, excerpt: Any) -> None:
        """Leave ``excerpt`` as Material's conversion would (``Excerpt.render``)."""
        post = excerpt.post
        excerpt.markdown = (
            post.markdown if post._title_from_render else f"# {post.title}\n\n{post.markdown}"
        )
        text = zlib.decompress(self.html).decode("utf-8", "surrogatepass")
        if self.split < 0:
            excerpt.content = text
        else:  # Material sets ``more`` only when the separator is there
            excerpt.content, excerpt.more = text[: self.split], text[self.split :]
        # Material adds the excerpt's first heading to the listing's table of contents.
        excerpt.toc = copy.deepcopy(self.toc)
        excerpt.file.url = post.url


class ExcerptMemo:
    """The last conversion of each post's excerpt for each listing, by their sources."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, str], KeptExcerpt] = {}
        self.converted = 0
        """Excerpts converted in this build while the memo was on (kept or not)."""
        self.reused = 0
        """Excerpts taken from the memo in this build."""

    def start(self) -> None:
        """Count afresh for one build (the kept excerpts stay)."""
        self.converted = self.reused = 0

    def get(
        self, post: str, listing: str, key: str, unchanged: Callable[[Mapping[str, str]], bool]
    ) -> KeptExcerpt | None:
        """The kept conversion if it was made with ``key`` and its reads are unchanged."""
        found = self._kept.get((post, listing))
        if found is None or found.key != key or not unchanged(found.read_digests):
            return None
        self.reused += 1
        return found

    def keep(self, post: str, listing: str, kept: KeptExcerpt) -> None:
        """One per post and listing: a newer conversion replaces the older."""
        self._kept[(post, listing)] = kept

    def clear(self) -> None:
        self._kept.clear()
