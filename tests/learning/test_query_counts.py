"""Pages and endpoints run the same number of queries however much there is to show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning import services
from tests.factories import correct_answers, lessons_of, make_course, make_path

pytestmark = pytest.mark.django_db


def build(member, courses, lessons):
    made = [make_course(f"Course {i}", lessons=lessons, quiz_on=[lessons - 1]) for i in range(courses)]
    make_path(made[: max(1, courses // 2)], title="Path A")
    make_path(made[max(1, courses // 2) :] or made[:1], title="Path B")
    for course in made[: courses // 2]:
        for lesson in lessons_of(course):
            if lesson.has_quiz:
                services.submit_quiz(member=member, lesson=lesson, answers=correct_answers(lesson))
            else:
                services.complete_lesson(member=member, lesson=lesson)
    return made


def count(client, url):
    client.get(url)  # warm caches that are per process (site root paths, content types)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return len(ctx.captured_queries)


URLS = ["/learn/", "/api/v1/courses/", "/api/v1/me/progress/", "/api/v1/paths/"]


def test_query_count_does_not_grow_with_courses_and_progress(client, member, subtests, django_assert_max_num_queries):
    # One build for every page (building the courses is most of the cost), one subtest each.
    client.force_login(member)
    build(member, courses=2, lessons=2)
    small = {url: count(client, url) for url in URLS}
    build(member, courses=8, lessons=4)
    for url in URLS:
        with subtests.test(url=url):
            large = count(client, url)
            assert large == small[url], f"{url}: {small[url]} queries with little data, {large} with more"
            # The dashboard also shows points, level and streak.
            with django_assert_max_num_queries(20):
                client.get(url)


def test_course_and_lesson_pages_do_not_grow_with_lessons(client, member):
    client.force_login(member)
    small_course = make_course("Small", lessons=2)
    large_course = make_course("Large", lessons=12)
    for course in (small_course, large_course):
        for lesson in lessons_of(course)[:-1]:
            services.complete_lesson(member=member, lesson=lesson)
    assert count(client, small_course.url) == count(client, large_course.url)
    assert count(client, lessons_of(small_course)[0].url) == count(client, lessons_of(large_course)[5].url)
