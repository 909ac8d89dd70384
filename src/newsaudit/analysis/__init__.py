"""Step 3, analyze: provenance, sourcing, entities, claims and language signals.

Importing this package registers its stages.
"""

from . import claims  # noqa: F401  (registers analysis.claims)
from . import entities  # noqa: F401  (registers analysis.entities)
from . import provenance  # noqa: F401  (registers analysis.provenance)
from . import signals  # noqa: F401  (registers analysis.signals)
from . import sourcing  # noqa: F401  (registers analysis.sourcing)
