"""An import collects the young garbage less often while it runs (imports.engine._fewer_collections); two imports
under way at once in one process (two organizations, two threads) share the setting, and the threshold the process
had comes back only when the last one ends, whichever ends first."""

import gc
import threading

from dangvu.imports import engine


def test_overlapping_imports_put_the_original_threshold_back_when_the_last_ends():
    original = gc.get_threshold()
    first_in, second_in, first_done, second_may_end = (threading.Event() for _ in range(4))
    seen = {}

    def first():
        with engine._fewer_collections():
            first_in.set()
            second_in.wait(10)
        seen["after_first"] = gc.get_threshold()[0]  # the second is still under way
        first_done.set()

    def second():
        first_in.wait(10)
        with engine._fewer_collections():
            second_in.set()
            second_may_end.wait(10)
            seen["second"] = gc.get_threshold()[0]
        seen["after_second"] = gc.get_threshold()[0]

    a, b = threading.Thread(target=first), threading.Thread(target=second)
    a.start(), b.start()
    first_done.wait(10)
    second_may_end.set()
    a.join(10), b.join(10)
    assert seen == {"after_first": engine.GC_YOUNG_THRESHOLD, "second": engine.GC_YOUNG_THRESHOLD,
                    "after_second": original[0]}
    assert gc.get_threshold() == original
