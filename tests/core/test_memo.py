"""``core.memo``."""

import uuid

from core import memo


def test_first_in_answers_yes_once_per_window():
    name = f"test:first:{uuid.uuid4().hex}"
    assert memo.first_in(name, 60)
    assert not memo.first_in(name, 60)
    memo.forget_all()  # another process: its own memory, the shared cache still says no
    assert not memo.first_in(name, 60)
