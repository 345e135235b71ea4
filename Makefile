# userapi: fetch pinned jars, compile, test, package and run with nothing but a JDK >= 21 and Maven.
# `make run` starts the server on 127.0.0.1:8080, `make test` runs every test (LAYER=... or CLASS=... for some),
# `make jar` builds one jar, `make aot` its AOT cache (JDK 25+); bin/user-api starts the jar as in production.
# Two source roots: src/core (the lecture's layers; `make core` compiles it with the lecture's libraries alone,
# `make run-core` runs it, `make test-core` tests it) and src/extras (what production adds, on the core's seams).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run
# The version the build stamps into the classes (userapi/build.properties): /openapi.json's info.version.
VERSION ?= 1.0.0

# --- a JDK >= 21: JAVA_HOME, then javac on PATH, then /usr/lib/jvm/* ---------------------------------
define FIND_JDK
for home in "$${JAVA_HOME:-}" \
            "$$(j=$$(command -v javac || true); [ -n "$$j" ] && dirname "$$(dirname "$$(readlink -f "$$j")")" || true)" \
            /usr/lib/jvm/*; do \
  [ -n "$$home" ] && [ -x "$$home/bin/javac" ] && [ -x "$$home/bin/java" ] || continue; \
  v=$$("$$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'); \
  [ "$${v%%.*}" -ge 21 ] 2>/dev/null && { echo "$$home"; break; }; \
done
endef
JDK := $(shell $(FIND_JDK))
JAVA  = $(JDK)/bin/java
JAVAC = $(JDK)/bin/javac
JAR   = $(JDK)/bin/jar

# --- pinned dependencies: lib/deps.txt names them, lib/SHA256SUMS checks them --------------------------
jars_of = $(shell awk '$$1=="$(1)" {split($$2,a,":"); print "lib/" a[2] "-" a[3] ".jar"}' lib/deps.txt)
CORE_JARS    := $(call jars_of,core)
RUNTIME_JARS := $(CORE_JARS) $(call jars_of,runtime)
TEST_JARS    := $(call jars_of,test)
ALL_JARS     := $(RUNTIME_JARS) $(TEST_JARS)
cp_of = $(subst $(eval) ,:,$(strip $(1)))

CORE_SRC   := $(shell find src/core/java -name '*.java' 2>/dev/null)
EXTRAS_SRC := $(shell find src/extras/java -name '*.java' 2>/dev/null)
CORE_TEST_SRC   := $(shell find src/core/test -name '*.java' 2>/dev/null)
EXTRAS_TEST_SRC := $(shell find src/extras/test -name '*.java' 2>/dev/null)
RESOURCES := $(shell find src/extras/resources -type f 2>/dev/null)

BUILD := build
CORE_OUT := $(BUILD)/core-classes
MAIN_OUT := $(BUILD)/classes
CORE_TEST_OUT := $(BUILD)/core-test-classes
TEST_OUT := $(BUILD)/test-classes
FAT_JAR := $(BUILD)/user-api.jar
# -g: local variables for a debugger (docs/LEARN.md attaches jdb); the classes grow a little, nothing runs slower.
JAVAC_FLAGS := --release 21 -g -encoding UTF-8 -Xlint:all,-serial,-processing -Werror -proc:none
# sqlite-jdbc loads its native library with System.load; JDK 24+ warns about that unless it is allowed.
JAVA_FLAGS := --enable-native-access=ALL-UNNAMED

.PHONY: run run-core core test test-core test-fast test-layer check-test-selection jar aot clean deps check-jdk print-java check-licences FORCE

check-jdk:
	@if [ -z "$(JDK)" ]; then \
	  echo "No JDK 21 or newer found. Looked at JAVA_HOME, javac on PATH and /usr/lib/jvm/*." >&2; \
	  echo "Install one (e.g. 'apt-get install openjdk-21-jdk-headless') or set JAVA_HOME to it." >&2; \
	  exit 1; fi

deps: $(BUILD)/.deps-ok

# Fetched again when deps.txt or SHA256SUMS change, or when a jar has gone missing from lib/.
MISSING_JARS := $(filter-out $(wildcard $(ALL_JARS)),$(ALL_JARS))
$(BUILD)/.deps-ok: lib/deps.txt lib/SHA256SUMS $(if $(MISSING_JARS),FORCE) | check-jdk
	@command -v mvn >/dev/null || { echo "Maven (mvn) is needed to fetch the pinned jars into lib/: apt-get install maven" >&2; exit 1; }
	@mkdir -p $(BUILD)
	@awk '!/^#/ && NF {print $$2}' lib/deps.txt | while read -r coords; do \
	  IFS=: read -r g a v <<< "$$coords"; \
	  [ -f "lib/$$a-$$v.jar" ] && continue; \
	  echo "fetching $$coords"; \
	  JAVA_HOME="$(JDK)" mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
	      -Dartifact="$$coords" -DoutputDirectory=lib -Dmdep.overWriteReleases=false > $(BUILD)/mvn.log 2>&1 \
	    || { cat $(BUILD)/mvn.log >&2; echo "could not fetch $$coords from Maven Central" >&2; exit 1; }; \
	done
	@cd lib && sha256sum --quiet --strict -c SHA256SUMS || { echo "a jar in lib/ does not match lib/SHA256SUMS" >&2; exit 1; }
	@mkdir -p $(BUILD) && touch $@

# A stamp per VERSION: the classes are rebuilt when make is given another one.
VERSION_STAMP := $(BUILD)/.version-$(VERSION)
$(VERSION_STAMP):
	@mkdir -p $(BUILD) && rm -f $(BUILD)/.version-* && touch $@

# The core first, on its own: only the lecture's libraries (lib/deps.txt's core lines) are on its class path, so
# nothing of the extras can creep into it. Then the extras, on the core's classes and every runtime jar.
core: $(BUILD)/.core-ok

$(BUILD)/.core-ok: $(BUILD)/.deps-ok $(CORE_SRC) logging.properties | check-jdk
	@rm -f $@ && rm -rf $(CORE_OUT) && mkdir -p $(CORE_OUT)
	@echo "javac: $(words $(CORE_SRC)) core sources -> $(CORE_OUT) (with the lecture's libraries only)"
	@$(JAVAC) $(JAVAC_FLAGS) -cp "$(call cp_of,$(CORE_JARS))" -d $(CORE_OUT) $(CORE_SRC)
	@cp logging.properties $(CORE_OUT)/logging.properties
	@touch $@

$(BUILD)/.main-ok: $(BUILD)/.core-ok $(EXTRAS_SRC) $(RESOURCES) $(VERSION_STAMP) | check-jdk
	@rm -f $@ && rm -rf $(MAIN_OUT) && mkdir -p $(MAIN_OUT)
	@echo "javac: $(words $(EXTRAS_SRC)) extras sources -> $(MAIN_OUT)"
	@$(JAVAC) $(JAVAC_FLAGS) -cp "$(CORE_OUT):$(call cp_of,$(RUNTIME_JARS))" -d $(MAIN_OUT) $(EXTRAS_SRC)
	@cp -r src/extras/resources/. $(MAIN_OUT)/
	@mkdir -p $(MAIN_OUT)/userapi && printf 'version=%s\n' '$(VERSION)' > $(MAIN_OUT)/userapi/build.properties
	@touch $@

$(BUILD)/.core-test-ok: $(BUILD)/.core-ok $(CORE_TEST_SRC)
	@rm -f $@ && rm -rf $(CORE_TEST_OUT) && mkdir -p $(CORE_TEST_OUT)
	@echo "javac: $(words $(CORE_TEST_SRC)) core test sources -> $(CORE_TEST_OUT)"
	@$(JAVAC) $(JAVAC_FLAGS) -cp "$(CORE_OUT):$(call cp_of,$(CORE_JARS) $(TEST_JARS))" -d $(CORE_TEST_OUT) $(CORE_TEST_SRC)
	@touch $@

$(BUILD)/.test-ok: $(BUILD)/.main-ok $(BUILD)/.core-test-ok $(EXTRAS_TEST_SRC)
	@rm -f $@ && rm -rf $(TEST_OUT) && mkdir -p $(TEST_OUT)
	@echo "javac: $(words $(EXTRAS_TEST_SRC)) extras test sources -> $(TEST_OUT)"
	@$(JAVAC) $(JAVAC_FLAGS) -cp "$(CORE_TEST_OUT):$(MAIN_OUT):$(CORE_OUT):$(call cp_of,$(ALL_JARS))" -d $(TEST_OUT) $(EXTRAS_TEST_SRC)
	@touch $@

# The jar as production starts it (bin/user-api: serial GC, bounded heap, class cache), with make's JDK, quietly:
# nothing is echoed, and a stop by Ctrl-C or SIGTERM is a normal end, not "make: *** Error 130/143". The shell
# hands the signal on to the server (SIGTERM, its graceful stop), even when only make got it, waits for the server
# to stop, and turns the JVM's 130/143 into 0. Any other exit status stays an error.
run: $(FAT_JAR)
	@JAVA="$(JAVA)" bin/user-api & server=$$!; \
	trap 'kill -TERM $$server 2>/dev/null || true' INT TERM; \
	while :; do wait $$server && status=0 || status=$$?; kill -0 $$server 2>/dev/null || break; done; \
	case $$status in 130|143) exit 0 ;; *) exit $$status ;; esac

# The lecture's server from the core alone: users in memory, no sign-in (HOST and PORT as for make run).
run-core: $(BUILD)/.core-ok
	@status=0; $(JAVA) -cp "$(CORE_OUT):$(call cp_of,$(CORE_JARS))" userapi.Main || status=$$?; \
	case $$status in 0|130|143) ;; *) exit $$status ;; esac

# The AOT cache bin/user-api uses on JDK 25+ (bin/aot-cache: one training run of the jar); remade with the jar.
aot: $(BUILD)/.aot-ok

$(BUILD)/.aot-ok: $(FAT_JAR) bin/aot-cache bin/user-api
	@JAVA="$(JAVA)" bin/aot-cache
	@touch $@

# Which tests: every one by default; LAYER=<layer> (or `make test-layer LAYER=<layer>`) runs one layer's, CLASS=...
# some classes: simple or qualified names, * as a wildcard, several separated by commas (CLASS=RouterTest,
# CLASS=userapi.model.UserTest, CLASS='*Handler*'). Both become the console launcher's --include-classname, a
# regular expression over the test classes' qualified names; a selection that finds no test fails.
comma := ,
LAYERS := router handler service repository model errors logging
LAYER_router     := ^userapi\.(.+\.)?[^.]*Rout[^.]*Test$$
LAYER_handler    := ^userapi\.handler\..+Test$$
LAYER_service    := ^userapi\.service\..+Test$$
LAYER_repository := ^userapi\.(repository|jdbc|cache)\..+Test$$
LAYER_model      := ^userapi\.model\..+Test$$
LAYER_errors     := ^userapi\.exception\..+Test$$|^userapi\.http\.[^.]*(Exception|Edge|Error)[^.]*Test$$
LAYER_logging    := ^userapi\.logging\..+Test$$
ifneq ($(strip $(CLASS)),)
TEST_PATTERN := ^(.+\.)?($(subst $(eval) ,,$(subst $(comma),|,$(subst ?,.,$(subst *,.*,$(subst .,\.,$(strip $(CLASS))))))))$$
else ifneq ($(strip $(LAYER)),)
TEST_PATTERN := $(LAYER_$(strip $(LAYER)))
endif

check-test-selection:
	@if [ -n "$(strip $(LAYER))" ] && [ -n "$(strip $(CLASS))" ]; then echo "give LAYER or CLASS, not both" >&2; exit 2; fi
	@if [ -n "$(strip $(LAYER))$(filter test-layer,$(MAKECMDGOALS))" ] && [ -z "$(strip $(CLASS))" ] \
	    && [ -z "$(filter $(strip $(LAYER)),$(LAYERS))" ]; then \
	  echo "LAYER must be one of: $(LAYERS)" >&2; \
	  echo "  e.g. make test-layer LAYER=service   (or make test CLASS=RouterTest for one class)" >&2; exit 2; fi

# The console launcher prints no "N passed, N failed" line, so we print one from its summary. A full run also
# checks the jar's licence files (check-licences) and counts that check as one more test.
# The restart and crash tests start the real jar as a child process: userapi.jar tells them where it is.
# Everything is on the JVM's own class path (not the launcher's --class-path), as when the app runs:
# java.util.logging loads the handlers and formatter named in logging.properties from there only.
# $(call run_tests,CLASS PATH,SCANNED FOLDERS (joined by :),INCLUDE PATTERN,EXCLUDE PATTERN,CHECK LICENCES: yes or empty)
define run_tests
	@mkdir -p $(BUILD)/test-logs
	@set +e; \
	pattern='$(3)'; exclude='$(4)'; \
	[ -z "$$pattern" ] || echo "tests whose class matches $$pattern"; \
	$(JAVA) $(JAVA_FLAGS) -Djava.util.logging.config.file=src/core/test-resources/logging.properties -Duserapi.jar="$(CURDIR)/$(FAT_JAR)" \
	  -cp "$(1)" org.junit.platform.console.ConsoleLauncher \
	  execute --disable-banner --details=tree --disable-ansi-colors \
	  --scan-class-path $(2) $${pattern:+--include-classname "$$pattern" --fail-if-no-tests} \
	  $${exclude:+--exclude-classname "$$exclude"} \
	  2>&1 | tee $(BUILD)/test-logs/console.txt; \
	rc=$${PIPESTATUS[0]}; \
	count() { n=$$(sed -n "s/^\[ *\([0-9]*\) $$1 .*/\1/p" $(BUILD)/test-logs/console.txt | tail -1); echo "$${n:-0}"; }; \
	ok=$$(count "tests successful"); skipped=$$(( $$(count "tests skipped") + $$(count "tests aborted") )); \
	failed=$$(( $$(count "tests failed") + $$(count "containers failed") )); \
	if [ "$$rc" -eq 2 ] && [ -n "$$pattern" ] && [ "$$(count "tests found")" -eq 0 ]; then \
	  echo "no test class matches $$pattern"; fi; \
	if [ "$$rc" -ne 0 ] && [ "$$failed" -eq 0 ]; then failed=1; fi; \
	if [ -z "$$pattern" ] && [ -n "$(5)" ]; then \
	  if ( $(CHECK_LICENCES) ); then ok=$$((ok + 1)); else failed=$$((failed + 1)); rc=1; fi; fi; \
	echo "$${ok:-0} passed, $$failed failed, $$skipped skipped"; \
	exit $$rc
