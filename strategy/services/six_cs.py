"""The 6 C's self-scan: a member's answers, at most once per quarter (Europe/Amsterdam)."""

import datetime
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import Conflict, InvalidInput, NotAllowed
from core.locking import lock
from people.models import Member

from .. import policies
from ..models import SixCAnswer, SixCQuestion, SixCResponse

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def quarter_of(moment: datetime.datetime) -> str:
    """The quarter ``moment`` falls in, in Amsterdam: "2026-Q4" (31 December 23:30 there is
    still Q4, although it is 22:30 UTC; 1 January 00:30 there is Q1 of the next year)."""
    local = moment.astimezone(AMSTERDAM)
    return f"{local.year}-Q{(local.month - 1) // 3 + 1}"


def _clean_answers(answers, questions: list[SixCQuestion]) -> dict[int, int]:
    if not isinstance(answers, dict):
        raise InvalidInput(_('Send {"answers": {"<question id>": 1-5}}.'), code="invalid_answers")
    cleaned: dict[int, int] = {}
    for key, value in answers.items():
        try:
            question_id = int(key)
        except (TypeError, ValueError):
            raise InvalidInput(_("Unknown question."), code="unknown_question") from None
        if isinstance(value, bool) or not isinstance(value, int):
            try:
                value = int(value) if isinstance(value, str) and value.strip().isdigit() else None
            except ValueError:
                value = None
        if value is None or not 1 <= value <= 5:
            raise InvalidInput(_("Every answer is a number from 1 to 5."), code="invalid_value")
        cleaned[question_id] = value
    known = {q.pk for q in questions}
    if set(cleaned) - known:
        raise InvalidInput(_("Unknown question."), code="unknown_question")
    if known - set(cleaned):
        raise InvalidInput(_("Answer every question."), code="incomplete_answers")
    return cleaned


def submit_response(*, member: Member, answers, now: datetime.datetime | None = None) -> SixCResponse:
    """Store ``member``'s answers to every active question (``{question id: 1..5}``) for the
    quarter of ``now``.

    Locks the member's row; the unique (member, quarter) constraint catches a twin that got
    past it. Returns the response. Raises NotAllowed (not signed in), InvalidInput
    (``incomplete_answers``, ``invalid_value``, ``unknown_question``, ``invalid_answers``)
    and Conflict (``already_answered_this_quarter``)."""
    if not policies.can_answer_six_cs(member):
        raise NotAllowed(_("Sign in to fill in the self-scan."))
    now = now or timezone.now()
    questions = list(SixCQuestion.objects.filter(active=True))
    if not questions:
        raise InvalidInput(_("The self-scan has no questions yet."), code="no_questions")
    cleaned = _clean_answers(answers, questions)
    quarter = quarter_of(now)
    by_id = {q.pk: q for q in questions}
    already = Conflict(_("You already filled in the self-scan this quarter."), code="already_answered_this_quarter")
    try:
        with transaction.atomic():
            lock((Member, member.pk))  # request.user is a lazy object, not a Member
            if SixCResponse.objects.filter(member=member, quarter=quarter).exists():
                raise already
            response = SixCResponse.objects.create(
                member=member, quarter=quarter, department_id=member.department_id, submitted_at=now
            )
            SixCAnswer.objects.bulk_create(
                SixCAnswer(response=response, question_id=qid, c=by_id[qid].c, value=value)
                for qid, value in cleaned.items()
            )
    except IntegrityError:
        raise already from None
    return response
