"""What an operator meets: a database outage, login guessing, the API docs
under the CSP, private data files."""

import contextlib
import stat

import pytest
from django.conf import settings
from django.db import connections


@contextlib.contextmanager
def unreachable_database():
    """The default database becomes unreachable for real: new connections go to a
    file that cannot be opened (SQLite) or to a closed port (PostgreSQL). The open
    connection and its transaction state are set aside, not closed (an in-memory
    test database would vanish), and restored afterwards."""
    connection = connections["default"]
    saved_settings, saved_state = dict(connection.settings_dict), dict(connection.__dict__)
    connection.connection = None
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent/parvis/db.sqlite3"
    else:
        connection.settings_dict.update(HOST="127.0.0.1", PORT="9")
    try:
        yield
    finally:
        connection.settings_dict.clear()
        connection.settings_dict.update(saved_settings)
        connection.__dict__.update(saved_state)  # the open connection and its transaction


@pytest.fixture
def database_down(django_db_blocker):
    with django_db_blocker.unblock(), unreachable_database():
        yield


def test_page_answers_503_with_retry_after_when_the_database_is_down(client, database_down):
    response = client.get("/convention-collective/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "momentanément indisponible" in response.content.decode()


def test_api_answers_json_503_when_the_database_is_down(client, database_down):
    response = client.get("/api/v1/documents/legi:LEGIARTI000006901112")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "indisponible" in response.json()["detail"]


@pytest.mark.django_db
def test_service_resumes_when_the_database_is_back(client, corpus, django_db_blocker):
    with django_db_blocker.unblock(), unreachable_database():
        assert client.get("/api/v1/documents/legi:LEGIARTI000006901112").status_code == 503
    assert client.get("/api/v1/documents/legi:LEGIARTI000006901112").status_code == 200


@pytest.mark.django_db
def test_admin_login_is_throttled_after_repeated_failures(client, django_user_model, tmp_path):
    django_user_model.objects.create_superuser("agent", "agent@example.org", "bon-mot-de-passe")
    attempt = {"username": "agent", "password": "mauvais"}
    statuses = [client.post("/admin/login/", attempt).status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    blocked = client.post("/admin/login/", {**attempt, "password": "bon-mot-de-passe"})
    assert blocked.status_code == 429  # even the right password waits for the window to end
    assert 0 < int(blocked["Retry-After"]) <= 15 * 60
    assert "Trop de tentatives" in blocked.content.decode()
    other = client.post("/admin/login/", {"username": "autre", "password": "x"})
    assert other.status_code == 200  # another account from the same address is still asked


@pytest.mark.django_db
def test_admin_login_succeeds_and_is_not_counted(client, django_user_model):
    django_user_model.objects.create_superuser("agent2", "agent2@example.org", "bon-mot-de-passe")
    response = client.post(
        "/admin/login/", {"username": "agent2", "password": "bon-mot-de-passe", "next": "/admin/"}
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_api_docs_are_served_locally_under_the_csp(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1]
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "https://" not in page
    script = client.get("/static/ninja/swagger-ui-bundle.js")
    script.close()
    assert script.status_code == 200


def test_data_dir_and_secret_key_are_private():
    data_dir = settings.DATA_DIR
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    key_file = data_dir / "secret_key"
    if key_file.exists():  # absent when SECRET_KEY comes from the environment
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
