# Cadre Suite — build, run, test.
#
#   make run      install what is missing, build, start everything with demo data
#   make stop     stop what `make run` started
#   make check    build with -Werror, run every test (unit, integration, e2e, ASan)
#   make bench    benchmarks (ratios against baselines measured in the same run)
#   make install  PREFIX=/opt/cadre DESTDIR=…
#
# Release objects go to build/, the sanitizer build to build/asan/.

SHELL := /bin/bash
.DEFAULT_GOAL := all

PREFIX ?= /opt/cadre
DESTDIR ?=
B ?= build
SAN ?= 0

PKGS := fcgi libmariadb jansson libcurl libsodium inih xlsxwriter
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf

CC ?= cc
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wformat=2 -Wno-unused-parameter -Wvla
CFLAGS_BASE := -std=c17 -D_GNU_SOURCE -fPIC -Iinclude -Ilib \
        -fno-strict-aliasing $(PKG_CFLAGS) $(WARN)
ifeq ($(SAN),1)
  OPT := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
         -fno-sanitize-recover=undefined
  LDSAN := -fsanitize=address,undefined
else
  OPT := -O2 -g -D_FORTIFY_SOURCE=2 -fstack-protector-strong
  LDSAN :=
endif
CFLAGS := $(CFLAGS_BASE) $(OPT) $(EXTRA_CFLAGS)
LDFLAGS := $(LDSAN) -Wl,-z,relro,-z,now $(EXTRA_LDFLAGS)

# ---- sources -------------------------------------------------------------

