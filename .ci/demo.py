"""The main job of the quick start (`python3 .ci/tasks.py demo`): start the local Oru-el server, stream a chat
through the CLI and through the README's Python example (run from README.md itself, so the README cannot go
stale), stop the server."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

from oruel_client.mock.server import MockServer

ROOT = Path(__file__).resolve().parent.parent
DEMO_KEY = "oruel_" + "0" * 48  # the local server accepts any well-formed key


def readme_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- readme-example:.*?-->\s*```python\n(.*?)```", text, re.S)
    if match is None:
        raise SystemExit("README.md has no readme-example block")
    return match.group(1)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    with MockServer(port=args.port) as server:
        env = {**os.environ, "ORUEL_BASE_URL": server.url, "ORUEL_API_KEY": DEMO_KEY}
        print(f"== local Oru-el server at {server.url}", flush=True)
        cli = [
            sys.executable, "-m", "oruel_client.cli", "chat", "Tell me about sampling",
            "--top-k", "50", "--min-p", "0.05", "--repetition-penalty", "1.1", "--tier", "turbo",
            "--max-tokens", "40", "--show-usage",
        ]
        print("== oruel chat (streaming) --top-k 50 --min-p 0.05 --repetition-penalty 1.1 --tier turbo", flush=True)
        subprocess.run(cli, env=env, check=True)
        print("== README Python example", flush=True)
        subprocess.run([sys.executable, "-c", readme_example()], env=env, check=True)
    print("== server stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
