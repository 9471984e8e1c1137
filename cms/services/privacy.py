"""A member's personal data across every app: the JSON download and erasure.

Each app's part is one line in ``PERSONAL_DATA`` (model, the field pointing at the member,
the free texts erasure blanks); login rows (``LOGIN_ROWS``) and report exports are deleted. Models that are not installed (yet) are skipped, so the
registry can name every app. Erasure keeps rows (and so every count and total) and removes
what identifies the person (texts, and the photos and videos in ``PERSONAL_FILES``); see
``people.services.privacy.anonymise``."""

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from challenges import services as challenge_services
from cms.models import ReportExport
from cms.reports import services as report_services
from community.services import privacy as community_privacy
from core.errors import Conflict, InvalidInput
from core.locking import lock
from gamification.services import credentials as credential_services
from gamification.services.boards import set_leaderboard_visibility
from learning import services as learning_services
from learning.xapi import outbox as xapi_outbox
from people import selectors as people_selectors
from people import services as people_services
from people.models import AuditAction, LeaderboardVisibility, Member
from people.services import audit


class WrongPassword(InvalidInput):
    """A member erasing themselves confirms with their password (400)."""

    default_code = "wrong_password"


class AlreadyErased(Conflict):
    """The member's data is gone already (409)."""

    default_code = "already_erased"


@dataclass(frozen=True)
class PersonalData:
    key: str
    model: str
    member_field: str
    erase_fields: tuple[str, ...] = ()
    export: bool = True

    def model_class(self):
        try:
            model = apps.get_model(self.model)
            model._meta.get_field(self.member_field.split("__")[0])
        except (LookupError, FieldDoesNotExist):
            return None
        return model

    def fields_to_erase(self, model) -> list[str]:
        present = []
        for name in self.erase_fields:
            try:
                model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            present.append(name)
        return present


PERSONAL_DATA = [
    PersonalData("enrolments", "learning.Enrolment", "member"),
    PersonalData("lesson_completions", "learning.LessonCompletion", "member"),
    PersonalData("quiz_attempts", "learning.QuizAttempt", "member"),
    PersonalData("course_completions", "learning.CourseCompletion", "member", ("member_name",)),
    PersonalData("path_completions", "learning.PathCompletion", "member"),
    PersonalData("session_registrations", "events.Registration", "member", ("note", "notes", "comment")),
    PersonalData("linkedin_checklist", "events.LinkedInChecklistTick", "member", ("note",)),
    PersonalData("session_feedback", "events.SessionFeedback", "member", ("comment",)),
    PersonalData("action_items", "events.ActionItem", "owner", ("what",)),
    PersonalData("collected_stories", "events.CollectedStory", "member", ("summary",)),
    PersonalData("linkedin_profile", "events.LinkedInProfile", "member", ("profile_url",)),
    PersonalData("points", "gamification.PointsEntry", "member", ("reason", "label")),
    PersonalData("badges", "gamification.BadgeAward", "member", ("reason", "revocation_reason")),
    PersonalData("levels", "gamification.LevelReached", "member"),
    PersonalData("active_weeks", "gamification.ActiveWeek", "member"),
    PersonalData("prizes_won", "gamification.PrizeWinner", "member", ("motivation",)),
    PersonalData("nominations_made", "gamification.Nomination", "nominator", ("reason",)),
    # What others wrote about the member names them; it goes, but it is not theirs to download.
    PersonalData("nominations_received", "gamification.Nomination", "nominee", ("reason",), export=False),
    PersonalData(
        "stories",
        "challenges.Story",
        "creator",
        ("title", "original_text", "text", "caption", "feedback", "link_url"),
    ),
    PersonalData("review_feedback", "challenges.ReviewDecision", "story__creator", ("feedback",), export=False),
    PersonalData("compliments_given", "challenges.Compliment", "by", ("message",)),
    PersonalData("shares", "challenges.Share", "member"),
    PersonalData("share_links", "challenges.ShareLink", "member"),
    # Community posts are anonymised by community.services.privacy.erase (text kept where
    # others replied, name removed), not blanked here.
    PersonalData("community_threads", "community.Thread", "author"),
    PersonalData("community_posts", "community.Post", "author"),
    # The images of the member's posts (their files go with community.services.privacy.erase).
    PersonalData("community_post_images", "community.PostImage", "post__author"),
    PersonalData("community_reports", "community.Report", "reporter", ("reason",)),
    PersonalData("community_reactions", "community.Reaction", "member"),
    PersonalData("community_follows", "community.ThreadFollow", "member"),
]

# Rows that exist only for the member to log in (their addresses and single sign-on
# identities with the claims the provider sent, their second factors): an erased account
# never logs in again, so they are deleted, not blanked. (model label, field to the member)
LOGIN_ROWS = [
    ("account.EmailAddress", "user"),
    ("socialaccount.SocialAccount", "user"),
    ("mfa.Authenticator", "user"),
]


