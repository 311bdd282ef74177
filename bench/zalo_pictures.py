"""Zalo picture download benchmark: the bot's download of pictures people send, against
the fake Zalo server (real HTTP on 127.0.0.1), through the Zalo channel's HTTP client.

1. A 10 MB picture (the evidence cap) downloaded R times: p50 / max seconds, and the Python
   memory allocated at the peak of one download (tracemalloc), as a multiple of its size.
2. A 64 MB picture without Content-Length, refused at the 10 MB cap while streaming: seconds
   to the refusal, bytes the server managed to write, peak Python memory.

Run from the repository root:  .venv/bin/python bench/zalo_pictures.py  (--rounds 20)
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.channels import zalo_files  # noqa: E402
from bot.channels.zalo_api import ZaloApi  # noqa: E402
from bot.events import FileTooBig  # noqa: E402
from tests.fakes.zalo_server import FakeZaloServer  # noqa: E402
from tests.utils.pictures import padded  # noqa: E402

MB = 1024 * 1024
CAP = 10 * MB


async def main(rounds: int) -> None:
    server = FakeZaloServer()
    await server.start()
    api = ZaloApi(server.url, server.token)
    try:
        url = server.add_photo(padded("JPEG", CAP))
        times, peaks = [], []
        for _ in range(rounds):
            tracemalloc.start()
            started = time.perf_counter()
            fetched = await zalo_files.download_image(api.http, url, max_bytes=CAP)
            times.append(time.perf_counter() - started)
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
            assert len(fetched.content) == CAP
        print(
            f"10 MB picture x{rounds}: p50 {statistics.median(times):.3f} s, "
            f"max {max(times):.3f} s, peak Python memory {max(peaks) / MB:.1f} MB "
            f"({max(peaks) / CAP:.1f}x the picture)"
        )

        big = server.add_photo(padded("JPEG", 64 * MB), declare_length=False)
        tracemalloc.start()
        started = time.perf_counter()
        try:
            await zalo_files.download_image(api.http, big, max_bytes=CAP)
        except FileTooBig as error:
            read = error.size
        else:
            raise AssertionError("a 64 MB picture was accepted")
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        await asyncio.sleep(0.2)  # let the server notice the client went away
        print(
            f"64 MB picture, no Content-Length, cap 10 MB: refused in {elapsed:.3f} s after "
            f"reading {read / MB:.1f} MB; the server wrote {server.photo(big).sent / MB:.1f} MB; "
            f"peak Python memory {peak / MB:.1f} MB"
        )
    finally:
        await api.aclose()
        await server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    asyncio.run(main(parser.parse_args().rounds))
