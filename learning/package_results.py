"""What the values a SCORM package reported mean: completed or not, passed or failed, and
the score, read the way each standard defines them.

- SCORM 1.2: ``cmi.core.lesson_status`` (``passed``/``completed`` complete the lesson,
  ``failed`` is a failure), ``cmi.core.score.raw``/``min``/``max``.
- SCORM 2004: ``cmi.completion_status`` (``completed``) and ``cmi.success_status``
  (``passed``/``failed``), ``cmi.score.scaled``/``raw``/``max``.

A lesson is completed by a package that reports completion or a pass, never by one that
reports a failure (a completed but failed test)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Outcome:
    completion: str
    success: str
    raw: float | None
    maximum: float | None
    scaled: float | None

    @property
    def completes(self) -> bool:
        return self.success != "failed" and (self.completion == "completed" or self.success == "passed")


def _number(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def outcome(standard: str, data: dict) -> Outcome:
    if standard == "scorm12":
        status = data.get("cmi.core.lesson_status", "")
        raw, low, high = (_number(data.get(f"cmi.core.score.{k}")) for k in ("raw", "min", "max"))
        scaled = None
        if raw is not None and high:
            scaled = round((raw - (low or 0)) / (high - (low or 0)), 4) if high != (low or 0) else None
        return Outcome(
            completion="completed" if status in ("completed", "passed") else (status if status else ""),
            success=status if status in ("passed", "failed") else "",
            raw=raw,
            maximum=high,
            scaled=scaled,
        )
    success = data.get("cmi.success_status", "")
    return Outcome(
        completion=data.get("cmi.completion_status", ""),
        success=success if success in ("passed", "failed") else "",
        raw=_number(data.get("cmi.score.raw")),
        maximum=_number(data.get("cmi.score.max")),
        scaled=_number(data.get("cmi.score.scaled")),
    )
