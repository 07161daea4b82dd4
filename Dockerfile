# Production image: gunicorn serving Django, static files by whitenoise.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=marketplace.settings
WORKDIR /app

COPY pyproject.toml README.md ./
# Bytecode compiled at build time: with PYTHONDONTWRITEBYTECODE every worker would otherwise
# compile each module from source at start, slower and holding the compiler's memory (a
# gunicorn worker measured 114 MiB resident instead of 101 MiB, bench/README.md).
RUN pip install uv && uv pip install --system --compile-bytecode -r pyproject.toml

COPY . .
RUN python -m compileall -q .
# collectstatic needs settings that import; the real secret comes from the environment at run time.
RUN SECRET_KEY=build-only DEBUG=0 python manage.py collectstatic --noinput

RUN useradd --create-home --uid 1000 app && mkdir -p /data/media /data/private \
    && chown -R app /data /app
USER app

EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && gunicorn marketplace.wsgi:application --bind 0.0.0.0:8000 --workers ${WEB_CONCURRENCY:-3} --access-logfile -"]
