"""What the REST API shares across apps: URLs, errors, pagination, throttles, schema and docs.

Each app's endpoints live in its own `api/` package; this package only assembles them.
"""
