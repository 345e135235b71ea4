# userapi: fetch pinned jars, compile, test, package and run with nothing but a JDK >= 21 and Maven.
# `make run` starts the server on 127.0.0.1:8080, `make test` runs every test, `make jar` builds one jar.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run
# The version the build stamps into the classes (userapi/build.properties): /openapi.json's info.version.
VERSION ?= 1.0.0

# --- a JDK >= 21: JAVA_HOME, then java on PATH, then /usr/lib/jvm/* ----------------------------------
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
RUNTIME_JARS := $(call jars_of,runtime)
TEST_JARS    := $(call jars_of,test)
ALL_JARS     := $(RUNTIME_JARS) $(TEST_JARS)
cp_of = $(subst $(eval) ,:,$(strip $(1)))

MAIN_SRC := $(shell find src/main/java -name '*.java' 2>/dev/null)
TEST_SRC := $(shell find src/test/java -name '*.java' 2>/dev/null)
RESOURCES := $(shell find src/main/resources -type f 2>/dev/null)

BUILD := build
MAIN_OUT := $(BUILD)/classes
TEST_OUT := $(BUILD)/test-classes
FAT_JAR := $(BUILD)/user-api.jar
JAVAC_FLAGS := --release 21 -encoding UTF-8 -Xlint:all,-serial,-processing -Werror -proc:none
# sqlite-jdbc loads its native library with System.load; JDK 24+ warns about that unless it is allowed.
JAVA_FLAGS := --enable-native-access=ALL-UNNAMED

.PHONY: run test jar clean deps check-jdk print-java FORCE

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

$(BUILD)/.main-ok: $(BUILD)/.deps-ok $(MAIN_SRC) $(RESOURCES) logging.properties | check-jdk
	@rm -rf $(MAIN_OUT) && mkdir -p $(MAIN_OUT)
	$(JAVAC) $(JAVAC_FLAGS) -cp "$(call cp_of,$(RUNTIME_JARS))" -d $(MAIN_OUT) $(MAIN_SRC)
	@cp -r src/main/resources/. $(MAIN_OUT)/ && rm -f $(MAIN_OUT)/.gitkeep
	@cp logging.properties $(MAIN_OUT)/logging.properties
	@mkdir -p $(MAIN_OUT)/userapi && printf 'version=%s\n' '$(VERSION)' > $(MAIN_OUT)/userapi/build.properties
	@touch $@

$(BUILD)/.test-ok: $(BUILD)/.main-ok $(TEST_SRC)
	@rm -rf $(TEST_OUT) && mkdir -p $(TEST_OUT)
	$(JAVAC) $(JAVAC_FLAGS) -cp "$(MAIN_OUT):$(call cp_of,$(ALL_JARS))" -d $(TEST_OUT) $(TEST_SRC)
	@touch $@

run: $(BUILD)/.main-ok
	$(JAVA) $(JAVA_FLAGS) -cp "$(MAIN_OUT):$(call cp_of,$(RUNTIME_JARS))" userapi.Main

# The console launcher prints no "N passed, N failed" line, so we print one from its summary.
# The restart and crash tests start the real jar as a child process: userapi.jar tells them where it is.
# Everything is on the JVM's own class path (not the launcher's --class-path), as when the app runs:
# java.util.logging loads the handlers and formatter named in logging.properties from there only.
test: $(BUILD)/.test-ok $(FAT_JAR)
	@mkdir -p $(BUILD)/test-logs
	@set +e; \
	$(JAVA) $(JAVA_FLAGS) -Djava.util.logging.config.file=src/test/resources/logging.properties -Duserapi.jar="$(CURDIR)/$(FAT_JAR)" \
	  -cp "$(TEST_OUT):$(MAIN_OUT):$(call cp_of,$(RUNTIME_JARS) $(TEST_JARS))" org.junit.platform.console.ConsoleLauncher \
	  execute --disable-banner --details=tree --disable-ansi-colors \
	  --scan-class-path $(TEST_OUT) 2>&1 | tee $(BUILD)/test-logs/console.txt; \
	rc=$${PIPESTATUS[0]}; \
	count() { n=$$(sed -n "s/^\[ *\([0-9]*\) $$1 .*/\1/p" $(BUILD)/test-logs/console.txt | tail -1); echo "$${n:-0}"; }; \
	ok=$$(count "tests successful"); skipped=$$(( $$(count "tests skipped") + $$(count "tests aborted") )); \
	failed=$$(( $$(count "tests failed") + $$(count "containers failed") )); \
	if [ "$$rc" -ne 0 ] && [ "$$failed" -eq 0 ]; then failed=1; fi; \
	echo "$${ok:-0} passed, $$failed failed, $$skipped skipped"; \
	exit $$rc

# One runnable jar: our classes plus every runtime jar, service files merged, signatures dropped.
jar: $(FAT_JAR)

$(FAT_JAR): $(BUILD)/.main-ok
	@command -v unzip >/dev/null || { echo "make jar needs unzip: apt-get install unzip" >&2; exit 1; }
	@rm -rf $(BUILD)/fat $(BUILD)/services && mkdir -p $(BUILD)/fat $(BUILD)/services
	@for j in $(RUNTIME_JARS); do \
	  (cd $(BUILD)/fat && unzip -qo "$(CURDIR)/$$j" -x 'META-INF/MANIFEST.MF' 'META-INF/*.SF' 'META-INF/*.RSA' \
	     'META-INF/*.DSA' 'module-info.class' 'META-INF/versions/*/module-info.class' 'META-INF/services/*' \
	     2>/dev/null || [ $$? -eq 11 ]); \
	  unzip -Z1 "$$j" 'META-INF/services/*' 2>/dev/null | grep -v '/$$' | while read -r s; do \
	    unzip -p "$$j" "$$s" >> "$(BUILD)/services/$${s##*/}"; echo >> "$(BUILD)/services/$${s##*/}"; done || true; \
	done
	@mkdir -p $(BUILD)/fat/META-INF/services && cp $(BUILD)/services/* $(BUILD)/fat/META-INF/services/ 2>/dev/null || true
	@cp -r $(MAIN_OUT)/. $(BUILD)/fat/
	@printf 'Main-Class: userapi.Main\nMulti-Release: true\nEnable-Native-Access: ALL-UNNAMED\n' > $(BUILD)/manifest.txt
	$(JAR) --create --file $@ --manifest $(BUILD)/manifest.txt -C $(BUILD)/fat .
	@echo "built $@"

clean:
	rm -rf $(BUILD)

FORCE:

# The java that make uses, for scripts (.ci/run) that start the jar.
print-java: check-jdk
	@echo $(JAVA)

# --- make bench: the layers' cost against a bare HttpServer (bench/run.sh; needs wrk). Not part of make test. ---
.PHONY: bench
BENCH_OUT := $(BUILD)/bench

$(BENCH_OUT)/BareServer.class: bench/BareServer.java | check-jdk
	@mkdir -p $(BENCH_OUT)
	$(JAVAC) $(JAVAC_FLAGS) -d $(BENCH_OUT) bench/BareServer.java

bench: $(FAT_JAR) $(BENCH_OUT)/BareServer.class
	JAVA="$(JAVA)" bash bench/run.sh
