"""Writes to units and people."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.db import upsert

from .choices import UNIT_ROLES, UnitKind
from .models import Unit, User


@transaction.atomic
def unit_upsert_many(*, data: list[dict]) -> tuple[int, int]:
    """Create or update units by `code`; returns (created, updated). Rows that already match are left
    untouched, so loading the same data twice changes nothing."""
    created = updated = 0
    for order, row in enumerate(data, start=1):
        code = (row.get("code") or "").strip()
        if not code or not row.get("name"):
            raise ValidationError(_("第 %(n)s 个单位缺少代码或名称。") % {"n": order})
        if row.get("kind") not in UnitKind.values:
            raise ValidationError(
                _("单位“%(name)s”的类别“%(kind)s”无效。") % {"name": row["name"], "kind": row.get("kind")}
            )
        values = {
            "name": row["name"],
            "short_name": row.get("short_name") or row["name"],
            "aliases": list(row.get("aliases") or []),
            "kind": row["kind"],
            "email": row.get("email") or f"{code}@jt.jl.gov.cn",
            "sort_order": order,
        }
        _unit, outcome = upsert(Unit, {"code": code}, values, validate=False)
        created += outcome == "created"
        updated += outcome == "updated"
    return created, updated


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str = "",
    password_hash: str = "",
    role: str,
    unit: Unit | None = None,
    last_name: str = "",
    first_name: str = "",
    email: str = "",
) -> User:
    """Create a person. Administrators get the Django admin (what they may do there: units/roles.py);
    unit heads and staff must belong to a unit. `password_hash` (from make_password) spares hashing the same
    password again when many accounts share it."""
    if role in UNIT_ROLES and unit is None:
        raise ValidationError({"unit": _("单位负责人和单位填报人必须属于一个单位。")})
    if role not in UNIT_ROLES:
        unit = None
    user = User(
        username=username,
        role=role,
        unit=unit,
        last_name=last_name,
        first_name=first_name,
        email=email,
    )
    if password_hash:
        user.password = password_hash
    else:
        user.set_password(password)
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def user_deactivate(*, user: User) -> bool:
    """A person leaves: they can no longer log in, their sessions and API tokens end (units/signals.py),
    and everything they reported, reviewed or changed stays, under their name. Returns False if the
    account was already inactive."""
    if not user.is_active:
        return False
    user.is_active = False
    user.save(update_fields=["is_active"])
    return True
