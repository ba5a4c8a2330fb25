"""The officers' labels the officer fields suggest as a supervisor types (static/js/officer-names.js
fetches them when such a field is first used): a thousand names are sent once, not in every page."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from casemgr.access import roles
from casemgr.models import Role
from casemgr.queries.officers import officer_directory

bp = Blueprint("officers", __name__, url_prefix="/officers")
KEPT_SECONDS = 300  # a new officer appears in the suggestions within five minutes (typing works at once)


@bp.route("/names.json")
@roles(Role.OFFICER, Role.SUPERVISOR, Role.ADMIN)  # the admins link officers to agencies
def names():
    response = jsonify([officer.label for officer in officer_directory()])
    # Colleagues' names, not a citizen's data: the browser alone may keep them a while (private),
    # and asks again with the ETag (304 when nothing changed).
    response.headers["Cache-Control"] = f"private, max-age={KEPT_SECONDS}"
    response.add_etag()
    return response.make_conditional(request)
