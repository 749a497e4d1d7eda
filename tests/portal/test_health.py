import pytest


@pytest.mark.django_db
def test_healthz_says_the_process_is_alive_and_readyz_how_each_dependency_answers(client):
    # when a load balancer asks without logging in
    assert client.get("/healthz").json() == {"status": "ok"}
    response = client.get("/readyz")
    # then the database and the configured cache (Redis in CI's second run) both answer; the broker is
    # Redis there, and unused in the embedded default (tasks run in-process)
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["database"], body["cache"]) == ("ok", "ok", "ok")
    assert body["broker"] in ("ok", "not used")


@pytest.mark.django_db
def test_readyz_is_503_without_the_database(client, monkeypatch):
    def broken():
        raise OSError("connection refused")

    monkeypatch.setattr("portal.views._check_database", broken)
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["database"] == "error: OSError"
