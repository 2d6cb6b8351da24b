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
	$(VENV)/bin/python manage.py compilemessages -l nb --ignore=.venv
