"""Split page text into body and furniture, line by line."""

from __future__ import annotations

import re

from ..article import Article
from ..options import Options
from ..pipeline import stage


@stage("parse.furniture", version="0", requires=("text",), assigns=("furniture", "masthead", "body"))
def parse_furniture(article: Article, options: Options) -> None:
    """Keep every non-blank line as body (baseline until the line classifier lands)."""
    article.body = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", article.text)]
