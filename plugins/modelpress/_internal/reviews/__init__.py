"""Reviews: the blog posts that cover releases, and everything about them that is not MkDocs.

Which reviews cover which release (:mod:`.coverage`), the checks on their front
matter (:mod:`.models`, :mod:`.meta`), where Material's blog publishes them
(:mod:`.posturl`), and the pieces a review page and the home page show: the
models strip, share-card tags, the excerpt and the front page. The package sits
below ``pages`` (model pages list the reviews that cover them) and ``checks``
(which run these checks on every page); it imports only ``records``,
``content`` and the bottom utilities, so it never reaches back up.
"""

from modelpress._internal.reviews.coverage import ReviewLink, is_draft, reviews_by_release
from modelpress._internal.reviews.meta import check_review_meta, check_site_reviews
from modelpress._internal.reviews.models import check_review_models
from modelpress._internal.reviews.posturl import post_path

__all__ = [
    "ReviewLink",
    "check_review_meta",
    "check_review_models",
    "check_site_reviews",
    "is_draft",
    "post_path",
    "reviews_by_release",
]
