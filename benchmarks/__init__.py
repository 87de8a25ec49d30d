"""Benchmarks: scripts that print figures (python -m benchmarks.speed); no timed assertions anywhere."""
