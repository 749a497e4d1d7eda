"""The ground floor: Django and DRF helpers every app uses (upsert, text cleaning, error answers and
pages, the request-size limit, id filters, the API's base viewsets, permission, exception handler and
schema hooks). It imports no app of the portal; every app may import it."""
