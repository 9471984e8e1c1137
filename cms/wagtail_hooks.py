# Hooks that join apps which may not import each other (registered when Wagtail loads hooks).
from wagtail import hooks
from wagtail.models import Locale

from cms import selectors
from cms.reports import wagtail_hooks as reports_hooks  # noqa: F401
from courses.models import CoursePage
from strategy import policies as strategy_policies
from strategy.models import SixC


@hooks.register("six_cs_report_context")
def six_cs_course_suggestion(*, request):
    """The 6 C's report (strategy) offers a Social Master "suggest a course" for a weak C."""
    if not strategy_policies.can_act_on_six_cs(request.user):
        return {}
    live = CoursePage.objects.live().order_by("title")
    courses = list(live.filter(locale=Locale.get_active())) or list(live)
    return {"suggest_course_url": "six-cs-suggest-course", "course_choices": courses, "c_choices": SixC.choices}


@hooks.register("six_cs_report_context")
def six_cs_meetup_actions(*, request):
    """The 6 C's report (strategy) offers a Social Master "put on a meetup" for a weak C: the
    C's suggested actions become action items of an upcoming meetup (events)."""
    if not strategy_policies.can_act_on_six_cs(request.user):
        return {}
    return {
        "meetup_actions_url": "six-cs-meetup-actions",
        "meetup_choices": selectors.upcoming_meetups(language=Locale.get_active().language_code),
        "c_choices": SixC.choices,
    }
