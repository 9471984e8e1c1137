"""Why the programme exists: the content strategy (goals, key messages, audiences), the
content calendar it plans around, the content plan and the 6 C's self-scan."""

from .calendar import CalendarEntry, ContentCalendarFeed
from .goals import Audience, Goal, KeyMessage
from .guidelines import Guidelines, GuidelinesAcceptance
from .plan import PLAN_ORDER, Channel, PlanItem, PlanStatus
from .six_cs import SIX_C_ORDER, SUGGESTED_ACTIONS, SixC, SixCAnswer, SixCQuestion, SixCResponse, suggested_actions

__all__ = [
    "PLAN_ORDER",
    "SIX_C_ORDER",
    "SUGGESTED_ACTIONS",
    "Audience",
    "CalendarEntry",
    "Channel",
    "ContentCalendarFeed",
    "Goal",
    "Guidelines",
    "GuidelinesAcceptance",
    "KeyMessage",
    "PlanItem",
    "PlanStatus",
    "SixC",
    "SixCAnswer",
    "SixCQuestion",
    "SixCResponse",
    "suggested_actions",
]
