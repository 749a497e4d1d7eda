import pytest


@pytest.mark.django_db
def test_healthz_reports_database_and_cache(client):
    # when a load balancer asks without logging in
    response = client.get("/healthz")
    # then the database and the configured cache (Redis in CI's second run) both answer
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