LIB_SRCS := $(sort $(wildcard lib/*.c))
HOST_MAINS := cgi-bin/main.c cgi-bin/admin_main.c
HOST_SRCS := $(filter-out $(HOST_MAINS),$(sort $(wildcard cgi-bin/*.c)))
PLUGINS := $(sort $(notdir $(patsubst %/,%,$(dir $(wildcard plugins/*/plugin.c)))))
UNIT_TESTS := $(sort $(wildcard tests/unit/test_*.c tests/unit/*/test_*.c))

obj = $(B)/obj/$(1:.c=.o)
LIB_OBJS := $(foreach s,$(LIB_SRCS),$(call obj,$(s)))
HOST_OBJS := $(foreach s,$(HOST_SRCS),$(call obj,$(s)))

LIBCADRE := $(B)/lib/libcadre.so
HOSTLIB := $(B)/lib/libcadrehost.a
FCGI_BIN := $(B)/cadre.fcgi
ADMIN_BIN := $(B)/cadre-admin
PLUGIN_SOS := $(foreach p,$(PLUGINS),$(B)/plugins/$(p).so)
PLUGIN_ARS := $(foreach p,$(PLUGINS),$(B)/plugins/lib$(p).a)
UNIT_BINS := $(foreach t,$(UNIT_TESTS),$(B)/tests/$(basename $(patsubst tests/%,%,$(t))))

# build/cadre.fcgi finds build/lib; an installed PREFIX/bin/cadre.fcgi finds PREFIX/lib.
RPATH := -Wl,-rpath,'$$ORIGIN/lib:$$ORIGIN/../lib'

.PHONY: all lib host plugins unit-bins
all: $(LIBCADRE) $(FCGI_BIN) $(ADMIN_BIN) $(PLUGIN_SOS)

# A plugin exports only its descriptor function (CADRE_EXPORT).
$(B)/obj/plugins/%.o: CFLAGS += -fvisibility=hidden

# `make V=1` shows the full commands.
ifeq ($(V),1)
  Q :=
else
  Q := @
endif

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(LIBCADRE): $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) -shared -o $@ $^ $(LDFLAGS) $(PKG_LIBS) -lpthread -lm

$(HOSTLIB): $(HOST_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(FCGI_BIN): $(call obj,cgi-bin/main.c) $(HOSTLIB) $(LIBCADRE)
	$(CC) -o $@ $(call obj,cgi-bin/main.c) $(HOSTLIB) -L$(B)/lib -lcadre $(RPATH) \
	  $(LDFLAGS) $(PKG_LIBS) -ldl -lpthread

$(ADMIN_BIN): $(call obj,cgi-bin/admin_main.c) $(HOSTLIB) $(LIBCADRE)
	$(CC) -o $@ $(call obj,cgi-bin/admin_main.c) $(HOSTLIB) -L$(B)/lib -lcadre $(RPATH) \
	  $(LDFLAGS) $(PKG_LIBS) -ldl -lpthread

# One shared object per plugin folder (plugins/<name>/*.c), plus a static
# archive of the same objects so unit tests can link the plugin's pure logic.
define plugin_rules
$(1)_SRCS := $$(sort $$(wildcard plugins/$(1)/*.c))
$(1)_OBJS := $$(foreach s,$$($(1)_SRCS),$$(call obj,$$(s)))
$(B)/plugins/$(1).so: $$($(1)_OBJS) $(LIBCADRE)
	@mkdir -p $$(dir $$@)
	$(CC) -shared -o $$@ $$($(1)_OBJS) -L$(B)/lib -lcadre -Wl,-rpath,'$$$$ORIGIN/../lib' \
	  $(LDFLAGS) $(PKG_LIBS) -lm
$(B)/plugins/lib$(1).a: $$($(1)_OBJS)
	@mkdir -p $$(dir $$@)
	rm -f $$@ && ar rcs $$@ $$^
endef
$(foreach p,$(PLUGINS),$(eval $(call plugin_rules,$(p))))

# Unit tests: tests/unit/test_x.c links libcadre and the host archive;
# tests/unit/<plugin>/test_x.c also links that plugin's archive (and only
# that one: a plugin under repair does not stop the others' tests).
.SECONDEXPANSION:
$(B)/tests/unit/%: $(B)/obj/tests/unit/%.o $(HOSTLIB) $(LIBCADRE) \
    $$(if $$(filter $(PLUGINS),$$(firstword $$(subst /, ,$$*))),$(B)/plugins/lib$$(firstword $$(subst /, ,$$*)).a)
	@mkdir -p $(dir $@)
	$(CC) -o $@ $< $(if $(filter $(PLUGINS),$(patsubst %/,%,$(dir $*))),$(B)/plugins/lib$(patsubst %/,%,$(dir $*)).a) \
	  $(HOSTLIB) -L$(B)/lib -lcadre -Wl,-rpath,$(abspath $(B)/lib) $(LDFLAGS) $(PKG_LIBS) \
	  -lcmocka -ldl -lpthread -lm

unit-bins: $(UNIT_BINS)

# Fixture plugins for the loader test in tests/unit/test_abi.c: one shared
# object per tests/fixtures/plugins/NAME.c, built like a plugin.
FIXTURE_SOS := $(patsubst tests/fixtures/plugins/%.c,$(B)/tests/fixtures/%.so,$(sort $(wildcard tests/fixtures/plugins/*.c)))
$(B)/tests/fixtures/%.so: tests/fixtures/plugins/%.c $(wildcard include/cadre/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fvisibility=hidden -shared -o $@ $< $(LDFLAGS)
unit-bins: $(FIXTURE_SOS)

# libFuzzer targets (clang), FUZZ_SECONDS each: tests/fuzz/run.sh
.PHONY: fuzz
FUZZ_SECONDS ?= 30
fuzz:
	FUZZ_OUT=$(B)/fuzz tests/fuzz/run.sh $(FUZZ_SECONDS)

-include $(shell find $(B)/obj -name '*.d' 2>/dev/null)

# ---- tests ---------------------------------------------------------------

.PHONY: check unit unit-asan integration e2e test-fixtures deps-test format-check
# Everything CI runs. Order: cheap first, so a broken build fails fast.
check: deps-test
	$(MAKE) format-check
	$(MAKE) all unit-bins
	$(MAKE) unit
	$(MAKE) SAN=1 B=build/asan all unit-bins
	$(MAKE) SAN=1 B=build/asan unit
	scripts/test-integration.sh build/asan
	scripts/test-e2e.sh build

deps-test:
	scripts/deps.sh test

# The tree stays as .clang-format lays it out (make format applies it).
format-check:
	@clang-format --dry-run -Werror $$(git ls-files '*.c' '*.h') && echo "format: every .c/.h as .clang-format lays it out"

unit: unit-bins
	@scripts/run-unit.sh $(UNIT_BINS)

integration: all
	scripts/test-integration.sh $(B)

e2e: all
	scripts/test-e2e.sh $(B)

# ---- run -----------------------------------------------------------------

.PHONY: run stop deps bench install clean format tidy
deps:
	scripts/deps.sh run

run: deps
	$(MAKE) all
	scripts/run.sh

stop:
	scripts/stop.sh

bench: all
	scripts/deps.sh bench
	bench/run.sh $(B)

install: all
	scripts/install.sh "$(DESTDIR)" "$(PREFIX)" "$(B)"

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

tidy:
	clang-tidy $$(git ls-files 'lib/*.c' 'cgi-bin/*.c' 'plugins/*/*.c') -- $(CFLAGS_BASE) -O0

clean:
	rm -rf build
