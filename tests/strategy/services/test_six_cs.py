import datetime
from zoneinfo import ZoneInfo

import pytest

from core.errors import Conflict, InvalidInput
from strategy.models import SixCQuestion, SixCResponse
from strategy.selectors import six_cs as selectors
from strategy.services import six_cs
from tests.factories import DepartmentFactory, MemberFactory
from tests.strategy.factories import SixCResponseFactory

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def all_answers(value=4):
    return {str(q.pk): value for q in SixCQuestion.objects.filter(active=True)}


def test_the_seed_questions_cover_the_six_cs_in_two_languages():
    questions = selectors.questions()
    assert {q.c for q in questions} == {
        "connections",
        "conversations",
        "content",
        "congruence",
        "context",
        "continuous",
    }
    assert all(q.text and q.text_en for q in questions)


def test_new_years_eve_in_amsterdam_is_still_the_old_quarter():
    eve = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=AMS)
    assert six_cs.quarter_of(eve) == "2026-Q4"
    assert six_cs.quarter_of(eve + datetime.timedelta(hours=1)) == "2027-Q1"
    # 23:30 in Amsterdam is 22:30 UTC: the UTC date must not decide.
    assert six_cs.quarter_of(datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)) == "2027-Q1"


def test_once_per_quarter_across_the_new_year():
    member = MemberFactory()
    eve = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=AMS)
    six_cs.submit_response(member=member, answers=all_answers(), now=eve)
    with pytest.raises(Conflict) as refused:
        six_cs.submit_response(member=member, answers=all_answers(), now=eve + datetime.timedelta(minutes=20))
    assert refused.value.code == "already_answered_this_quarter"
    response = six_cs.submit_response(member=member, answers=all_answers(), now=eve + datetime.timedelta(hours=1))
    assert response.quarter == "2027-Q1"
    assert SixCResponse.objects.filter(member=member).count() == 2


@pytest.mark.clock
def test_the_quarter_is_amsterdams_at_every_awkward_moment(clock_moment):
    member = MemberFactory()
    response = six_cs.submit_response(member=member, answers=all_answers())
    local = clock_moment.at.astimezone(AMS)
    assert response.quarter == f"{local.year}-Q{(local.month - 1) // 3 + 1}"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda a: a.pop(next(iter(a))), "incomplete_answers"),
        (lambda a: a.update({next(iter(a)): 6}), "invalid_value"),
        (lambda a: a.update({next(iter(a)): 0}), "invalid_value"),
        (lambda a: a.update({next(iter(a)): True}), "invalid_value"),
        (lambda a: a.update({"999999": 3}), "unknown_question"),
    ],
)
def test_every_question_answered_1_to_5(change, code):
    answers = all_answers()
    change(answers)
    with pytest.raises(InvalidInput) as refused:
        six_cs.submit_response(member=MemberFactory(), answers=answers)
    assert refused.value.code == code
    assert not SixCResponse.objects.exists()


def test_my_result_is_the_average_per_c():
    member = MemberFactory()
    answers = all_answers(4)
    content = list(SixCQuestion.objects.filter(c="content"))
    answers[str(content[0].pk)] = 1
    six_cs.submit_response(member=member, answers=answers)
    [(quarter, scores)] = selectors.my_responses(member_id=member.pk)
    assert scores.values["content"] == 2.5
    assert scores.values["connections"] == 4
    assert scores.weakest == "content"


def test_the_report_pools_small_departments_and_shows_the_organisation():
    big, small_a, small_b = DepartmentFactory(name="Zorg"), DepartmentFactory(name="ICT"), DepartmentFactory(name="HR")
    for _ in range(5):
        SixCResponseFactory(member=MemberFactory(department=big), answers=4)
    for _ in range(3):
        SixCResponseFactory(member=MemberFactory(department=small_a), answers=2)
    for _ in range(2):
        SixCResponseFactory(member=MemberFactory(department=small_b), answers=1)
    [quarter] = selectors.report()
    groups = {g.key: g for g in quarter.groups}
    assert set(groups) == {f"department:{big.pk}", "pooled", "organisation"}
    assert groups["pooled"].respondents == 5
    assert groups["pooled"].scores.values["content"] == pytest.approx((3 * 2 + 2 * 1) / 5)
    assert groups["organisation"].respondents == 10
    # A small department asked for on its own shows nothing.
    assert selectors.report(department_id=small_a.pk) == []
    assert selectors.report(department_id=big.pk)[0].groups[0].respondents == 5


def test_the_report_takes_a_fixed_number_of_queries(django_assert_max_num_queries):
    department = DepartmentFactory()
    for _ in range(5):
        SixCResponseFactory(member=MemberFactory(department=department))
    with django_assert_max_num_queries(3):
        selectors.report()
    for _ in range(10):
        SixCResponseFactory(member=MemberFactory(), quarter="2026-Q3")
    with django_assert_max_num_queries(3):
        assert len(selectors.report()) == 2
