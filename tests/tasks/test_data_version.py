"""The data version moves with every change and once more when the change commits; the dashboard's
warm-up hears of each committed transaction once, however many changes it held, and of none that was
rolled back."""

import contextlib

import pytest
from django.db import transaction

from tasks.data_version import data_moved, data_version
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)  # each transaction really commits


@pytest.fixture
def heard():
    calls = []

    def listen(**kwargs):
        calls.append(1)

    data_moved.connect(listen, dispatch_uid="test-heard")
    yield calls
    data_moved.disconnect(dispatch_uid="test-heard")


def test_a_transaction_of_many_changes_is_heard_once_after_it_commits(heard):
    before = data_version()
    with transaction.atomic():
        factories.UnitFactory(code="a1")
        factories.UnitFactory(code="a2")
        inside = data_version()
        assert inside != before and heard == []  # moved at once; told only after the commit
    assert heard == [1] and data_version() != inside


def test_a_rolled_back_transaction_is_not_heard_and_the_next_one_is(heard):
    with pytest.raises(RuntimeError), transaction.atomic():
        factories.UnitFactory(code="b1")
        raise RuntimeError
    assert heard == []
    factories.UnitFactory(code="b2")  # autocommit: heard at once
    assert heard == [1]


def unit_in_a_savepoint_rolled_back(code: str) -> None:
    with contextlib.suppress(RuntimeError), transaction.atomic():
        factories.UnitFactory(code=code)
        raise RuntimeError


def test_a_change_rolled_back_with_its_savepoint_leaves_the_others_heard_once(heard):
    with transaction.atomic():
        unit_in_a_savepoint_rolled_back("c1")
        factories.UnitFactory(code="c2")
        factories.UnitFactory(code="c3")
    assert heard == [1]
    with transaction.atomic():
        unit_in_a_savepoint_rolled_back("c4")
    assert heard == [1]  # all that changed was taken back
