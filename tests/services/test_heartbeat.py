from datetime import UTC, datetime, timedelta

from casemgr.models import SystemState
from casemgr.services.heartbeat import HEARTBEAT_KEY, heartbeat_record


def test_heartbeat_keeps_the_latest_run_even_when_an_old_message_arrives_late(database):
    t0 = datetime(2026, 11, 27, 2, 0, tzinfo=UTC)
    heartbeat_record(worker="w1", at=t0)
    heartbeat_record(worker="w2", at=t0 + timedelta(minutes=1))
    heartbeat_record(worker="w1", at=t0)  # a redelivered message
    state = database.get(SystemState, HEARTBEAT_KEY)
    assert (state.value, state.updated_at) == ("w2", t0 + timedelta(minutes=1))
