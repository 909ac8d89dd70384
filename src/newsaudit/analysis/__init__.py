"""Step 3, analyze: provenance, sourcing, entities, claims and language signals.

Importing this package registers its stages.
"""

from . import (
    claims,  # noqa: F401  (registers analysis.claims)
    entities,  # noqa: F401  (registers analysis.entities)
    provenance,  # noqa: F401  (registers analysis.provenance)
    signals,  # noqa: F401  (registers analysis.signals)
    sourcing,  # noqa: F401  (registers analysis.sourcing)
)
