"""The report pages: funnel and SVG charts, the <5 rule, the works council switch, reach."""

import pytest

from cms.models import ProgrammeSettings

pytestmark = pytest.mark.django_db


@pytest.mark.clock
def test_dashboard_page_shows_funnel_and_svg_charts(hr):
    page = hr.get("/reports/").content.decode()
    assert 'data-testid="funnel"' in page and "<svg" in page and "goal: 10%" in page
    assert "cdn" not in page.lower()


def test_a_group_under_five_is_suppressed_on_the_page(hr, org):
    page = hr.get(f"/reports/?department={org['ids']['legal']}")
    assert b'data-testid="suppressed"' in page.content


def test_a_bad_filter_shows_the_problem_and_the_default_period(hr):
    page = hr.get("/reports/?from=yesterday")
    assert page.status_code == 200 and "must be a date" in page.content.decode()


def test_works_council_setting_shows_that_per_person_is_off(hr):
    settings = ProgrammeSettings.load()
    settings.aggregates_only = True
    settings.save()
    page = hr.get("/reports/people/")
    assert page.status_code == 200 and b'data-testid="per-person-off"' in page.content


def test_reach_page_labels_the_estimate(hr):
    page = hr.get("/reports/reach/").content.decode()
    assert "Estimated media value" in page and "not measured" in page
