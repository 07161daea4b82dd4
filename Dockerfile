# Production image: gunicorn serving Django, static files by whitenoise.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=marketplace.settings
WORKDIR /app

COPY pyproject.toml README.md ./
RUN pip install uv && uv pip install --system -r pyproject.toml

COPY . .
# collectstatic needs settings that import; the real secret comes from the environment at run time.
RUN SECRET_KEY=build-only DEBUG=0 python manage.py collectstatic --noinput

RUN useradd --create-home --uid 1000 app && mkdir -p /data/media /data/private \
    && chown -R app /data /app
USER app

EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && gunicorn marketplace.wsgi:application --bind 0.0.0.0:8000 --workers ${WEB_CONCURRENCY:-3} --access-logfile -"]
