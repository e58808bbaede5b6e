# The same tasks as `python3 .ci/tasks.py TASK` (which needs nothing but Python), for those who have make.
PYTHON ?= python3

.PHONY: install generate check demo test lint bench

install generate check demo test lint bench:
	$(PYTHON) .ci/tasks.py $@
