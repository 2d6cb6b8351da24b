"""A real OpenID Connect provider for the tests: django-oauth-toolkit in a Django of its own (its own settings,
database and process), as an employer's Entra ID or Keycloak would be. Start it with `serve.start(...)`."""
