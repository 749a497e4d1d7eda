from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from units.choices import Role

# Each role's home page after login.
HOME_BY_ROLE = {
    # administrators work in the portal too (correcting reports, the overview); the top bar and the
    # overview link them to the admin's management screens
    Role.ADMIN: "leader-home",
    Role.LEADER: "leader-home",
    Role.UNIT_HEAD: "review-queue",
    Role.UNIT_STAFF: "my-work",
}


def home(request):
    role = Role.ADMIN if request.user.is_superuser else request.user.role
    return redirect(HOME_BY_ROLE.get(role, "my-work"))


@login_not_required
@require_GET
def healthz(request):
    """Alive: the process answers (a load balancer's liveness probe). Dependencies are /readyz's."""
    return JsonResponse({"status": "ok"})


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def _check_cache() -> str:
    cache.set("readyz", "ok", 5)
    return "ok" if cache.get("readyz") == "ok" else "error: no answer"


def _check_broker() -> str:
    from portal.celery import app

    if app.conf.task_always_eager:
        return "not used"  # tasks run in-process
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=0, timeout=2)
    return "ok"


@login_not_required
@require_GET
def readyz(request):
    """Ready: each dependency and how it answers. Without the database nothing works (503); without
    Redis (cache or broker) the portal still serves, slower, and sends its messages later: "degraded"."""
    checks = {}
    for name, check in (("database", _check_database), ("cache", _check_cache), ("broker", _check_broker)):
        try:
            checks[name] = check()
        except Exception as exc:
            checks[name] = f"error: {exc.__class__.__name__}"
    if not checks["database"].startswith("ok"):
        status = "error"
    elif all(v in ("ok", "not used") for v in checks.values()):
        status = "ok"
    else:
        status = "degraded"
    return JsonResponse({"status": status, **checks}, status=503 if status == "error" else 200)
