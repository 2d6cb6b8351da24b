"""Sign-in with django-allauth: local passwords, single sign-on (OpenID Connect), a second factor, throttling,
session limits and their audit events. README "Sign-in" tells how to configure it."""
