"""Benchmarks: newsspider's cost as ratios against baselines measured in the same run (not part of the package)."""