endef

ALL_TEST_CP := $(TEST_OUT):$(CORE_TEST_OUT):$(MAIN_OUT):$(CORE_OUT):$(call cp_of,$(RUNTIME_JARS) $(TEST_JARS))

test test-layer: check-test-selection $(BUILD)/.test-ok $(FAT_JAR)
	$(call run_tests,$(ALL_TEST_CP),$(CORE_TEST_OUT):$(TEST_OUT),$(TEST_PATTERN),,yes)

# The core's tests alone, on the core's classes and the lecture's libraries only: no extra, no jar.
test-core: check-test-selection $(BUILD)/.core-test-ok
	$(call run_tests,$(CORE_TEST_OUT):$(CORE_OUT):$(call cp_of,$(CORE_JARS) $(TEST_JARS)),$(CORE_TEST_OUT),$(TEST_PATTERN),,)

# The unit tests of every layer, core and extras: everything but the end-to-end tests (a real server or the jar,
# a database server, a browser), which make test runs too.
SLOW_TESTS := ^userapi\.(?!DocsTest$$|LayersTest$$|IdeFilesTest$$|ExercisesTest$$)[A-Z][^.]*Test$$|^userapi\.hardening\..*|^userapi\.(jdbc|auth)\.Postgres.*|^userapi\..*(Jar|EndToEnd|AcrossConnections)[^.]*Test$$|^userapi\.production\.AdminCommandTest$$
test-fast: check-test-selection $(BUILD)/.test-ok
	$(call run_tests,$(ALL_TEST_CP),$(CORE_TEST_OUT):$(TEST_OUT),$(TEST_PATTERN),$(SLOW_TESTS),)

