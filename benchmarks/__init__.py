"""Benchmarks: each ``bench_<topic>.py`` exposes ``run() -> list[dict]``; ``python -m benchmarks.run`` collects them."""
