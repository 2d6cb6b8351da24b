# The two commands: `make run` and `make test`.
VENV ?= .venv
export VENV

.PHONY: run test setup messages

$(VENV)/.installed: pyproject.toml bin/setup
	bin/setup
	touch $@

setup: $(VENV)/.installed

run: $(VENV)/.installed
	bin/run

test: $(VENV)/.installed
	bin/test $(ARGS)

messages: $(VENV)/.installed
	$(VENV)/bin/python manage.py makemessages -l nb --no-location --ignore=.venv --ignore=var --ignore=staticfiles
	msgattrib --no-obsolete --no-location -o locale/nb/LC_MESSAGES/django.po locale/nb/LC_MESSAGES/django.po
	$(VENV)/bin/python manage.py compilemessages -l nb --ignore=.venv
