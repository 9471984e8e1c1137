import pytest

from tests.factories import make_course, make_path

pytestmark = pytest.mark.django_db


def test_dashboard_lists_path_courses_once_and_other_courses_apart(logged_in):
    in_path = make_course("Path course", lessons=1)
    make_course("Loose course", lessons=1)
    make_path([in_path], title="The path")
    html = logged_in.get("/learn/").content.decode()
    assert html.count("Path course</a>") == 1
    assert "Other courses" in html and html.count("Loose course</a>") == 1


def test_dashboard_without_paths_shows_all_courses(logged_in):
    make_course("Only course", lessons=1)
    html = logged_in.get("/learn/").content.decode()
    assert "No learning paths yet" in html and "All courses" in html and "Only course</a>" in html
