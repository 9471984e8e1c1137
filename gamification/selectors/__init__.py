"""Reads that pages, the API, services and reports share; no ``request``, a constant number of
queries each.

* ``points``: a member's points history and standing (points, level, streak);
* ``levels``: the levels Masters configure and the level a number of points reaches;
* ``streaks``: runs of consecutive active weeks;
* ``boards``: a leaderboard as a viewer may see it, and what live listeners get;
* ``badges``: every badge with the member's award, and how each is earned;
* ``prizes``: standings by the published formula, candidates, winners, the wall of fame.
"""