@dataclass(frozen=True)
class PersonalFiles:
    """Uploaded files that show the member (a story's photos and video). Erasure removes
    them from storage: rows that cannot exist without their file are deleted, other
    file fields are blanked."""

    model: str
    member_field: str
    file_field: str
    delete_rows: bool = False


PERSONAL_FILES = [
    PersonalFiles("challenges.StoryImage", "story__creator", "image", delete_rows=True),
    PersonalFiles("challenges.Story", "creator", "video"),
]


def _erase_files(member: Member) -> None:
    """Inside the erasure's transaction; the files themselves go once it commits, so a
    rolled-back erasure loses nothing."""
    doomed = []
    for item in PERSONAL_FILES:
        try:
            model = apps.get_model(item.model)
        except LookupError:
            continue
        rows = model.objects.filter(**{item.member_field: member})
        storage = model._meta.get_field(item.file_field).storage
        doomed += [(storage, name) for name in rows.values_list(item.file_field, flat=True) if name]
        if item.delete_rows:
            rows.delete()
        else:
            rows.update(**{item.file_field: ""})

    def delete_files():
        for storage, name in doomed:
            storage.delete(name)

    transaction.on_commit(delete_files)


def _erase_login_rows(member: Member) -> None:
    # An identity provider may send the e-mail address as the SCIM externalId.
    Member.objects.filter(pk=member.pk).update(scim_external_id="")
    member.scim_external_id = ""
    for label, field in LOGIN_ROWS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        model.objects.filter(**{field: member}).delete()


def _erase_report_exports(member: Member) -> None:
    """The member's own exports, and every per-person export (its file lists the member by
    name): rows and files (once the erasure commits). Whoever asked exports again."""
    report_services.delete_exports(
        ReportExport.objects.filter(requested_by=member) | ReportExport.objects.filter(table__contains="people")
    )


def _erase_credentials(member: Member) -> None:
    """Open Badges 3.0 credentials publish a hash of the e-mail address: revoke and empty them."""
    subjects = [award.uuid for award in member.badge_awards.only("uuid")]
    subjects += [learning_services.certificate_subject(c) for c in member.course_completions.only("certificate_code")]
    credential_services.forget(subjects=subjects)


def _registered():
    for item in PERSONAL_DATA:
        model = item.model_class()
        if model is not None:
            yield item, model


def export_member_data(*, member: Member, by: Member) -> dict:
    """Everything the platform holds about ``member``, one query per kind of data. Other
    members' personal data (who reviewed, who nominated) is left out. The export is
    audited.

    Locks nothing. Returns the data as a JSON-ready dict. Raises nothing of its own: ask
    ``people.policies.can_handle_personal_data_of`` before exporting someone else's."""
    data = people_selectors.personal_data(member=member)
    for item, model in _registered():
        if not item.export:
            continue
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if f.attname not in (f"{item.member_field}_id",) and not f.is_relation
        ]
        data[item.key] = list(model.objects.filter(**{item.member_field: member}).values(*fields))
    audit.record(actor=by, action=AuditAction.DATA_EXPORTED, target=member, own=by.pk == member.pk)
    return data


def erase_member(*, member: Member, by: Member, password: str | None = None) -> None:
    """Anonymise ``member`` everywhere and take them off every leaderboard. Counts and
    totals stay as they were: rows are kept, only what identifies the person is removed.

    A member erasing themselves confirms with their password. Locks the member row, so two
    requests cannot both erase (and both audit). Returns nothing; ``member`` is re-read.
    Raises ``WrongPassword`` (400), ``AlreadyErased`` (409) and ``Busy``. Ask
    ``people.policies.can_handle_personal_data_of`` before erasing someone else."""
    if by.pk == member.pk and (not password or not member.check_password(password)):
        raise WrongPassword(_("The password is not correct."))
    with transaction.atomic():
        lock(member)
        locked = Member.objects.get(pk=member.pk)
        if locked.erased_at is not None:
            raise AlreadyErased(_("This member's data has already been erased."))
        for item, model in _registered():
            fields = item.fields_to_erase(model)
            if fields:
                model.objects.filter(**{item.member_field: locked}).update(**dict.fromkeys(fields, ""))
        _erase_files(locked)
        _erase_login_rows(locked)
        _erase_report_exports(locked)
        _erase_credentials(locked)
        people_services.anonymise(member=locked)
        challenge_services.forget_entrant(member=locked)
        challenge_services.forget_stories(member=locked)
        community_privacy.erase(member=locked)
        xapi_outbox.forget_member(member=locked)
        set_leaderboard_visibility(member=locked, visibility=LeaderboardVisibility.HIDDEN)
        audit.record(actor=by, action=AuditAction.MEMBER_ERASED, target=locked.pk, own=by.pk == member.pk)
    member.refresh_from_db()
