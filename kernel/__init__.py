"""The bottom layer: what every app may use and that knows no app.

`errors.DomainError` (a refused operation, with a translated message),
`pdf.render_pdf` (WeasyPrint from a template), `env` (reading settings from the
environment) and `admin` (the administrators' site and its read-only base).
Nothing here imports an app of this project; see docs/architecture.md.
"""
