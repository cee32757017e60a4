"""Who computes which article: leases in the result cache, so that overlapping runs share the work.

Two batch runs on the same folder and cache (two terminals, or a cron job that overlaps the
previous one) would each compute every article. Instead, just before an article is computed its
run takes a *lease* on the article's cache key, in the cache database and in one transaction
that also checks the report is not cached yet. A run that meets an article leased by another
live run leaves it to that run, computes the rest, then waits for those reports to reach the
cache. A lease is released when its article is finished (cached, or failed); the lease of a run
that died (``kill -9``, a lost machine) is taken over: at once on the same machine when the
owner's process is gone, elsewhere when its heartbeat is older than :data:`STALE_S`.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from pathlib import Path

from ..cache import CacheError
from .work import Outcome, WorkItem

BEAT_S = 10.0  # how often a run renews its leases
STALE_S = 90.0  # a lease not renewed for this long belongs to a dead run (other machines)
MINE, CACHED, BUSY = "mine", "cached", "busy"


def _me() -> tuple[str, int, float]:
    """Return this process's (host, pid, start time); the start time tells a reused pid apart."""
    import psutil

    return socket.gethostname(), os.getpid(), round(psutil.Process().create_time(), 2)


def owner_alive(host: str, pid: int, started: float, beat: float, now: float) -> bool:
    """Return whether the run that holds a lease still runs."""
    if host != socket.gethostname():
        return now - beat < STALE_S
    import psutil

    try:
        return abs(psutil.Process(pid).create_time() - started) < 0.05
    except (psutil.NoSuchProcess, psutil.AccessDenied, ValueError):
        return False


class Leases:
    """This run's leases on article keys, held in the cache database ``path`` (``results``
    table)."""

    def __init__(self, path: Path, *, beat_s: float = BEAT_S) -> None:
        self.path = Path(path)
        self.host, self.pid, self.started = _me()
        self.held: set[str] = set()
        self._stop = threading.Event()
        self._db = self._connect()
        try:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS leases (key TEXT PRIMARY KEY, host TEXT NOT NULL, "
                "pid INTEGER NOT NULL, "
                "started REAL NOT NULL, beat REAL NOT NULL)"
            )
        except sqlite3.Error as exc:
            raise CacheError(
                f"{self.path}: cannot use the result cache for leases ({exc})"
            ) from None
        self._sweep()
        self._beat = threading.Thread(
            target=self._renew, args=(beat_s,), daemon=True, name="parallax-leases"
        )
        self._beat.start()

    def _connect(self) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(
                self.path, timeout=30.0, isolation_level=None, check_same_thread=False
            )
            db.execute("PRAGMA journal_mode=WAL")
            return db
        except sqlite3.Error as exc:
            raise CacheError(
                f"{self.path}: cannot use the result cache for leases ({exc})"
            ) from None

    def _sweep(self) -> None:
        """Delete the leases of runs that died (a key nobody asks for again would keep its
        lease)."""
        now = time.time()
        try:
            rows = self._db.execute(
                "SELECT DISTINCT host, pid, started, MAX(beat) FROM leases "
                "GROUP BY host, pid, started"
            ).fetchall()
            for host, pid, started, beat in rows:
                if not owner_alive(host, pid, started, beat, now):
                    self._db.execute(
                        "DELETE FROM leases WHERE host = ? AND pid = ? AND started = ?",
                        (host, pid, started),
                    )
        except sqlite3.Error:
            pass  # a busy database: the next run sweeps

    def take(self, key: str) -> str:
        """Lease ``key``; return ``mine``, ``cached`` (its report is there) or ``busy`` (a live
        run has it).

        A key this run already holds is ``busy`` too: a second file with the same bytes waits for
        the first one's report instead of being computed again.
        """
        now = time.time()
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                if self._db.execute("SELECT 1 FROM results WHERE key = ?", (key,)).fetchone():
                    return CACHED
                row = self._db.execute(
                    "SELECT host, pid, started, beat FROM leases WHERE key = ?", (key,)
                ).fetchone()
                if row is not None and owner_alive(*row, now):
                    return BUSY
                self._db.execute(
                    "INSERT OR REPLACE INTO leases (key, host, pid, started, beat) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (key, self.host, self.pid, self.started, now),
                )
        except sqlite3.Error as exc:
            raise CacheError(f"{self.path}: cannot lease an article ({exc})") from None
        self.held.add(key)
        return MINE

    def release(self, key: str) -> None:
        """Give up the lease on ``key`` (its report is cached, or it failed)."""
        if key not in self.held:
            return
        self.held.discard(key)
        try:
            self._db.execute(
                "DELETE FROM leases WHERE key = ? AND host = ? AND pid = ?",
                (key, self.host, self.pid),
            )
        except sqlite3.Error:
            pass  # a lease left behind is taken over once this run has ended

    def close(self) -> None:
        """Release every lease still held and stop renewing them; sweep the leases of runs that
        died meanwhile (one killed after caching a report, before releasing its lease, leaves a
        lease no ``take`` replaces: the key is cached)."""
        self._stop.set()
        self._beat.join()
        try:
            if self.held:
                self._db.execute(
                    "DELETE FROM leases WHERE host = ? AND pid = ?", (self.host, self.pid)
                )
        except sqlite3.Error:
            pass
        self.held.clear()
        self._sweep()
        self._db.close()

    def _renew(self, every: float) -> None:
        db = None
        while not self._stop.wait(every):
            try:
                db = db or self._connect()
                db.execute(
                    "UPDATE leases SET beat = ? WHERE host = ? AND pid = ?",
                    (time.time(), self.host, self.pid),
                )
            except (sqlite3.Error, CacheError):
                continue  # busy for a moment: renew at the next beat
        if db is not None:
            db.close()


class _Taking:
    """The items of a list, each leased as an engine takes it (``len`` is an upper bound)."""

    def __init__(self, items: Sequence[WorkItem], take: Callable[[WorkItem], bool]) -> None:
        self.items, self.take = items, take

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[WorkItem]:
        return (item for item in self.items if self.take(item))


def share(
    items: Sequence[WorkItem],
    leases: Leases | None,
    compute: Callable[[Sequence[WorkItem]], Iterator[Outcome]],
    serve: Callable[[WorkItem], bool],
    wait: Callable[[list[WorkItem]], None] = lambda items: None,
    poll_s: float = 0.5,
) -> Iterator[Outcome]:
    """Yield the outcomes of the items this run computes; ``serve`` the ones another run computed.

    ``compute`` runs an engine over items; ``serve(item)`` writes an item's report from the cache
    and returns False when it cannot (then it is computed here). The first round leases each item
    as the engine takes it, so two runs started together split the folder between them; then the
    items another live run holds are waited for (``wait`` is told which, once), and computed here
    only if that run dies or fails them. Release each yielded item's lease with
    :meth:`Leases.release` once its outcome is stored.
    """
    if leases is None:
        yield from compute(items)
        return
    waiting: list[WorkItem] = []

    def take(item: WorkItem) -> bool:
        state = leases.take(item.key)
        if state == BUSY:
            waiting.append(item)
            return False
        return state == MINE or not serve(item)

    outcomes = compute(_Taking(items, take))
    with closing(outcomes):  # an error or Ctrl-C stops the engine's workers now
        yield from outcomes
    told = False
    while waiting:
        if not told:
            wait(list(waiting))
            told = True
        again, waiting = waiting, []
        mine = [item for item in again if take(item)]
        if mine:
            outcomes = compute(mine)
            with closing(outcomes):
                yield from outcomes
        elif waiting:
            time.sleep(poll_s)
