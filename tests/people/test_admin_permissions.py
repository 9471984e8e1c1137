"""Who may open what: the Wagtail admin, its page editor, snippets and user management,
and the learner's pages, for every Social Shift role, through real logins."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse

from learning import services as learning_services
from people.forms import MemberEditForm
from people.models import Member, Role
from people.roles import ACTIVATORS, ALL_ROLE_GROUPS, EDITORS, HR, MASTERS, ensure_role_groups
from people.roles import _permissions as REGISTERED_PERMISSIONS
from tests.factories import MemberFactory, course_index, lessons_of, make_course, make_path

pytestmark = pytest.mark.django_db

ROLES = {
    "master": {"role": Role.MASTER},
    "activator": {"role": Role.ACTIVATOR},
    "editor": {"role": Role.EDITOR},
    "creator": {"role": Role.CREATOR},
    "ambassador": {"role": Role.AMBASSADOR},
    "hr": {"role": Role.AMBASSADOR, "is_hr": True},
}
ADMIN_ROLES = ["master", "activator", "editor", "hr"]
NON_ADMIN_ROLES = ["creator", "ambassador"]


@pytest.fixture
def role_groups(db):
    """The role groups with their permissions. The post_migrate hook has made them already
    (test_role_groups_exist_after_migrate checks that); this keeps the matrix tests about
    the matrix. Idempotent."""
    ensure_role_groups()


@pytest.fixture
def login_as(client, role_groups):
    def login(name, **extra):
        member = MemberFactory(**{**ROLES[name], **extra})
        client.force_login(member)
        return member

    return login


@pytest.fixture
def course(db):
    return make_course("Admin course", lessons=2)


def assert_refused(response, *, admin_home_ok=True):
    """Refused: 403, or Wagtail's redirect (to the login page for members without admin
    access, to the dashboard for admin users lacking the permission)."""
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        location = response["Location"]
        allowed = ["/login/"] + (["/admin/"] if admin_home_ok else [])
        assert any(location == url or location.startswith(url + "?") for url in allowed), location


# --- role groups come from migrate -----------------------------------------------------


def test_role_groups_exist_after_migrate(db):
    """Regression: people/apps.py once held three AppConfig subclasses and none was the
    default, so PeopleConfig.ready() never ran and no role group got its permissions."""
    from people.apps import PeopleConfig

    assert isinstance(apps.get_app_config("people"), PeopleConfig)
    for name in ALL_ROLE_GROUPS:
        group = Group.objects.get(name=name)
        have = {
            f"{app}.{codename}"
            for app, codename in group.permissions.values_list("content_type__app_label", "codename")
        }
        assert have >= set(REGISTERED_PERMISSIONS.get(name, ())), name
    admin_groups = Group.objects.filter(permissions__codename="access_admin").values_list("name", flat=True)
    assert set(admin_groups) & set(ALL_ROLE_GROUPS) == {MASTERS, ACTIVATORS, EDITORS, HR}


@pytest.mark.parametrize("name", ADMIN_ROLES)
def test_admin_roles_reach_the_admin_on_a_migrated_database(client, name):
    client.force_login(MemberFactory(**ROLES[name]))
    assert client.get("/admin/").status_code == 200


# --- /admin/ -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ADMIN_ROLES)
def test_admin_roles_open_the_dashboard(client, login_as, name):
    login_as(name)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert b"wagtail" in response.content.lower()


@pytest.mark.parametrize("name", NON_ADMIN_ROLES)
def test_other_roles_are_kept_out_of_the_admin(client, login_as, name):
    login_as(name)
    assert_refused(client.get("/admin/"), admin_home_ok=False)


def test_anonymous_is_sent_to_login_from_the_admin(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_groups_follow_roles(role_groups):
    expected = {
        "master": {MASTERS},
        "activator": {ACTIVATORS},
        "editor": {EDITORS},
        "creator": set(),
        "ambassador": set(),
        "hr": {HR},
    }
    for name, groups in expected.items():
        member = MemberFactory(**ROLES[name])
        assert set(member.groups.values_list("name", flat=True)) == groups, name


# --- pages and snippets --------------------------------------------------------------------


def _page_and_snippet_urls(course):
    return {
        "explorer": reverse("wagtailadmin_explore", args=[course_index().pk]),
        "course edit": reverse("wagtailadmin_pages:edit", args=[course.pk]),
        "lesson edit": reverse("wagtailadmin_pages:edit", args=[lessons_of(course)[0].pk]),
        "learning paths": reverse("wagtailsnippets_courses_learningpath:list"),
        "departments": reverse("wagtailsnippets_people_department:list"),
        "locations": reverse("wagtailsnippets_people_location:list"),
    }


@pytest.mark.parametrize(
    "what", ["explorer", "course edit", "lesson edit", "learning paths", "departments", "locations"]
)
def test_masters_author_courses_paths_and_organisation(client, login_as, course, what):
    make_path([course], title="A path")
    login_as("master")
    response = client.get(_page_and_snippet_urls(course)[what])
    assert response.status_code == 200


def test_master_sees_the_learning_path_in_the_listing(client, login_as, course):
    make_path([course], title="Findable path")
    login_as("master")
    response = client.get(reverse("wagtailsnippets_courses_learningpath:list"))
    assert "Findable path" in response.content.decode()


@pytest.mark.parametrize("name", ["editor", "hr"])
@pytest.mark.parametrize("what", ["course edit", "lesson edit", "learning paths", "departments", "locations"])
def test_editors_and_hr_cannot_author(client, login_as, course, name, what):
    login_as(name)
    assert_refused(client.get(_page_and_snippet_urls(course)[what]))


@pytest.mark.parametrize("name", NON_ADMIN_ROLES)
def test_other_roles_cannot_author(client, login_as, course, name):
    login_as(name)
    for url in _page_and_snippet_urls(course).values():
        assert_refused(client.get(url), admin_home_ok=False)


def test_editor_cannot_save_a_course(client, login_as, course):
    login_as("editor")
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[course.pk]), {"title": "Hijacked", "slug": course.slug}
    )
    assert_refused(response)
    course.refresh_from_db()
    assert course.title == "Admin course"


# --- member management -------------------------------------------------------------------


def test_master_opens_the_users_listing_and_edit_form_with_role(client, login_as):
    target = MemberFactory(role=Role.AMBASSADOR, display_name="Target Person")
    login_as("master")
    listing = client.get(reverse("wagtailusers_users:index"))
    assert listing.status_code == 200
    assert target.email in listing.content.decode()
    edit = client.get(reverse("wagtailusers_users:edit", args=[target.pk]))
    assert edit.status_code == 200
    form = edit.context["form"]
    assert isinstance(form, MemberEditForm)
    html = edit.content.decode()
    for field in ["role", "is_hr", "display_name", "department", "location", "language"]:
        assert field in form.fields
        assert f'name="{field}"' in html


@pytest.mark.parametrize("name", ["editor", "hr"])
def test_editors_and_hr_cannot_manage_members(client, login_as, name):
    target = MemberFactory()
    login_as(name)
    assert_refused(client.get(reverse("wagtailusers_users:index")))
    assert_refused(client.get(reverse("wagtailusers_users:edit", args=[target.pk])))
    response = client.post(reverse("wagtailusers_users:edit", args=[target.pk]), {"role": "master"})
    assert_refused(response)
    target.refresh_from_db()
    assert target.role == Role.AMBASSADOR


def _edit_data(member, **changes):
    data = {
        "email": member.email,
        "first_name": "Tess",
        "last_name": "Target",
        "is_active": "on",
        "password1": "",
        "password2": "",
        "role": member.role,
        "display_name": member.display_name,
        "department": member.department_id or "",
        "location": member.location_id or "",
        "language": member.language,
        # What the form offers: role groups follow the role and are not offered.
        "groups": [str(pk) for pk in member.groups.exclude(name__in=ALL_ROLE_GROUPS).values_list("pk", flat=True)],
    }
    if member.is_hr:
        data["is_hr"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_changing_the_role_in_the_admin_moves_groups(client, login_as):
    target = MemberFactory(role=Role.ACTIVATOR, is_hr=True)
    moderators = Group.objects.get_or_create(name="Moderators")[0]
    target.groups.add(moderators)
    assert set(target.groups.values_list("name", flat=True)) == {ACTIVATORS, HR, "Moderators"}
    login_as("master")

    data = _edit_data(target, role=Role.EDITOR, is_hr=None)
    data.pop("is_hr", None)
    response = client.post(reverse("wagtailusers_users:edit", args=[target.pk]), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response

    target.refresh_from_db()
    assert target.role == Role.EDITOR
    assert target.is_hr is False
    assert set(target.groups.values_list("name", flat=True)) == {EDITORS, "Moderators"}


def test_role_groups_cannot_be_ticked_by_hand(client, login_as):
    target = MemberFactory(role=Role.AMBASSADOR)
    masters = Group.objects.get(name=MASTERS)
    login_as("master")
    data = _edit_data(target, groups=[str(masters.pk)])
    response = client.post(reverse("wagtailusers_users:edit", args=[target.pk]), data)
    assert response.status_code == 200  # not offered, so refused as an invalid choice
    assert "groups" in response.context["form"].errors
    target.refresh_from_db()
    assert target.role == Role.AMBASSADOR
    assert not target.groups.filter(name=MASTERS).exists()


def test_member_edit_form_syncs_groups(role_groups):
    target = MemberFactory(role=Role.MASTER)
    data = _edit_data(target, role=Role.AMBASSADOR, is_hr="on")
    form = MemberEditForm(data, instance=target)
    assert form.is_valid(), form.errors
    form.save()
    target.refresh_from_db()
    assert (target.role, target.is_hr) == (Role.AMBASSADOR, True)
    assert set(target.groups.values_list("name", flat=True)) == {HR}


def test_member_edit_form_refuses_an_unknown_role(role_groups):
    target = MemberFactory(role=Role.AMBASSADOR)
    form = MemberEditForm(_edit_data(target, role="overlord"), instance=target)
    assert not form.is_valid()
    assert "role" in form.errors
    assert Member.objects.get(pk=target.pk).role == Role.AMBASSADOR


# --- learner pages -------------------------------------------------------------------------


def test_learner_pages_need_a_login(client, course):
    lesson = lessons_of(course)[0]
    for url in ["/learn/", course.url, lesson.url]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/login/?next="), url


@pytest.mark.parametrize("name", list(ROLES))
def test_every_role_can_learn(client, login_as, course, name):
    login_as(name)
    lesson = lessons_of(course)[0]
    assert client.get("/learn/").status_code == 200
    assert client.get(course.url).status_code == 200
    response = client.get(lesson.url)
    assert response.status_code == 200
    assert "Lesson 1 of Admin course" in response.content.decode()


def test_locked_lesson_page_is_403_with_the_reason(client, login_as, course):
    later = make_course("Later course", lessons=1, prerequisites=[course])
    login_as("ambassador")
    response = client.get(lessons_of(later)[0].url)
    assert response.status_code == 403
    assert "Admin course" in response.content.decode()


def test_certificate_page_is_public(client, role_groups):
    member = MemberFactory(display_name="Cert Holder")
    course = make_course("Certified", lessons=1)
    result = learning_services.complete_lesson(member=member, lesson=lessons_of(course)[0])
    code = result.course_completion.certificate_code
    response = client.get(reverse("learning:certificate", args=[code]))
    assert response.status_code == 200
    html = response.content.decode()
    assert code in html
    assert "Cert Holder" in html
    assert "Certified" in html


def test_unknown_certificate_is_404(client):
    assert client.get(reverse("learning:certificate", args=["NO-SUCH-CODE"])).status_code == 404


def test_master_cannot_make_a_superuser(client, login_as):
    target = MemberFactory()
    login_as("master")
    client.post(reverse("wagtailusers_users:edit", args=[target.pk]), _edit_data(target, is_superuser="on"))
    password = "A-long-enough-passphrase-42"
    client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "new@example.com",
            "first_name": "New",
            "last_name": "Account",
            "password1": password,
            "password2": password,
            "is_superuser": "on",
            "role": Role.AMBASSADOR,
            "language": "en",
        },
    )
    target.refresh_from_db()
    assert not target.is_superuser
    assert not Member.objects.filter(is_superuser=True).exists()


def test_master_cannot_edit_a_superuser(client, login_as):
    boss = MemberFactory(is_superuser=True)
    login_as("master")
    old_password = boss.password
    response = client.get(reverse("wagtailusers_users:edit", args=[boss.pk]))
    assert response.status_code in (302, 403) and response.get("Location", "/admin/") == "/admin/"
    new_password = "Another-long-passphrase-77"
    response = client.post(
        reverse("wagtailusers_users:edit", args=[boss.pk]),
        _edit_data(boss, password1=new_password, password2=new_password),
    )
    assert response.status_code in (302, 403)
    boss.refresh_from_db()
    assert boss.password == old_password


# --- the Activator's Beheer -----------------------------------------------------------------


def test_an_activator_reads_the_content_calendar_and_changes_nothing_in_the_admin(client, login_as, course):
    from strategy.models import CalendarEntry

    entry = CalendarEntry.objects.create(title="Koningsdag", kind="holiday", starts_on="2027-04-27")
    activator = login_as("activator")
    listing = client.get("/admin/snippets/strategy/calendarentry/")
    assert listing.status_code == 200 and "Koningsdag" in listing.content.decode()
    assert client.get(f"/admin/snippets/strategy/calendarentry/inspect/{entry.pk}/").status_code == 200
    assert_refused(client.get(f"/admin/snippets/strategy/calendarentry/edit/{entry.pk}/"))
    assert_refused(client.post(f"/admin/snippets/strategy/calendarentry/edit/{entry.pk}/", {"title": "Weg"}))
    assert_refused(client.get("/admin/snippets/strategy/calendarentry/add/"))
    assert CalendarEntry.objects.get(pk=entry.pk).title == "Koningsdag"
    # Pages (courses, sessions), members and settings stay with the Masters.
    assert_refused(client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])))
    assert_refused(client.get(reverse("wagtailusers_users:index")))
    assert_refused(client.get("/admin/snippets/events/linkedinchecklistitem/"))
    home = client.get("/admin/").content.decode()
    assert "Session attendance" in home and "Pilot group" in home and "Invitations" in home
    panel = home.split('data-testid="department-panel"')[1].split("</section>")[0]
    assert f"Your department: {activator.department.name}" in panel and "Content calendar" in panel


@pytest.mark.parametrize("name", ["master", "editor", "hr"])
def test_the_department_panel_is_the_activators(client, login_as, name):
    login_as(name)
    assert 'data-testid="department-panel"' not in client.get("/admin/").content.decode()
