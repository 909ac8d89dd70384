"""Corpus runs: inputs read as records, audited in batches, written as tables."""

from .api import analyze_many, read_results
from .batch import BatchResult, run_batch
from .inputs import Record, input_kind, iter_input, read_inputs

__all__ = [
    "BatchResult",
    "Record",
    "analyze_many",
    "input_kind",
    "iter_input",
    "read_inputs",
    "read_results",
    "run_batch",
]
