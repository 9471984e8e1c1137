from tests.factories import make_course


def test_course_tree_builds(db):
    course = make_course(lessons=2, quiz_on=[1])
    assert course.lessons().count() == 2
