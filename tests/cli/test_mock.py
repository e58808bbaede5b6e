"""``oruel mock`` (``oruel_client.cli.mock``): the local server in the foreground, until Ctrl-C."""

from __future__ import annotations

import signal
import subprocess

from .support import CLI, ROOT, env, free_port, read_until, run


def test_mock_subcommand_serves_in_the_foreground() -> None:
    port = free_port()
    proc = subprocess.Popen(
        [*CLI, "mock", "--host", "127.0.0.1", "--port", str(port)],
        env=env(None),
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        got = read_until(proc, b"\n", timeout=20)
        url = got.decode().strip().splitlines()[0]
        assert url.startswith(f"http://127.0.0.1:{port}")
        listed = run("models", base_url=url)
        assert listed.returncode == 0 and "llama-4-maverick" in listed.stdout.split()
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode in (0, 130)
    assert b"Traceback" not in err
