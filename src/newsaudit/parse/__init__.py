"""Step 2, parse: page furniture, masthead and body.

Importing this package registers its stages.
"""

from . import furniture  # noqa: F401  (registers parse.furniture)
