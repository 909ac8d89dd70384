"""Corpus runs: inputs read as records, audited in batches, written as tables.

``newsaudit batch`` runs :func:`newsaudit.corpus.batch.run_batch`; the tables are
described in :mod:`newsaudit.corpus.tables` and ``docs/batch.md``.
"""

from .api import analyze_many, read_results
from .inputs import Record, input_kind, iter_input, read_inputs

__all__ = [
    "Record",
    "analyze_many",
    "input_kind",
    "iter_input",
    "read_inputs",
    "read_results",
]
