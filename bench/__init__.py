"""Benchmarks of oruel_client (the facade and the generated endpoint functions) against the openai SDK, the
together SDK and raw httpx.

Run ``python -m bench`` (full, writes BENCHMARKS.md) or ``python -m bench --quick`` (CI). Modules:

* ``server``: the benchmark HTTP server, run as its own process (``python -m bench.server``).
* ``clients``: one adapter per client (oruel, oruel-fn, openai, together, httpx), doing identical work.
* ``harness``: the server process, round-robin scheduling, statistics.
* ``scenarios``: the six measurements.
* ``memory``: the per-client memory run (``python -m bench.memory``), one fresh process each.
* ``report``: targets, the terminal table, BENCHMARKS.md.
* ``profiling``: ``python -m bench --profile``.
* ``batch``: ``python -m bench.batch``, the batch runner against a minimal asyncio + httpx loop.
* ``ray_data``: ``python -m bench.ray_data``, Ray Data's own HTTP step against oruel on Ray Data and
  ``oruel batch``, one rate-limited local server, a local Ray cluster (issue 20).
"""
