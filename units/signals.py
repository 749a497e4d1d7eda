"""API tokens end when what they stood for ends: a new password or a deactivated account revokes every
token the person holds, whichever page, admin form or script made the change."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from knox.models import AuthToken

from .models import User


@receiver(pre_save, sender=User)
def _note_credentials_change(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None or (update_fields and not {"password", "is_active"} & set(update_fields)):
        return
    before = User.objects.filter(pk=instance.pk).values("password", "is_active").first()
    instance._revoke_tokens = bool(
        before
        and (before["password"] != instance.password or (before["is_active"] and not instance.is_active))
    )


@receiver(post_save, sender=User)
def _revoke_tokens(sender, instance, raw=False, **kwargs):
    if getattr(instance, "_revoke_tokens", False):
        AuthToken.objects.filter(user=instance).delete()
        instance._revoke_tokens = False
