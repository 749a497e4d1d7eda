"""A person's in-app notices (站内通知): reading them, through the one visibility rule, and marking
them read. Nobody reads another's."""

from django.db.models import QuerySet
from django.utils import timezone

from .models import Channel, Notice


def notices_of(user) -> QuerySet:
    return Notice.objects.restrict(user).filter(channel=Channel.INAPP, user=user)


def unread_count(user) -> int:
    return notices_of(user).filter(read_at__isnull=True).count()


def notice_read(*, user, notice) -> None:
    notices_of(user).filter(pk=notice.pk, read_at__isnull=True).update(read_at=timezone.now())


def notices_read_all(*, user) -> int:
    return notices_of(user).filter(read_at__isnull=True).update(read_at=timezone.now())
