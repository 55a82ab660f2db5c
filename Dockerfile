# syntax=docker/dockerfile:1
# One image for both processes: `web` (gunicorn, the default) and `worker`
# (background tasks: `docker run IMAGE worker`).

# --- build: compile wheels and translations, collect static files -----------
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext=0.21-12 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN python -m venv /venv \
    && /venv/bin/pip install --require-hashes -r requirements.txt
COPY . .
RUN /venv/bin/python manage.py compilemessages --ignore=.venv \
    && DJANGO_SETTINGS_MODULE=hhd_site.settings.dev /venv/bin/python manage.py collectstatic --noinput -v0

# --- runtime: no compilers, no build tools, a non-root user ------------------
FROM python:3.11-slim-bookworm AS runtime
# gunicorn binds to loopback unless GUNICORN_BIND says otherwise (hhd_site/gunicorn.conf.py):
# the compose file sets 0.0.0.0:8000 for its internal network, where only the TLS front
# (deploy/Caddyfile) reaches it. The health check below uses loopback, which works either way.
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 PATH="/venv/bin:$PATH" \
    DJANGO_SETTINGS_MODULE=hhd_site.settings.production STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/srv/media
# The media folder exists in the image, owned by the app's user: a named volume mounted
# there (docker-compose.yml) starts with this owner, so uploads can be written without a bucket.
RUN groupadd --system --gid 10001 hhd \
    && useradd --system --uid 10001 --gid hhd --home-dir /app --shell /usr/sbin/nologin hhd \
    && mkdir -p /srv/media \
    && chown hhd:hhd /srv/media
WORKDIR /app
COPY --from=build /venv /venv
COPY --from=build --chown=hhd:hhd /app /app
USER 10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
ENTRYPOINT ["/app/docker-entrypoint.sh"]
CMD ["web"]
