"""Loopback servers and helpers used by tests, benchmarks and the demo job."""
