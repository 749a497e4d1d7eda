from auditlog.models import LogEntry
from django import forms
from django.contrib.auth.forms import (
    AdminPasswordChangeForm,
    AuthenticationForm,
    BaseUserCreationForm,
    PasswordChangeForm,
)
from django.utils.translation import gettext_lazy as _

from .models import User


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("用户名或密码不正确，请重新输入。"),
        "inactive": _("该账号已停用，请联系系统管理员。"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"class": "form-control", "autofocus": True})
        self.fields["password"].widget.attrs.update({"class": "form-control"})


class OwnPasswordChangeForm(PasswordChangeForm):
    """A person changes their own password (old one first); it clears "must change at first login"."""

    def save(self, commit=True):
        self.user.must_change_password = False
        return super().save(commit=commit)


class PortalPasswordChangeForm(OwnPasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"


class AdminUserCreationForm(BaseUserCreationForm):
    """An administrator creates an account with an initial password, which the person must change at
    first login. Every account signs in with a password: no "password-based authentication" switch."""

    class Meta(BaseUserCreationForm.Meta):
        model = User
        fields = ["username", "role", "unit"]

    def save(self, commit=True):
        self.instance.must_change_password = True
        return super().save(commit=commit)


class AdminPasswordResetForm(AdminPasswordChangeForm):
    """An administrator resets someone's password; the person must change it at their next login."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields.pop("usable_password", None)
        self.fields["password1"].required = True
        self.fields["password2"].required = True

    def save(self, commit=True):
        self.user.must_change_password = True
        user = self.set_password_and_save(self.user, commit=commit)
        if commit:
            # the password itself is never recorded; that it was reset, by whom and when, always is
            LogEntry.objects.log_create(
                user,
                force_log=True,
                action=LogEntry.Action.UPDATE,
                changes={"password": ["——", "管理员重置（下次登录须修改）"]},
            )
        return user


class NoticeSettingsForm(forms.ModelForm):
    """A person's own e-mail address and whether notices also go there."""

    class Meta:
        model = User
        fields = ["email", "email_notices"]
        labels = {"email": _("电子邮箱")}
        error_messages = {"email": {"invalid": _("请输入有效的电子邮箱地址。")}}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email_notices") and not cleaned.get("email"):
            self.add_error("email", _("要接收邮件通知，请填写电子邮箱。"))
        return cleaned
