"""What the top bar offers the person logged in, decided from their role here, not in templates."""

from django.conf import settings

from notices.inbox import unread_count
from units.access import is_active_user, may_urge, reviews_reports, sees_everything


def navigation(request):
    user = getattr(request, "user", None)
    if not is_active_user(user):
        return {"menu": {}}
    return {
        "idle_seconds": settings.SESSION_COOKIE_AGE,
        "menu": {
            "my_work": user.unit_id is not None,
            "review": reviews_reports(user),
            "overview": True,  # everyone: a unit's people see their own unit's rows
            "ranking": sees_everything(user),
            "my_unit": user.unit.code if user.unit_id else "",
            "drafts": sees_everything(user) or reviews_reports(user),  # 工作总结初稿
            "admin": user.is_staff,
            "unread": unread_count(user),
            "urge": may_urge(user),
        },
    }
