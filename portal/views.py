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
    """Liveness for load balancers and docker-compose: the database and the cache answer."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:
        checks["database"] = f"error: {exc.__class__.__name__}"
    try:
        cache.set("healthz", "ok", 5)
        checks["cache"] = "ok" if cache.get("healthz") == "ok" else "error"
    except Exception as exc:
        checks["cache"] = f"error: {exc.__class__.__name__}"
    healthy = all(v == "ok" for v in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)
