"""Two handlers close the same case at once: exactly one wins, no event is lost.

On PostgreSQL two real threads, each with its own connection, race through ``services.reply``
behind a barrier; the row lock plus the version check let one through. SQLite (the test
database is in memory and serialises every write) cannot run the race, so there the test asserts
the guard the race relies on: the second close, made with the version both handlers saw, fails.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

import pytest
from django.db import connection

from gongkai.errors import ConcurrentUpdateError, WorkflowError
from gongkai.web.office import services
from gongkai.web.office.models import Application, Event

from .conftest import World


def _race(world: World, case: Application, with_version: bool) -> list[Any]:
    handlers = [world.staff["handler"], world.staff["approver"]]
    barrier = threading.Barrier(2)
    results: list[Any] = [None, None]

    def close(i: int) -> None:
        try:
            barrier.wait()
            results[i] = services.reply(
                case.pk,
                handlers[i],
                outcome="granted" if i == 0 else "partial",
                on=date(2024, 3, 20),
                expected_version=case.version if with_version else None,
            )
        except Exception as exc:  # the assertions below look at what each thread got
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=close, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("with_version", [True, False])
def test_two_handlers_close_at_once_on_postgresql(world: World, with_version: bool) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent transactions need PostgreSQL; see the SQLite test below")
    case = world.case("in_progress")
    events_before = Event.objects.filter(application=case).count()
    results = _race(world, case, with_version)
    wins = [r for r in results if isinstance(r, Application)]
    losses = [r for r in results if isinstance(r, Exception)]
    assert len(wins) == 1 and len(losses) == 1, results
    # With the version both saw: the loser is told someone changed it first. Without: it
    # waits for the lock, then finds the case already closed.
    assert isinstance(losses[0], ConcurrentUpdateError if with_version else WorkflowError)
    case.refresh_from_db()
    assert case.state == "replied" and case.outcome == wins[0].outcome
    events = list(Event.objects.filter(application=case).order_by("seq"))
    assert len(events) == events_before + 1
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert events[-1].payload["outcome"] == case.outcome


def test_second_close_with_the_same_version_loses(world: World) -> None:
    case = world.case("in_progress")
    seen = case.version
    services.reply(
        case.pk, world.staff["handler"], outcome="granted", on=date(2024, 3, 20), expected_version=seen
    )
    with pytest.raises(ConcurrentUpdateError):
        services.reply(
            case.pk, world.staff["approver"], outcome="partial", on=date(2024, 3, 20), expected_version=seen
        )
    case.refresh_from_db()
    assert case.outcome == "granted" and case.version == seen + 1
    assert list(case.events.values_list("name", flat=True).order_by("seq")) == [
        "registered",
        "assign",
        "reply",
    ]
