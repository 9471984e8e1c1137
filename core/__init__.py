"""Mechanisms every app shares and that know nothing of the domain: the refusals services raise
(``errors``), row locks (``locking``), after-commit batching, process memoisation, ids from
outside, and page mixins. Every other app may import from here; this package imports no app."""
