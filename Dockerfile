FROM python:3.13-slim-bookworm

# WeasyPrint's libraries and fonts for the PDF exports.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext \
 && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 VAR_DIR=/app/var
WORKDIR /app
COPY pyproject.toml README.md ./
COPY . .
RUN pip install --no-cache-dir -e . && pip check \
 && SECRET_KEY=build-only DATABASE_URL=sqlite:///:memory: python manage.py collectstatic --no-input \
 && useradd --system --home /app sykefravaer && mkdir -p /app/var && chown sykefravaer /app/var
USER sykefravaer
EXPOSE 8000
CMD ["gunicorn", "sykefravaer.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
