# The same tasks as `python3 .ci/tasks.py TASK` (which needs nothing but Python), for those who have make.
PYTHON ?= python3

.PHONY: install generate check demo test lint bench package

install generate check demo test lint bench package:
	$(PYTHON) .ci/tasks.py $@
