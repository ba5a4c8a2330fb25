from sqlalchemy import func, select

from casemgr.models import Case, DefenceCase, Publication, User
from casemgr.services.demo import demo_load


def test_demo_data_loads_once_and_shows_every_area(database):
    demo_load()
    demo_load()  # the README's command may be run again: nothing doubles
    assert database.scalar(select(func.count()).select_from(User)) == 4
    assert database.scalar(select(func.count()).select_from(Case)) == 4
    assert database.scalar(select(Publication.state)) == "published"
    kinds = database.execute(select(DefenceCase.kind, func.count()).group_by(DefenceCase.kind)).all()
    assert dict(kinds) == {"lawsuit": 1, "respondent": 1}
    lawsuit = database.scalar(select(DefenceCase).where(DefenceCase.kind == "lawsuit"))
    assert lawsuit.case_id is not None and [d.role for d in lawsuit.defendants] == ["organ"]
