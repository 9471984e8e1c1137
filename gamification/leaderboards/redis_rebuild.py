"""Rebuilding the Redis index from the ledger, and finding drift between the two.

The ledger is the truth: ``rebuild`` (``manage.py rebuild_leaderboards``) builds every current
board again from it without readers ever seeing a half-built board, and
``compare_and_repair`` (the periodic ``repair_leaderboards`` task) rebuilds only the boards
whose members and points differ from the ledger. Known differences it repairs: an entry
dated in a future week counts in that week in Redis but in the current week in SQL; a
member who moves to another department, is deactivated or changes visibility keeps their
old place until ``set_visibility(member_id)`` runs for them (or the next repair)."""

import logging
import random
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db.models import Q, Sum
from django.utils import timezone

from gamification.models import BoardEntry, PointsEntry, PointsTotal
from people.models import Department, LeaderboardVisibility, Location

from .periods import PERIODS, period_start
from .redis_keys import (
    BUILD_TTL,
    CHUNK,
    NOT_INDEXED,
    SCOPES,
    SENTINEL,
    board_kind,
    bucket,
    bucket_expiry,
    decode_member,
    encode_member,
)

logger = logging.getLogger(__name__)


class RebuildInProgress(RuntimeError):
    pass


class LedgerRebuild:
    """The rebuild and drift half of ``RedisBackend`` (which supplies ``client``, ``prefix``,
    the key names and the registered scripts)."""

    def _ledger_rows(self, period: str, boards: set[str] | None) -> Iterator[tuple[str, int, int, bool]]:
        """(board, member id, points, hidden) for every current key of ``period``, streamed
        from the ledger with exactly the filters ``SqlBackend.source`` applies."""
        start = period_start(period)
        wanted_all = boards is None or "all" in boards
        departments = locations = None
        if boards is not None:
            departments = {int(b.partition("-")[2]) for b in boards if board_kind(b) == "department"}
            locations = {int(b.partition("-")[2]) for b in boards if board_kind(b) == "location"}
        if wanted_all or departments or locations:
            member_fields = ("member__department_id", "member__location_id", "member__leaderboard_visibility")
            if start is None:
                qs = PointsTotal.objects.filter(member__is_active=True)
            else:
                qs = PointsEntry.objects.filter(occurred_at__gte=start, member__is_active=True)
            if not wanted_all:
                qs = qs.filter(Q(member__department_id__in=departments) | Q(member__location_id__in=locations))
            if start is None:
                rows = qs.values_list("member_id", "total", *member_fields)
            else:
                rows = (
                    qs.values("member_id", *member_fields)
                    .annotate(points=Sum("points"))
                    .values_list("member_id", "points", *member_fields)
                    .order_by()
                )
            for member_id, points, department_id, location_id, visibility in rows.iterator(chunk_size=CHUNK):
                hidden = visibility == LeaderboardVisibility.HIDDEN
                if wanted_all:
                    yield "all", member_id, points, hidden
                if department_id and (departments is None or department_id in departments):
                    yield f"department-{department_id}", member_id, points, hidden
                if location_id and (locations is None or location_id in locations):
                    yield f"location-{location_id}", member_id, points, hidden
        others = None if boards is None else {b for b in boards if board_kind(b) not in NOT_INDEXED}
        if others is None or others:
            qs = BoardEntry.objects.filter(member__is_active=True)
            if start is not None:
                qs = qs.filter(occurred_at__gte=start)
            if others is not None:
                qs = qs.filter(board__in=sorted(others))
            rows = (
                qs.values("board", "member_id", "member__leaderboard_visibility")
                .annotate(points=Sum("points"))
                .values_list("board", "member_id", "points", "member__leaderboard_visibility")
                .order_by()
            )
            for board, member_id, points, visibility in rows.iterator(chunk_size=CHUNK):
                if board_kind(board) not in NOT_INDEXED:
                    yield board, member_id, points, visibility == LeaderboardVisibility.HIDDEN

    def _ledger_keyed_rows(self, boards: set[str] | None) -> Iterator[tuple[str, int, int]]:
        """(key, member id, points) of every current key, both scopes."""
        for period in PERIODS:
            bucket_name = bucket(period)
            for board, member_id, points, hidden in self._ledger_rows(period, boards):
                yield self.key(board, bucket_name, "everyone"), member_id, points
                if not hidden:
                    yield self.key(board, bucket_name, "public"), member_id, points

    def known_boards(self) -> set[str]:
        """Every board name the ledger or the index knows about (current buckets)."""
        names = {"all"}
        names |= {f"department-{pk}" for pk in Department.objects.values_list("pk", flat=True)}
        names |= {f"location-{pk}" for pk in Location.objects.values_list("pk", flat=True)}
        names |= {
            b for b in BoardEntry.objects.values_list("board", flat=True).distinct() if board_kind(b) not in NOT_INDEXED
        }
        current = {bucket(p) for p in PERIODS}
        for key in self.client.smembers(self.registry_key):
            parsed = self.parse_key(key.decode())
            if parsed and parsed[1] in current:
                names.add(parsed[0])
        return names

    def current_keys(self, boards: Iterable[str]) -> list[str]:
        buckets = [bucket(p) for p in PERIODS]
        return [self.key(b, bk, scope) for b in sorted(boards) for bk in buckets for scope in SCOPES]

    def _lock(self) -> str:
        token = uuid.uuid4().hex
        if not self.client.set(self.lock_key, token, nx=True, ex=BUILD_TTL):
            raise RebuildInProgress("Another rebuild of the leaderboards is running.")
        return token

    def _unlock(self, token: str) -> None:
        self._unlock_script(keys=[self.lock_key], args=[token], client=self.client)

    def rebuild(self, board_names: Iterable[str] | None = None) -> dict:
        """Rebuild the current boards (all boards, or ``board_names``) from the ledger.

        Each key is built under a temporary name from chunks of the aggregated ledger; what
        ``index_entry`` adds meanwhile is mirrored into a delta key; one script then adds the
        deltas and renames every board into place at once, so readers never see a half-built
        board and no concurrent award is lost."""
        full = board_names is None
        boards = self.known_boards() if full else set(board_names)
        keys = self.current_keys(boards)
        token = self._lock()
        try:
            now = timezone.now()
            expiry = {bucket(p, now): bucket_expiry(p, now) for p in PERIODS}
            pipe = self.client.pipeline(transaction=False)
            for key in keys:
                pipe.delete(f"{key}:build")
                pipe.delete(f"{key}:delta")
                pipe.zadd(f"{key}:delta", {SENTINEL: 0})
                pipe.expire(f"{key}:delta", BUILD_TTL)
            pipe.execute()
            wanted = set(keys)
            pending: dict[str, dict[str, int]] = defaultdict(dict)
            rows = written = 0
            for key, member_id, points in self._ledger_keyed_rows(None if full else boards):
                if key not in wanted:  # e.g. a department created while rebuilding
                    continue
                pending[key][encode_member(member_id)] = points
                rows += 1
                if rows % CHUNK == 0:
                    written += self._write_build(pending)
                    pending.clear()
            written += self._write_build(pending)
            args: list = [SENTINEL]
            swap: list[str] = []
            for key in keys:
                swap += [f"{key}:build", f"{key}:delta", key]
                args.append(expiry[self.parse_key(key)[1]])
            self._finalize_script(keys=swap, args=args, client=self.client)
            pipe = self.client.pipeline(transaction=False)
            pipe.sadd(self.registry_key, *keys)
            if full:
                stale = self._stale_keys(wanted)
                if stale:
                    pipe.unlink(*stale)
                    pipe.srem(self.registry_key, *stale)
                pipe.set(self.ready_key, now.isoformat())
            pipe.execute()
        finally:
            self._unlock(token)
        logger.info("Rebuilt %s leaderboard keys (%s rows)", len(keys), written)
        return {"boards": len(boards), "keys": len(keys), "rows": written}

    def _write_build(self, pending: dict[str, dict[str, int]]) -> int:
        if not pending:
            return 0
        pipe = self.client.pipeline(transaction=False)
        count = 0
        for key, mapping in pending.items():
            pipe.zadd(f"{key}:build", mapping)
            pipe.expire(f"{key}:build", BUILD_TTL)
            count += len(mapping)
        pipe.execute()
        return count

    def _stale_keys(self, wanted: set[str]) -> list[str]:
        """Registered keys of the current buckets that no board has any more, and registry
        entries of keys that expired."""
        current = {bucket(p) for p in PERIODS}
        registered = [k.decode() for k in self.client.smembers(self.registry_key)]
        pipe = self.client.pipeline(transaction=False)
        for key in registered:
            pipe.exists(key)
        exists = pipe.execute()
        stale = []
        for key, present in zip(registered, exists, strict=True):
            parsed = self.parse_key(key)
            if not present or parsed is None or (parsed[1] in current and key not in wanted):
                stale.append(key)
        return stale

    # --- drift ------------------------------------------------------------------------------

    def _redis_fingerprints(self, keys: list[str]) -> dict[str, tuple[int, int]]:
        """(count, order-independent hash) of each key's (member, points) pairs."""
        prints = {}
        for key in keys:
            count = digest = 0
            start = 0
            while True:
                chunk = self.client.zrange(key, start, start + CHUNK - 1, withscores=True)
                for member, score in chunk:
                    digest = (digest + hash((decode_member(member), int(score)))) & 0xFFFFFFFFFFFFFFFF
                count += len(chunk)
                if len(chunk) < CHUNK:
                    break
                start += CHUNK
            prints[key] = (count, digest)
        return prints

    def _ledger_fingerprints(self, boards: set[str] | None, keys: list[str]) -> dict[str, tuple[int, int]]:
        counts: dict[str, int] = dict.fromkeys(keys, 0)
        digests: dict[str, int] = dict.fromkeys(keys, 0)
        for key, member_id, points in self._ledger_keyed_rows(boards):
            counts[key] = counts.get(key, 0) + 1
            digests[key] = (digests.get(key, 0) + hash((member_id, points))) & 0xFFFFFFFFFFFFFFFF
        return {key: (counts[key], digests[key]) for key in counts}

    def compare_and_repair(self, sample: int | None = None) -> dict:
        """Compare the current boards (all, or ``sample`` random ones) with the ledger and
        rebuild those that differ. Without a completed full rebuild everything is rebuilt.
        Returns the keys that differed and the boards rebuilt."""
        if not self.is_ready():
            try:
                result = self.rebuild()
            except RebuildInProgress:
                return {"skipped": "rebuild in progress"}
            return {"checked": result["keys"], "differing": [], "repaired": ["*"]}
        boards = self.known_boards()
        if sample is not None and sample < len(boards):
            boards = set(random.sample(sorted(boards), sample))
        keys = self.current_keys(boards)
        actual = self._redis_fingerprints(keys)
        expected = self._ledger_fingerprints(None if sample is None else boards, keys)
        differing = sorted(k for k in set(actual) | set(expected) if actual.get(k, (0, 0)) != expected.get(k, (0, 0)))
        repaired = sorted({self.parse_key(k)[0] for k in differing})
        if repaired:
            logger.warning("Leaderboard drift in %s: rebuilding %s", ", ".join(differing), ", ".join(repaired))
            try:
                self.rebuild(repaired)
            except RebuildInProgress:
                return {"checked": len(keys), "differing": differing, "repaired": [], "skipped": "rebuild in progress"}
        return {"checked": len(keys), "differing": differing, "repaired": repaired}
