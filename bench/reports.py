"""Participation report benchmark: 100,000 members with a year of activity, on SQLite and
PostgreSQL; times the dashboard report, the per-person page, reach, and every export.

    python bench/reports.py                              # both databases, 100,000 members
    python bench/reports.py --members 5000 --entries 100000 --db sqlite   # quick check

The leaderboard benchmark's loader builds members, departments, locations and the points
ledger (bulk SQL); this adds lesson, course and path completions, stories, shares and
clicks with ``bulk_create``. SQLite uses ``var/bench/reports.sqlite3``; PostgreSQL uses
``$BENCH_REPORTS_DATABASE_URL`` (default: database ``bench_reports``). Results are written
to ``docs/benchmarks-reports.md``. Never part of ``make test``.
"""

import argparse
import datetime
import json
import os
import random
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BATCH = 5000


def add_activity(*, members: int, seed: int, now: datetime.datetime) -> dict:
    from challenges.models import Share, ShareClick, ShareLink, Story
    from learning.models import CourseCompletion, LessonCompletion, PathCompletion

    rng = random.Random(seed)
    started = time.perf_counter()
    counts = {"lessons": 0, "courses": 0, "paths": 0, "stories": 0, "shares": 0, "clicks": 0}
    lessons, courses, paths = [], [], []
    course_keys = [uuid.UUID(int=i + 1) for i in range(8)]
    path_key = uuid.UUID(int=999)

    def flush(model, rows, key):
        model.objects.bulk_create(rows, batch_size=BATCH)
        counts[key] += len(rows)
        rows.clear()

    for member_id in range(1, members + 1):
        if rng.random() < 0.4:  # 40% take part in the e-learning
            done = rng.randint(1, 20)
            for n in range(done):
                lessons.append(
                    LessonCompletion(
                        member_id=member_id,
                        lesson_key=uuid.UUID(int=(n + 1) * 1000),
                        course_key=course_keys[n // 3 % 8],
                        completed_at=now - datetime.timedelta(seconds=rng.random() * 365 * 86400),
                    )
                )
            for c in range(done // 3):
                courses.append(
                    CourseCompletion(
                        member_id=member_id,
                        course_key=course_keys[c % 8],
                        course_title="Bench course",
                        member_name="",
                        certificate_code=f"B{member_id:07d}{c:02d}",
                        completed_at=now - datetime.timedelta(days=rng.randint(0, 364)),
                    )
                )
            if done >= 18:
                paths.append(PathCompletion(member_id=member_id, path_key=path_key, path_title="Bench path"))
        if len(lessons) >= BATCH:
            flush(LessonCompletion, lessons, "lessons")
        if len(courses) >= BATCH:
            flush(CourseCompletion, courses, "courses")
    flush(LessonCompletion, lessons, "lessons")
    flush(CourseCompletion, courses, "courses")
    flush(PathCompletion, paths, "paths")

    creators = rng.sample(range(1, members + 1), max(1, members // 100))
    stories = Story.objects.bulk_create(
        [
            Story(
                creator_id=c,
                title=f"Bench story {i}",
                status="approved",
                approved_at=now - datetime.timedelta(days=rng.randint(0, 364)),
            )
            for i, c in enumerate(creators)
        ],
        batch_size=BATCH,
    )
    counts["stories"] = len(stories)
    story_ids = list(Story.objects.values_list("id", flat=True))
    sharers = rng.sample(range(1, members + 1), max(1, members // 10))
    shares, links = [], []
    for m in sharers:
        for story_id in rng.sample(story_ids, min(3, len(story_ids))):
            when = now - datetime.timedelta(days=rng.randint(0, 364))
            shares.append(Share(member_id=m, story_id=story_id, network="linkedin", created_at=when))
            links.append(ShareLink(member_id=m, story_id=story_id, code=uuid.uuid4().hex[:16], created_at=when))
    Share.objects.bulk_create(shares, batch_size=BATCH)
    ShareLink.objects.bulk_create(links, batch_size=BATCH)
    counts["shares"] = len(shares)
    clicks = []
    for link_id, created in ShareLink.objects.values_list("id", "created_at").iterator():
        for n in range(rng.randint(0, 4)):
            clicks.append(
                ShareClick(link_id=link_id, day=(created + datetime.timedelta(days=n)).date(), visitor_hash=f"{n}")
            )
        if len(clicks) >= BATCH:
            flush(ShareClick, clicks, "clicks")
    flush(ShareClick, clicks, "clicks")
    counts["seconds"] = round(time.perf_counter() - started, 1)
    return counts


def timed(label, fn, repeat=3):
    from django.db import connection, reset_queries

    best, queries = None, 0
    for _ in range(repeat):
        reset_queries()
        started = time.perf_counter()
        fn()
        elapsed = time.perf_counter() - started
        queries = len(connection.queries)
        best = elapsed if best is None else min(best, elapsed)
    return {"what": label, "seconds": round(best, 3), "queries": queries}


def worker(args) -> dict:
    from bench.leaderboards import load_dataset, start_django

    start_django(key_prefix=None)
    from django.conf import settings

    settings.DEBUG = True  # count queries
    from cms.reports import exports, selectors
    from cms.reports.metrics import Scope
    from people.models import Member

    now = datetime.datetime.now(datetime.UTC)
    result = {"db": args.db, "members": args.members, "entries": args.entries}
    result["load"] = load_dataset(members=args.members, entries=args.entries, seed=42, now=now)
    Member.objects.update(date_joined=now - datetime.timedelta(days=400))
    result["activity"] = add_activity(members=args.members, seed=42, now=now)
    end = now
    year = Scope(start=end - datetime.timedelta(days=365), end=end)
    quarter = Scope(start=end - datetime.timedelta(days=90), end=end)
    one_department = Scope(start=end - datetime.timedelta(days=365), end=end, department_id=1)
    runs = [
        timed("dashboard, a year, whole organisation", lambda: selectors.participation(year)),
        timed("dashboard, 90 days, whole organisation", lambda: selectors.participation(quarter)),
        timed("dashboard, a year, one department", lambda: selectors.participation(one_department)),
        timed("per person, first page", lambda: selectors.per_person(year)),
        timed("reach and value", lambda: selectors.reach(year)),
    ]
    for names, fmt in (
        (["departments"], "csv"),
        (["locations"], "csv"),
        (["trends"], "csv"),
        (exports.AGGREGATE_TABLES + exports.REACH_TABLES, "xlsx"),
        (["stories"], "csv"),
    ):
        runs.append(
            timed(
                f"export {'+'.join(names) if len(names) < 3 else 'all aggregate tables'} .{fmt}",
                lambda names=names, fmt=fmt: exports.render(exports.tables_for(scope=year, names=names), fmt),
            )
        )
    for fmt in ("csv", "xlsx"):
        runs.append(
            timed(
                f"export people .{fmt} ({args.members:,} rows, Celery)",
                lambda fmt=fmt: exports.render(exports.tables_for(scope=year, names=["people"]), fmt),
                repeat=1,
            )
        )
    result["runs"] = runs
    return result


def render(results: list[dict]) -> str:
    lines = [
        "# Participation report benchmarks",
        "",
        "Made by `python bench/reports.py`. Each figure is the best of three runs (one for the",
        "per-person exports, which run in Celery); the query count shows it does not grow with",
        "the data.",
        "",
    ]
    for r in results:
        a = r["activity"]
        lines += [
            f"## {r['db']}: {r['members']:,} members, {r['entries']:,} points entries over a year",
            "",
            f"Also {a['lessons']:,} lesson, {a['courses']:,} course and {a['paths']:,} path completions, "
            f"{a['stories']:,} stories, {a['shares']:,} shares and {a['clicks']:,} unique clicks.",
            "",
            "| what | seconds | queries |",
            "|---|---:|---:|",
            *[f"| {run['what']} | {run['seconds']} | {run['queries']} |" for run in r["runs"]],
            "",
        ]
    return "\n".join(lines)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    p.add_argument("--members", type=int, default=100_000)
    p.add_argument("--entries", type=int, default=2_000_000)
    p.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--out", default=str(ROOT / "docs" / "benchmarks-reports.md"))
    args = p.parse_args()
    if args.worker:
        print(json.dumps(worker(args), default=str))
        return
    results = []
    for db in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
        env = dict(os.environ)
        if db == "sqlite":
            path = ROOT / "var" / "bench" / "reports.sqlite3"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.unlink(missing_ok=True)
            env["DATABASE_URL"] = f"sqlite:///{path}"
        else:
            env["DATABASE_URL"] = os.environ.get(
                "BENCH_REPORTS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_reports"
            )
        env.pop("REDIS_URL", None)
        command = [sys.executable, __file__, "--worker", "--db", db, "--members", str(args.members)]
        command += ["--entries", str(args.entries)]
        print(f"{db}: {args.members:,} members …", flush=True)
        output = subprocess.run(command, env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
    Path(args.out).write_text(render(results) + "\n")
    print(render(results))


if __name__ == "__main__":
    main()
