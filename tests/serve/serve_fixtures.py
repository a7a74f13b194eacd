"""Fixtures of the serve tests: a store of our example articles (and one hostile article) served on a
free loopback port. A module, not a conftest: a second conftest would shadow the suite's own."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

pytest.importorskip("fastapi", reason="the serve extra is not installed (pip install 'dateline[serve]')")
pytest.importorskip("uvicorn", reason="the serve extra is not installed (pip install 'dateline[serve]')")

# An article we wrote whose text is markup: the page must show these characters and run none of them.
XSS_TEXT = ("Officials in Quito said on Monday that <script>window.__pwned = 1</script> protesters "
            "<img src=x onerror=\"window.__pwned = 2\"> marched on the ministry. Police arrested 12 people.")


@pytest.fixture(scope="session", name="served_db")
def served_db_fixture(tmp_path_factory, nlp):
    from dateline.pipeline import Pipeline, available_stages
    from dateline.readers import ReadError, read_paths
    from dateline.record import Article
    from dateline.store import Store, Stored

    pipe = Pipeline(available_stages())
    pipe._nlp = nlp
    items = [i for i in read_paths([str(EXAMPLES)]) if not isinstance(i, ReadError)]
    articles = [i.article for i in items] + [Article.make(XSS_TEXT, "2026-05-04", id="xss-test", title="<b>bold</b>")]
    db = tmp_path_factory.mktemp("serve") / "served.duckdb"
    with Store(db) as store:
        store.write_batch([Stored(rec) for rec in pipe.run(articles)])
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session", name="server")
def server_fixture(served_db):
    """The app on a free loopback port, in a thread; stopped when the session ends."""
    import uvicorn

    from dateline.serve import create_app

    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(served_db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
