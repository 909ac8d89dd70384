"""Corpus runs: inputs read as records, audited in batches, written as tables."""

from .inputs import Record, input_kind, iter_input, read_inputs

__all__ = ["Record", "input_kind", "iter_input", "read_inputs"]
