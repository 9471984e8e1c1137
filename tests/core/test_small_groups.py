from core.small_groups import MIN_GROUP, pool_small


def test_groups_under_the_limit_are_pooled_and_the_big_ones_shown_in_their_order():
    shown, pooled = pool_small({"a": 9, "b": 2, "c": 7, "d": 3})
    assert shown == ["a", "c"] and pooled == ["b", "d"]


def test_a_pool_under_the_limit_takes_the_smallest_shown_group():
    shown, pooled = pool_small({"a": 9, "b": 2, "c": 6})
    assert shown == ["a"] and sorted(pooled) == ["b", "c"]


def test_a_pool_that_stays_under_the_limit_is_not_shown_at_all():
    assert pool_small({"a": 1, "b": MIN_GROUP - 2}) == ([], [])


def test_nothing_small_pools_nothing():
    assert pool_small({"a": MIN_GROUP, "b": 12}) == (["a", "b"], [])
