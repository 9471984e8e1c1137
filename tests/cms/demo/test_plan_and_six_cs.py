"""The demo's content plan and 6 C's answers (cms/demo/plan_and_six_cs.py, run by seed_demo)."""

import pytest
from django.core.management import call_command

from strategy.models import PLAN_ORDER, PlanItem, SixCResponse
from strategy.selectors import six_cs

pytestmark = pytest.mark.django_db


def test_the_demo_plans_every_status_and_two_quarters_of_self_scans(demo):
    assert set(PlanItem.objects.values_list("status", flat=True)) == set(PLAN_ORDER)
    assert PlanItem.objects.filter(owner__language="en").exists()
    assert SixCResponse.objects.values("quarter").distinct().count() == 2
    latest = six_cs.report()[0]
    keys = [g.key for g in latest.groups]
    assert "pooled" in keys and "organisation" in keys
    assert "IT" not in [g.label for g in latest.groups]


def test_seeding_twice_adds_nothing(demo, settings):
    settings.DEBUG = True
    before = (PlanItem.objects.count(), SixCResponse.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (PlanItem.objects.count(), SixCResponse.objects.count()) == before
