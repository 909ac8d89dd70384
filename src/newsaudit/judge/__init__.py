"""Step 4, judge: the source's reputation and the article's credibility.

Importing this package registers its stages.
"""

from . import credibility, reputation  # noqa: F401  (registers judge.credibility, judge.reputation)
