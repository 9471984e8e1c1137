"""Every state change in gamification; keyword-only, typed, and each docstring says what it
locks, returns and raises.

* ``points``: ``record_action`` (the one way into gamification) and a Master's correction;
  ``ledger_pg`` is its one-statement path on PostgreSQL, ``follow_ups`` what a committed
  award sets off;
* ``boards``: the board index (Redis) and a member's place on the boards;
* ``broadcasts``: live board updates, coalesced;
* ``badge_evaluation``: when a badge is earned (the criteria engine, the sweep);
* ``badges``: giving, hand-awarding and revoking badges;
* ``prizes``: nominations, closing a prize period, the jury step.
"""
