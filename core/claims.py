"""Claiming a piece of background work (an export to build, a notice to send) so that exactly one
worker does it: a task delivered twice, a retry and a sweep may all reach the same row, and a worker
killed half-way must not leave it stuck.

A row may be taken when its status is one of those still waiting, or when it is marked running under
a claim that has expired (its worker died). Taking it is one conditional UPDATE, so of two workers
racing for it exactly one sees a row changed."""

from django.db.models import Q, QuerySet


def claimable(*, waiting, running: str, expired: Q) -> Q:
    """The rows a worker may take: waiting, or running under an expired claim."""
    return Q(status__in=list(waiting)) | (Q(status=running) & expired)


def take(queryset: QuerySet, *, waiting, running: str, expired: Q, **claim) -> bool:
    """Mark the one row of `queryset` running (with `claim`'s fields) if it is claimable; True if
    this caller took it."""
    free = claimable(waiting=waiting, running=running, expired=expired)
    return bool(queryset.filter(free).update(status=running, **claim))
