"""Read an article file safely: regular files only, bounded size, one-line errors."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from ..core.errors import InputError

MAX_BYTES = 50 * 1024 * 1024  # refuse anything larger: no news article is 50 MB
# No news article has this many paragraphs; 100,000 one-line "paragraphs" would take hours to
# compare (and a minute to parse) where a clear error takes a second.
MAX_PARAGRAPHS = 20000


def show(path: str | Path) -> str:
    """Return a file name fit for a one-line message (control characters escaped)."""
    name = str(path)
    return name if name.isprintable() else repr(name)[1:-1]


def _open(path: Path) -> BinaryIO:
    """Open ``path`` for reading (a seam: tests replace it to simulate OS failures)."""
    return open(path, "rb")


def _os_error(p: Path, exc: OSError) -> InputError:
    name = show(p)
    if exc.errno == errno.ENOENT:
        broken = " (a broken symlink)" if os.path.islink(p) else ""
        return InputError(f"{name}: no such file{broken}")
    if exc.errno == errno.ELOOP:
        return InputError(f"{name}: symlink loop (too many levels of symbolic links)")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return InputError(f"{name}: permission denied")
    if exc.errno == errno.EISDIR:
        return InputError(f"{name}: is a directory, expected an article file")
    if exc.errno == errno.ENOTDIR:
        return InputError(f"{name}: no such file (a parent is not a directory)")
    return InputError(f"{name}: cannot read ({exc.strerror or exc})")


def read_bytes(path: str | Path) -> bytes:
    """Read a regular file of at most ``MAX_BYTES``; any OS problem is a one-line InputError."""
    p = Path(path)
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{show(p)}: is a directory, expected an article file")
        if not stat.S_ISREG(st.st_mode):  # a FIFO would block, /dev/zero would never end
            raise InputError(f"{show(p)}: not a regular file (a pipe, socket or device)")
        if st.st_size > MAX_BYTES:
            raise InputError(
                f"{show(p)}: file is {st.st_size / 2**20:.0f} MB; the limit is {MAX_BYTES >> 20} MB"
            )
        with _open(p) as f:
            data = f.read(MAX_BYTES + 1)  # bounded even if the file grows meanwhile
    except OSError as exc:  # vanished, unreadable, symlink loop, I/O error
        raise _os_error(p, exc) from None
    except ValueError:  # an embedded NUL in the path
        raise InputError(f"{show(p)}: not a valid file name") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{show(p)}: grew past the {MAX_BYTES >> 20} MB limit while being read")
    return data
