# tests/fuzz/local.mk - `make fuzz` and `make fuzz-smoke`, included from the
# top-level Makefile.am (include tests/fuzz/local.mk).  See tests/fuzz/README.
#
# FUZZ_SECONDS (seconds per target, default 60) and FUZZ_TARGETS (default:
# all) come from the command line or the environment: they are not set
# here, so run.sh applies its defaults when they are empty.

FUZZ_FILES = \
	tests/fuzz/fuzz.h tests/fuzz/fuzz-decode.c tests/fuzz/fuzz-token.c \
	tests/fuzz/fuzz-token-cache.c tests/fuzz/fuzz-config.c \
	tests/fuzz/fuzz-split.c tests/fuzz/fuzz-theme.c tests/fuzz/fuzz-keys.c \
	tests/fuzz/fuzz-pattern.c tests/fuzz/fuzz-sanitize.c \
	tests/fuzz/fuzz-mailcap.c tests/fuzz/fuzz-isotime.c \
	tests/fuzz/fuzz-text.c

EXTRA_DIST += $(FUZZ_FILES) tests/fuzz/README tests/fuzz/run.sh \
	tests/fuzz/make-corpus.sh tests/fuzz/local.mk tests/fuzz/corpus \
	tests/fuzz/dict tests/fuzz/crashes

FUZZ_RUN = FUZZ_TARGETS='$(FUZZ_TARGETS)' \
	FUZZ_BUILDDIR='$(abs_top_builddir)/build-fuzz' \
	$(SHELL) $(srcdir)/tests/fuzz/run.sh

# Every target for FUZZ_SECONDS; fails on any crash, leak or report.
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) $(FUZZ_RUN)

# Every target for 5 seconds (CI).
fuzz-smoke:
	FUZZ_SECONDS=5 $(FUZZ_RUN)

fuzz-clean:
	rm -rf build-fuzz

clean-local: fuzz-clean

.PHONY: fuzz fuzz-smoke fuzz-clean
