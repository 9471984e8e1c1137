"""Every change to sessions, one module per concept:

- ``registration``: register, cancel (the waiting list moves up), a published change;
- ``reminders``: the 24-hour and 1-hour e-mails;
- ``check_in``: who came;
- ``feedback``: the rating after a session;
- ``calendar_feeds``: a member's personal feed address;
- ``linkedin``: the LinkedIn profile checklist;
- ``meetups``: action items and collected stories;
- ``learning_record``: a registration or attendance handed to the learning records (xAPI).

Refusals are the core family (``core.errors``) and the session-specific ones in
``events.errors``."""
