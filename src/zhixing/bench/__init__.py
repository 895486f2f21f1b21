"""`make bench`: measured speed and memory of the platform (docs/benchmarks.md)."""
