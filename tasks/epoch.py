"""The data version's epoch, in the database (tasks.data_version): moved only when a change could not
move the version in the cache (the cache was unreachable), so that what the cache kept from before
is never served once it is back."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DataEpoch(models.Model):
    number = models.BigIntegerField(_("数据纪元"), default=0)

    class Meta:
        verbose_name = _("数据纪元")
        verbose_name_plural = _("数据纪元")

    def __str__(self):
        return str(self.number)
