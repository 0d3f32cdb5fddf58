"""Giving memory back to the system after a large piece of work (an import of 100.000 rows).

CPython frees its objects into the C allocator, which keeps the freed pages for later: after an import the
process stays as large as at its peak, and the next import (a worker runs one after another) starts from
there (issue 16's benchmark: the events file after the members file, 260 MB more). `release()` collects the
cycles left and asks glibc's allocator to hand its free pages back (malloc_trim); where the C library is not
glibc it does nothing but the collection.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc


@functools.cache
def _trim():
    """glibc's malloc_trim, or None (musl, macOS, Windows: no such call)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


def release() -> bool:
    """Collect garbage and return the allocator's free pages to the system; True when the allocator could be asked."""
    gc.collect()
    trim = _trim()
    if trim is None:
        return False
    trim(0)
    return True
