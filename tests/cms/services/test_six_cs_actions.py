import pytest

from cms.services.six_cs_actions import suggest_course
from core.errors import InvalidInput, NotAllowed
from people.models import Notification, Role
from tests.factories import DepartmentFactory, MemberFactory, make_course
from tests.strategy.factories import SixCResponseFactory

pytestmark = pytest.mark.django_db


def test_a_master_suggests_a_course_to_a_department_once():
    department = DepartmentFactory()
    members = [MemberFactory(department=department, language="nl") for _ in range(3)]
    outsider = MemberFactory()
    master = MemberFactory(role=Role.MASTER)
    course = make_course("Netwerken op LinkedIn", lessons=1)
    assert suggest_course(by=master, course=course, c="connections", department_id=department.pk) == 3
    assert suggest_course(by=master, course=course, c="connections", department_id=department.pk) == 0
    notes = Notification.objects.filter(kind="six_cs_course")
    assert sorted(n.member_id for n in notes) == sorted(m.pk for m in members)
    assert not notes.filter(member=outsider).exists()
    assert "Connecties" in notes.first().title and notes.first().url == course.url


def test_others_may_not_and_a_c_must_be_one_of_six():
    course = make_course("Cursus", lessons=1)
    with pytest.raises(NotAllowed):
        suggest_course(by=MemberFactory(role=Role.ACTIVATOR), course=course, c="content", department_id=None)
    with pytest.raises(InvalidInput):
        suggest_course(by=MemberFactory(role=Role.MASTER), course=course, c="charisma", department_id=None)


def test_the_report_page_offers_it_to_masters_only(client_for):
    department = DepartmentFactory()
    for _ in range(5):
        SixCResponseFactory(member=MemberFactory(department=department))
    course = make_course("Cursus", lessons=1)
    master_page = client_for(MemberFactory(role=Role.MASTER)).get("/six-cs/report/").content.decode()
    assert 'data-testid="suggest-course"' in master_page and course.title in master_page
    hr = client_for(MemberFactory(is_hr=True))
    assert 'data-testid="suggest-course"' not in hr.get("/six-cs/report/").content.decode()
    response = hr.post("/six-cs/report/suggest-course/", {"course": course.pk, "c": "content"})
    assert response.status_code == 403
    master = client_for(MemberFactory(role=Role.MASTER))
    response = master.post("/six-cs/report/suggest-course/", {"course": course.pk, "c": "content"})
    assert response.status_code == 302
    assert Notification.objects.filter(kind="six_cs_course").count() >= 5
