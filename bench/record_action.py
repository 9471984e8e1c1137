"""``record_action`` throughput alone, on a database the leaderboard benchmark already loaded
(``python bench/run.py`` leaves ``bench_socialshift`` behind): a quick re-measure after a
change to the award path, without reloading millions of ledger lines.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_socialshift \\
    REDIS_URL=redis://127.0.0.1:6379/14 python bench/record_action.py --seconds 15

Prints JSON: plain rule (one caller, then four threads in the process) and capped rule, with
the number of members and ledger lines."""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seconds", type=float, default=15.0)
    p.add_argument("--calls", type=int, default=50_000)
    p.add_argument("--seed", type=int, default=42)
    args = p.parse_args()
    from bench.leaderboards import measure_record_action, start_django

    start_django(migrate=False)
    from django.conf import settings

    from gamification.models import PointsEntry
    from people.models import Member

    result = {
        "members": Member.objects.count(),
        "entries": PointsEntry.objects.count(),
        "redis": bool(settings.REDIS_URL),
        "plain": measure_record_action(seconds=args.seconds, max_calls=args.calls, seed=args.seed + 10),
        "plain_4_threads": measure_record_action(
            seconds=args.seconds, max_calls=args.calls * 4, seed=args.seed + 30, threads=4
        ),
        "capped": measure_record_action(
            seconds=args.seconds, max_calls=args.calls, seed=args.seed + 20, daily_cap=10_000
        ),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
