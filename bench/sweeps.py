"""The HR dashboard from the weekly rollup vs from the ledger, and the badge sweep set-based
vs per member, on one seeded dataset in one process (``bench/run.py`` runs it for SQLite
and PostgreSQL; alone: ``python bench/sweeps.py --worker --db sqlite --members 10000``).

* Dashboard: ``selectors.participation`` for a year and for 90 days, whole organisation,
  best of three, once reading whole weeks from ``ActivityWeek`` (as the product does) and
  once with every figure from the rows (``weekly.split`` patched to "all edge": the report
  as it was before the rollup), interleaved. The figures are checked equal.
* Badge sweep: five demo-like badges (action counts, a level, a course, a streak); the
  per-member evaluation (``badge_evaluation.sweep_each``'s loop) time-boxed over the first
  members, then ``badge_sweep.sweep`` over everyone, twice (the second finds nothing new);
  members evaluated per second each. Half the members want e-mail: the e-mail tasks the
  sweep sets off are counted, then sent apart (a worker's work, dummy mail backend).
"""

import argparse
import datetime
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _best(fn, repeat=3) -> float:
    best = None
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return best


def dashboards(now: datetime.datetime) -> dict:
    from unittest import mock

    from django.utils import timezone

    from cms.reports import present, selectors, weekly
    from people.models import Member

    hr = Member.objects.filter(is_active=True).first()
    hr.is_hr = True
    today = timezone.localdate(now)
    out = {}
    for key, days in (("year", 365), ("90 days", 90)):
        params = {"from": (today - datetime.timedelta(days=days - 1)).isoformat(), "to": today.isoformat()}
        scope = selectors.scope_for(member=hr, params=params)

        def all_edge(start, end):
            return weekly.Split(None, None, ((start, end + datetime.timedelta(microseconds=1)),))

        def from_ledger(scope=scope):
            with mock.patch.object(weekly, "split", all_edge):
                return present.as_dict(selectors.participation(scope))

        def from_rollup(scope=scope):
            return present.as_dict(selectors.participation(scope))

        same = from_rollup() == from_ledger()
        ledger_s = rollup_s = None
        for _ in range(2):  # interleaved: the machine's noise falls on both
            ledger_s = min(filter(None, [ledger_s, _best(from_ledger, 1)]))
            rollup_s = min(filter(None, [rollup_s, _best(from_rollup, 2)]))
        out[key] = {"ledger_ms": round(ledger_s * 1000, 1), "rollup_ms": round(rollup_s * 1000, 1), "same": same}
    return out


DEMO_LIKE_BADGES = [
    ("bench-lessons-3", {"criterion": "action_count", "action": "lesson_completed", "count": 3}),
    ("bench-shares-30d", {"criterion": "action_count", "action": "story_shared", "count": 5, "period_days": 30}),
    ("bench-level-2", {"criterion": "level", "level": 2}),
    ("bench-course", {"criterion": "course_completed"}),
    ("bench-streak-4", {"criterion": "streak_weeks", "count": 4}),
]


def badge_sweep(per_member_seconds: float) -> dict:
    from unittest import mock

    from django.conf import settings
    from django.db.models import F

    from core.queue import _task
    from gamification.models import BadgeAward, BadgeClass
    from gamification.services import badge_evaluation, badge_sweep
    from people.models import Member, Notification
    from people.services import send_notification_emails

    for slug, fields in DEMO_LIKE_BADGES:
        BadgeClass.objects.get_or_create(slug=slug, defaults={"name": slug, "description": slug, **fields})
    # Every second member wants e-mail at any hour (due at once, whatever the time of the run),
    # every third reads English. The e-mail tasks are recorded, not run (a worker's work, timed
    # apart), and sent with the dummy backend.
    Member.objects.annotate(odd=F("id") % 2).filter(odd=0).update(
        email_notifications=True, email_outside_office_hours=True
    )
    Member.objects.annotate(third=F("id") % 3).filter(third=0).update(language="en")
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    tasks = []
    recorded = mock.patch.object(
        _task("people.tasks.send_notification_emails"), "apply_async", lambda args, **kw: tasks.append(args[0])
    )
    population = Member.objects.filter(is_active=True, points_total__isnull=False).order_by("pk")
    total = population.count()
    evaluated = 0
    with recorded:
        started = time.perf_counter()
        for member in population.iterator(chunk_size=500):
            badge_evaluation.evaluate_for(member=member)
            evaluated += 1
            if time.perf_counter() - started > per_member_seconds:
                break
        each_s = time.perf_counter() - started
        BadgeAward.objects.all().delete()
        Notification.objects.filter(kind="badge_awarded").delete()
        tasks.clear()
        started = time.perf_counter()
        awarded = badge_sweep.sweep()
        set_s = time.perf_counter() - started
        started = time.perf_counter()
        again = badge_sweep.sweep()
        again_s = time.perf_counter() - started
    email_tasks = list(tasks)
    started = time.perf_counter()
    emailed = sum(send_notification_emails(notification_ids=chunk) for chunk in email_tasks)
    email_s = time.perf_counter() - started
    return {
        "members": total,
        "per_member": {"members": evaluated, "seconds": round(each_s, 2), "per_second": round(evaluated / each_s, 1)},
        "set_based": {"members": total, "seconds": round(set_s, 2), "per_second": round(total / set_s, 1)},
        "awarded": awarded,
        "second_run": {
            "awarded": again,
            "seconds": round(again_s, 2),
            "per_second": round(total / again_s, 1),
        },
        "emails": {"tasks": len(email_tasks), "sent": emailed, "seconds": round(email_s, 2)},
    }


def worker(args) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from bench.leaderboards import load_dataset
    from bench.reports import add_activity
    from cms.reports.services import rebuild_rollup
    from people.models import Member

    now = datetime.datetime.now(datetime.UTC)
    result = {"db": args.db, "members": args.members, "entries": args.entries}
    result["load"] = load_dataset(members=args.members, entries=args.entries, seed=42, now=now)
    Member.objects.update(date_joined=now - datetime.timedelta(days=400))
    result["activity"] = add_activity(members=args.members, seed=42, now=now)
    started = time.perf_counter()
    rows = rebuild_rollup()
    result["rollup"] = {"rows": rows, "seconds": round(time.perf_counter() - started, 1)}
    result["dashboard"] = dashboards(now)
    if not args.dashboards_only:
        result["badges"] = badge_sweep(args.per_member_seconds)
    return result


def run(db: str, members: int, entries: int, env: dict, per_member_seconds: float = 20.0) -> dict:
    """One worker process (``bench/run.py`` calls this with the database's environment)."""
    import subprocess

    command = [sys.executable, __file__, "--worker", "--db", db, "--members", str(members), "--entries", str(entries)]
    command += ["--per-member-seconds", str(per_member_seconds)]
    output = subprocess.run(command, env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    p.add_argument("--members", type=int, default=10_000)
    p.add_argument("--entries", type=int, default=200_000)
    p.add_argument("--per-member-seconds", type=float, default=20.0)
    p.add_argument("--worker", action="store_true")
    p.add_argument("--dashboards-only", action="store_true", help="leave the badge sweep out (a large size in time)")
    args = p.parse_args()
    print(json.dumps(worker(args), default=str))


if __name__ == "__main__":
    main()
