from sqlalchemy import func, select

from casemgr.models import Case, Publication, User
from casemgr.services.demo import demo_load


def test_demo_data_loads_once_and_shows_every_area(database):
    demo_load()
    demo_load()  # the README's command may be run again: nothing doubles
    assert database.scalar(select(func.count()).select_from(User)) == 4
    assert database.scalar(select(func.count()).select_from(Case)) == 4
    assert database.scalar(select(Publication.state)) == "published"
