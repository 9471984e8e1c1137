"""The after-commit batching thread (core.batching): gathers items for a window, flushes
each batcher's items together, and hands over what is left on exit."""

import threading
import time

import pytest

from core import batching


@pytest.fixture
def make_batcher():
    made = []

    def make(name, flush, **kwargs):
        batcher = batching.Batcher(name, flush, **kwargs)
        made.append(batcher)
        return batcher

    yield make
    for batcher in made:
        batching._batchers.remove(batcher)


def wait_for(condition, seconds=5.0):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.005)
    return condition()


def test_items_of_one_window_are_flushed_together_by_the_thread(settings, make_batcher):
    idle_thread()
    settings.AFTER_COMMIT_BATCH_SECONDS = 0.2
    batches, threads = [], []

    def flush(batch):
        batches.append(list(batch))
        threads.append(threading.current_thread().name)

    batcher = make_batcher("window", flush)
    for i in range(30):
        batcher.add(i)
    assert batches == []  # the caller's thread only appended
    assert wait_for(lambda: sum(map(len, batches)) == 30)
    assert batches == [list(range(30))]  # one flush, in order
    assert threads == ["after-commit-batches"]


def test_a_flush_is_split_into_chunks_of_size(held_batches, make_batcher):
    batches = []
    batcher = make_batcher("chunks", batches.append, size=4)
    for i in range(10):
        batcher.add(i)
    assert batcher.drain() == 10
    assert batches == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]


def idle_thread():
    """Let a pass that an earlier test started (with a shorter window) finish first."""
    assert wait_for(lambda: not batching._wake.is_set())
    time.sleep(0.1)


def test_what_the_thread_still_holds_is_flushed_on_exit(held_batches, make_batcher):
    flushed = []
    batcher = make_batcher("exit", flushed.extend)
    batcher.add("a")
    batcher.add("b")
    assert flushed == [] and batcher.pending() == 2
    assert batching.drain_all() >= 2  # what atexit does
    assert flushed == ["a", "b"]
    assert batcher.drain() == 0


def test_a_failing_flush_is_logged_and_the_next_batch_still_goes(settings, make_batcher, caplog):
    settings.AFTER_COMMIT_BATCH_SECONDS = 0
    flushed = []

    def flush(batch):
        if "bad" in batch:
            raise RuntimeError("redis went away")
        flushed.extend(batch)

    batcher = make_batcher("failing", flush)
    batcher.add("bad")
    batcher.add("good")
    assert flushed == ["good"]
    assert "Could not flush 1 items of failing" in caplog.text


def test_without_a_window_the_batcher_flushes_at_once(settings, make_batcher):
    settings.AFTER_COMMIT_BATCH_SECONDS = 0
    flushed = []
    batcher = make_batcher("now", flushed.extend)
    batcher.add(1)
    batcher.add(2)
    assert flushed == [1, 2]
    assert batcher.pending() == 0


def test_a_drain_takes_only_what_was_waiting_when_it_began(held_batches, make_batcher):
    # A caller that keeps adding while a flush runs must not turn one pass into a flush per
    # item: what arrives during the pass waits for the next window.
    batches = []

    def flush(batch):
        batches.append(list(batch))
        if len(batches) < 5:
            batcher.add(f"during {len(batches)}")  # a busy caller

    batcher = make_batcher("busy", flush, size=2)
    for i in range(3):
        batcher.add(i)
    assert batcher.drain() == 3
    assert batches == [[0, 1], [2]]
    assert batcher.pending() == 2  # the two added meanwhile, for the next pass


def test_many_items_without_a_window_are_flushed_in_chunks_of_size(settings, make_batcher):
    settings.AFTER_COMMIT_BATCH_SECONDS = 0
    batches = []
    batcher = make_batcher("many-now", batches.append, size=4)
    batcher.add_many(list(range(10)))
    batcher.add_many([])
    assert batches == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]  # not one flush per item
    assert batcher.pending() == 0


def test_many_items_with_a_window_wait_for_it(held_batches, make_batcher):
    batches = []
    batcher = make_batcher("many-later", batches.append, size=4)
    batcher.add("a")
    batcher.add_many(["b", "c"])
    assert batches == [] and batcher.pending() == 3
    assert batcher.drain() == 3
    assert batches == [["a", "b", "c"]]
