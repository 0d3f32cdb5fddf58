"""core.memory.release gives the C allocator's free pages back to the system (glibc's malloc_trim)."""

import platform

from dangvu.core import memory


def _rss_kb() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))


def test_release_returns_the_free_pages_a_fragmented_heap_keeps():
    assert platform.system() == "Linux" and platform.libc_ver()[0] == "glibc"  # the machines this project runs on
    memory.release()
    blocks = [bytes(1024) for _ in range(150_000)]  # 150 MB in 1 KB blocks: the C allocator's heap, not Python's arenas
    kept = blocks[::64]  # one block in 64 stays: the heap cannot shrink from its top, its pages stay resident
    del blocks
    before = _rss_kb()
    assert memory.release() is True
    after = _rss_kb()
    assert len(kept) == 2344
    assert before - after > 100_000, (before, after)  # > 100 MB of the 150 given back
