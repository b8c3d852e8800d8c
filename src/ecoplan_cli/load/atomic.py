"""Writing files atomically: a temporary file beside the target, then a rename. Inputs are never written to.

The temporary file (created 0600 by mkstemp) is given the mode the file would have had if written in place: an
existing file keeps its mode, a new one gets 0666 less the umask, so a CI step running as another user can read it.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


def current_umask() -> int:
    """The process umask (read by setting it and putting it back: the CLI runs one thread)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def target_mode(path: Path) -> int:
    """The mode a written file gets: an existing file's own mode, else 0666 less the umask."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~current_umask()


def write_atomic(path: Path, content: str | Iterable[str], *, overwrite: bool = True) -> None:
    """Write `content` (text, or text in pieces) to `path` in one step; with overwrite=False an existing file is left
    alone (FileExistsError)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not overwrite and path.exists():
        raise FileExistsError(str(path))
    mode = target_mode(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(handle, mode)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            if isinstance(content, str):
                stream.write(content)
            else:
                stream.writelines(content)
        if overwrite:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)  # fails if the target appeared meanwhile
            os.unlink(temporary)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def write_bytes_atomic(path: Path, content: bytes) -> None:
    """Replace `path` with `content` in one step (a temporary file beside it, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = target_mode(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
