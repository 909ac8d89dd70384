"""Step 3, analyze: provenance, sourcing, entities, claims and language signals.

Importing this package registers its stages.
"""
