from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    CITY_BUREAU = "city_bureau", _("市（州）交通运输局")
    DEPARTMENT_OFFICE = "department_office", _("厅机关处室")
    AFFILIATED_AGENCY = "affiliated_agency", _("厅直单位")
    ENTERPRISE = "enterprise", _("企业")


class Role(models.TextChoices):
    ADMIN = "admin", _("系统管理员")
    LEADER = "leader", _("厅领导")
    UNIT_HEAD = "unit_head", _("单位负责人")
    UNIT_STAFF = "unit_staff", _("单位填报人")


# Roles that belong to a unit and see the unit's work.
UNIT_ROLES = (Role.UNIT_HEAD, Role.UNIT_STAFF)