# One runnable jar: our classes plus every runtime jar, service files merged, signatures dropped.
# Each jar's licence and notice files (META-INF/LICENSE, NOTICE, license.txt, licenses/...) would overwrite one
# another: they go to META-INF/licenses/<artifactId>/ instead (META-INF/ dropped from their path), next to
# THIRD-PARTY.txt, which lists every bundled jar and its licence (lib/licences.txt). check-licences proves it.
LICENCE_FILES := ^(META-INF/(.+/)?)?[^/]*(licen[cs]e|notice|copying)[^/]*$$|^META-INF/(.+/)?licen[cs]es/.*[^/]$$
RUNTIME_COORDS = awk '$$1=="core" || $$1=="runtime" {print $$2}' lib/deps.txt

jar: $(FAT_JAR)

$(FAT_JAR): $(BUILD)/.main-ok lib/licences.txt
	@command -v unzip >/dev/null || { echo "make jar needs unzip: apt-get install unzip" >&2; exit 1; }
	@rm -rf $(BUILD)/fat $(BUILD)/services $(BUILD)/licenses && mkdir -p $(BUILD)/fat $(BUILD)/services $(BUILD)/licenses
	@$(RUNTIME_COORDS) | while IFS=: read -r g a v; do \
	  j="lib/$$a-$$v.jar"; \
	  (cd $(BUILD)/fat && unzip -qo "$(CURDIR)/$$j" -x 'META-INF/MANIFEST.MF' 'META-INF/*.SF' 'META-INF/*.RSA' \
	     'META-INF/*.DSA' 'module-info.class' 'META-INF/versions/*/module-info.class' 'META-INF/services/*' \
	     2>/dev/null || [ $$? -eq 11 ]); \
	  unzip -Z1 "$$j" 'META-INF/services/*' 2>/dev/null | grep -v '/$$' | while read -r s; do \
	    unzip -p "$$j" "$$s" >> "$(BUILD)/services/$${s##*/}"; echo >> "$(BUILD)/services/$${s##*/}"; done || true; \
	  unzip -Z1 "$$j" | { grep -iE '$(LICENCE_FILES)' || true; } | while read -r f; do \
	    to="$(BUILD)/licenses/$$a/$${f#META-INF/}"; mkdir -p "$$(dirname "$$to")"; \
	    unzip -p "$$j" "$$f" > "$$to"; rm -f "$(BUILD)/fat/$$f"; done; \
	  printf '%-60s %s\n' "$$g:$$a:$$v" "$$(awk -v a="$$a" '$$1==a {print $$2}' lib/licences.txt)" >> $(BUILD)/licenses/list; \
	done
	@find $(BUILD)/fat/META-INF -depth -type d -empty -delete
	@{ echo "userapi bundles these jars (lib/deps.txt). Each one's own licence and notice files, as its jar carries them,"; \
	   echo "are in META-INF/licenses/<artifactId>/. The Apache License 2.0 text: META-INF/licenses/jackson-databind/LICENSE."; \
	   echo; cat $(BUILD)/licenses/list; } > $(BUILD)/licenses/THIRD-PARTY.txt && rm $(BUILD)/licenses/list
	@mkdir -p $(BUILD)/fat/META-INF/licenses && cp -r $(BUILD)/licenses/. $(BUILD)/fat/META-INF/licenses/
	@mkdir -p $(BUILD)/fat/META-INF/services && cp $(BUILD)/services/* $(BUILD)/fat/META-INF/services/ 2>/dev/null || true
	@cp -r $(CORE_OUT)/. $(BUILD)/fat/ && cp -r $(MAIN_OUT)/. $(BUILD)/fat/
	@printf 'Main-Class: userapi.production.Main\nMulti-Release: true\nEnable-Native-Access: ALL-UNNAMED\n' > $(BUILD)/manifest.txt
	@$(JAR) --create --file $@ --manifest $(BUILD)/manifest.txt -C $(BUILD)/fat .
	@echo "built $@"

# Fails unless every licence or notice file of every runtime jar is in the single jar, byte for byte, under
# META-INF/licenses/<artifactId>/, and every runtime jar has its line in lib/licences.txt. Part of make test.
define CHECK_LICENCES
problems=0; files=0; listing=$$(unzip -Z1 $(FAT_JAR)); \
while IFS=: read -r g a v; do \
  j="lib/$$a-$$v.jar"; \
  awk -v a="$$a" '$$1==a {found=1} END {exit !found}' lib/licences.txt \
    || { echo "licences: $$a has no line in lib/licences.txt" >&2; problems=$$((problems + 1)); }; \
  for f in $$(unzip -Z1 "$$j" | { grep -iE '$(LICENCE_FILES)' || true; }); do \
    to="META-INF/licenses/$$a/$${f#META-INF/}"; files=$$((files + 1)); \
    if ! grep -qxF "$$to" <<< "$$listing"; then echo "licences: $$j's $$f is not in $(FAT_JAR) as $$to" >&2; problems=$$((problems + 1)); \
    elif ! cmp -s <(unzip -p "$$j" "$$f") <(unzip -p $(FAT_JAR) "$$to"); then \
      echo "licences: $(FAT_JAR)'s $$to differs from $$j's $$f" >&2; problems=$$((problems + 1)); fi; \
  done; \
done < <($(RUNTIME_COORDS)); \
grep -qxF META-INF/licenses/THIRD-PARTY.txt <<< "$$listing" || { echo "licences: no THIRD-PARTY.txt in $(FAT_JAR)" >&2; problems=$$((problems + 1)); }; \
[ "$$problems" -eq 0 ] || { echo "licences: $$problems problem(s)" >&2; exit 1; }; \
echo "licences: the $$files licence and notice files of the runtime jars are all in $(FAT_JAR)"
endef

check-licences: $(FAT_JAR)
	@$(CHECK_LICENCES)

clean:
	rm -rf $(BUILD)

FORCE:

# The java that make uses, for scripts (.ci/run) that start the jar.
print-java: check-jdk
	@echo $(JAVA)

# --- make bench: the layers' cost against a bare HttpServer (bench/run.sh; needs wrk). Not part of make test. ---
# BENCH_SECONDS=2 make bench: a short smoke run, written to build/bench/results.md instead of bench/results.md.
.PHONY: bench
BENCH_OUT := $(BUILD)/bench

$(BENCH_OUT)/BareServer.class: bench/BareServer.java | check-jdk
	@mkdir -p $(BENCH_OUT)
	@$(JAVAC) $(JAVAC_FLAGS) -d $(BENCH_OUT) bench/BareServer.java

# Then bench/million.sh appends the admin's list over 1,000,000 users in SQLite to the same results file (it
# needs the sqlite3 shell too); BENCH_MILLION=0 skips it. Both find the jar and the smoke file under BENCH_BUILD.
bench: $(FAT_JAR) $(BUILD)/.aot-ok $(BENCH_OUT)/BareServer.class
	@JAVA="$(JAVA)" BENCH_BUILD="$(BUILD)" bash bench/run.sh
	@if [ "$(BENCH_MILLION)" != 0 ]; then JAVA="$(JAVA)" BENCH_BUILD="$(BUILD)" bash bench/million.sh; fi

# --- make ide: the IDEs' own project files; make dev: rebuild and restart the server on a change -----------------
# bin/ide-files writes VS Code's (Eclipse's .project, .classpath, .settings/, .vscode/) and IntelliJ IDEA's (.idea/)
# project files from lib/deps.txt, after fetching the jars they name. They are git-ignored: make ide again when
# lib/deps.txt changes. The build stays this Makefile; the IDEs compile into build/ide/.
.PHONY: ide dev dev-core

ide: $(BUILD)/.deps-ok
	@bin/ide-files

# make dev: the production server from make's classes, rebuilt and restarted when a file under DEV_WATCH changes
# (bin/dev, FastAPI's --reload); a failed build keeps the old server. DEV_CORE=1 make dev, or make dev-core: the
# core's server, as make run-core starts it. HOST, PORT and the rest of the configuration as for make run.
DEV_MAKE := $(MAKE)
DEV_PRODUCTION := DEV_TARGET=$(BUILD)/.main-ok DEV_MAIN=userapi.production.Main \
  DEV_WATCH="src/core/java src/extras/java src/extras/resources logging.properties" \
  DEV_CLASSPATH="$(MAIN_OUT):$(CORE_OUT):$(call cp_of,$(RUNTIME_JARS))" DEV_JAVA_FLAGS="$(JAVA_FLAGS)"
DEV_CORE_SERVER := DEV_TARGET=$(BUILD)/.core-ok DEV_MAIN=userapi.Main \
  DEV_WATCH="src/core/java logging.properties" \
  DEV_CLASSPATH="$(CORE_OUT):$(call cp_of,$(CORE_JARS))" DEV_JAVA_FLAGS=

dev: check-jdk
	@exec env $(if $(filter-out 0,$(strip $(DEV_CORE))),$(DEV_CORE_SERVER),$(DEV_PRODUCTION)) \
	  DEV_MAKE="$(DEV_MAKE)" DEV_RUN_DIR="$(BUILD)/dev" JAVA="$(JAVA)" bin/dev

dev-core: check-jdk
	@exec env $(DEV_CORE_SERVER) DEV_MAKE="$(DEV_MAKE)" DEV_RUN_DIR="$(BUILD)/dev" JAVA="$(JAVA)" bin/dev
