"""One writer per store: two ingests at once would interleave record-manager
and Chroma writes; the second one waits, then says clearly that the store is busy."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout


class StoreBusy(RuntimeError):
    pass


def store_lock(data_dir: Path, timeout: float) -> FileLock:
    data_dir.mkdir(parents=True, exist_ok=True)
    return FileLock(str(data_dir / "ingest.lock"), timeout=timeout)


def acquire(lock: FileLock, timeout: float) -> None:
    try:
        lock.acquire(timeout=timeout)
    except Timeout:
        raise StoreBusy(
            f"the store is busy: another ingest holds {lock.lock_file} (waited {timeout:.0f}s); "
            "try again when it finishes"
        ) from None
