"""The progress line of a corpus build on a terminal."""
from __future__ import annotations

import sys
import time
from typing import IO


class Progress:
    """One self-rewriting line on a terminal: done/total, articles/s, ETA. Silent otherwise."""

    def __init__(self, total: int | None, stream: IO[str] | None = None, enabled: bool | None = None):
        self.stream = stream or sys.stderr
        self.on = self.stream.isatty() if enabled is None else enabled
        self.total, self.t0, self.last, self.n = total, time.monotonic(), 0.0, 0

    def tick(self, n: int = 1) -> None:
        self.n += n
        now = time.monotonic()
        if self.on and now - self.last >= 0.1:
            self.last = now
            rate = self.n / max(now - self.t0, 1e-9)
            line = f"kg: {self.n:,}" + (f"/{self.total:,}" if self.total else "") + f" articles  {rate:,.0f}/s"
            if self.total and rate > 0:
                eta = int(max(self.total - self.n, 0) / rate)
                line += f"  ETA {eta // 3600}:{eta // 60 % 60:02d}:{eta % 60:02d}"
            self.stream.write("\r" + line + "\x1b[K")
            self.stream.flush()

    def close(self) -> None:
        if self.on and self.last:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
