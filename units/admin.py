from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Unit, User


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "code", "kind", "email", "sort_order"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "code", "aliases"]
    list_editable = ["sort_order"]
    ordering = ["sort_order", "id"]


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    list_display = ["username", "display_name", "role", "unit", "email", "is_active", "last_login"]
    list_filter = ["role", "unit__kind", "is_active"]
    search_fields = ["username", "last_name", "first_name", "email", "unit__name", "unit__short_name"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("个人信息"), {"fields": ["last_name", "first_name", "email", "phone"]}),
        (_("角色与单位"), {"fields": ["role", "unit"]}),
        (_("状态"), {"fields": ["is_active", "is_staff", "is_superuser", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "role", "unit", "password1", "password2"]}),
    ]

    @admin.display(description=_("姓名"))
    def display_name(self, obj):
        return obj.display_name
