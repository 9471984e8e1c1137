import re

import pytest

from people.models import Role
from strategy.models import SixCQuestion, SixCResponse
from tests.factories import DepartmentFactory, MemberFactory
from tests.strategy.factories import SixCResponseFactory

pytestmark = pytest.mark.django_db


def test_a_member_fills_in_the_scan_and_sees_a_radar_with_a_table(client_for):
    member = MemberFactory()
    client = client_for(member)
    page = client.get("/six-cs/").content.decode()
    assert 'data-testid="six-cs-form"' in page and 'href="/six-cs/"' in page
    data = {f"q{q.pk}": 4 for q in SixCQuestion.objects.all()}
    assert client.post("/six-cs/", data).status_code == 302
    page = client.get("/six-cs/").content.decode()
    assert 'data-testid="radar"' in page and "<table" in page and 'data-testid="six-cs-done"' in page
    assert SixCResponse.objects.filter(member=member).count() == 1
    client.post("/six-cs/", data, follow=True)
    assert SixCResponse.objects.filter(member=member).count() == 1


def test_a_half_filled_scan_is_explained(client_for):
    client = client_for(MemberFactory())
    first = SixCQuestion.objects.first()
    page = client.post("/six-cs/", {f"q{first.pk}": 3}, follow=True).content.decode()
    assert "Answer every question." in page
    assert not SixCResponse.objects.exists()


def test_the_report_page(client_for):
    department = DepartmentFactory(name="Verkoop")
    for _ in range(5):
        SixCResponseFactory(member=MemberFactory(department=department))
    master = MemberFactory(role=Role.MASTER)
    page = client_for(master).get("/six-cs/report/").content.decode()
    assert "Verkoop" in page and 'data-testid="radar"' in page
    assert 'href="/six-cs/report/"' in page
    assert client_for(MemberFactory(role=Role.CREATOR)).get("/six-cs/report/").status_code == 403


def test_the_report_page_shows_nothing_for_a_small_group(client_for):
    for _ in range(4):
        SixCResponseFactory()
    page = client_for(MemberFactory(is_hr=True)).get("/six-cs/report/").content.decode()
    assert 'data-testid="six-cs-report-empty"' in page


def test_the_report_page_takes_the_same_queries_however_many_answers(client_for, django_assert_max_num_queries):
    client = client_for(MemberFactory(role=Role.MASTER))
    department = DepartmentFactory()
    for _ in range(5):
        SixCResponseFactory(member=MemberFactory(department=department))
    client.get("/six-cs/report/")
    with django_assert_max_num_queries(20) as first:
        client.get("/six-cs/report/")
    for _ in range(10):
        SixCResponseFactory(member=MemberFactory(department=DepartmentFactory()))
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get("/six-cs/report/")


def test_the_radar_geometry_is_not_written_the_dutch_way(client_for):
    """SVG wants 12.5, not the Dutch 12,5: a localised coordinate put every label at 0,0."""
    member = MemberFactory(language="nl")
    client = client_for(member)
    client.post("/six-cs/", {f"q{q.pk}": 4 for q in SixCQuestion.objects.all()})
    page = client.get("/six-cs/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    svg = re.search(r'<svg class="radar".*?</svg>', page, re.S).group(0)
    coordinates = re.findall(r'\b(?:x|y|x2|y2|label_x)="([^"]*)"', svg)
    assert coordinates and all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in coordinates)
    assert "Connecties" in svg
