#!/usr/bin/env python3
"""Fails when a test class exists that the test run did not run.

A name pattern that silently skips a suite proves nothing, so after `mvn verify` and PHPUnit this
compares every test class in the sources with the runners' reports:
- Java: every non-abstract class under */src/test/java with a JUnit 5 or jqwik test annotation must
  appear in its module's target/surefire-reports with at least one test run. Classes tagged
  @Tag("benchmark") are benchmarks, run by scripts/bench.sh instead, and must not hold plain tests.
- PHP: every concrete PHPUnit test class under whmcs-module/tests must appear in the JUnit log
  PHPUnit wrote (its path is the second argument) with at least one test run.

Usage: check-tests-ran.py REPO [PHPUNIT_JUNIT_XML]
Prints one line per module with the counts, and each class that did not run.
"""
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

JAVA_TEST_ANNOTATION = re.compile(
    r"@(?:[\w.]+\.)?(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate|Property|Example)\b")
BENCHMARK_TAG = re.compile(r'@Tag\("benchmark"\)')
ABSTRACT_CLASS = re.compile(r"^\s*(public\s+)?abstract\s+class\s", re.MULTILINE)
PHP_TEST_CLASS = re.compile(r"^\s*(final\s+)?class\s+(\w+)\s+extends\s+\\?[\w\\]*TestCase\b", re.MULTILINE)
PHP_TEST_METHOD = re.compile(r"function\s+test\w*\s*\(|@test\b|#\[Test\]")


def java_test_classes(module):
    root = module / "src" / "test" / "java"
    tests, benchmarks = {}, {}
    for source in sorted(root.rglob("*.java")):
        text = source.read_text(encoding="utf-8")
        if not JAVA_TEST_ANNOTATION.search(text) or ABSTRACT_CLASS.search(text):
            continue
        name = ".".join(source.relative_to(root).with_suffix("").parts)
        (benchmarks if BENCHMARK_TAG.search(text) else tests)[name] = source
    return tests, benchmarks


def surefire_runs(module):
    runs = {}
    for report in (module / "target" / "surefire-reports").glob("TEST-*.xml"):
        suite = ET.parse(report).getroot()
        name = suite.get("name", "").split("$")[0]
        ran = int(suite.get("tests", "0")) - int(suite.get("skipped", "0"))
        runs[name] = runs.get(name, 0) + ran
    return runs


def check_java(repo):
    problems = []
    for pom in sorted(repo.glob("*/pom.xml")):
        module = pom.parent
        if not (module / "src" / "test" / "java").is_dir():
            continue
        tests, benchmarks = java_test_classes(module)
        runs = surefire_runs(module)
        missing = [name for name in tests if runs.get(name, 0) == 0]
        benchmark_ran = [name for name in benchmarks if runs.get(name, 0) > 0]
        print(f"{module.name}: {len(tests)} test classes, {len(tests) - len(missing)} ran "
              f"({sum(runs.get(n, 0) for n in tests)} tests); {len(benchmarks)} benchmark classes left to bench.sh")
        problems += [f"{module.name}: test class {name} did not run" for name in missing]
        problems += [f"{module.name}: benchmark {name} ran in the test run (tag it or move its tests)"
                     for name in benchmark_ran]
    return problems


def check_php(repo, junit_log):
    tests_dir = repo / "whmcs-module" / "tests"
    if not tests_dir.is_dir():
        return []
    classes = {}
    for source in sorted(tests_dir.rglob("*.php")):
        text = source.read_text(encoding="utf-8")
        for match in PHP_TEST_CLASS.finditer(text):
            if PHP_TEST_METHOD.search(text):
                classes[match.group(2)] = source
    if junit_log is None:
        return [f"whmcs-module: {len(classes)} PHPUnit test classes but no JUnit log to check them against"]
    runs = {}
    for suite in ET.parse(junit_log).getroot().iter("testsuite"):
        if suite.get("file") and suite.get("name") and "::" not in suite.get("name"):
            name = suite.get("name").split("\\")[-1]
            runs[name] = runs.get(name, 0) + int(suite.get("tests", "0")) - int(suite.get("skipped", "0") or 0)
    missing = [name for name in classes if runs.get(name, 0) == 0]
    print(f"whmcs-module: {len(classes)} PHPUnit test classes, {len(classes) - len(missing)} ran "
          f"({sum(runs.get(n, 0) for n in classes)} tests)")
    return [f"whmcs-module: PHPUnit class {name} ({classes[name].relative_to(repo)}) did not run"
            for name in missing]


def main():
    repo = pathlib.Path(sys.argv[1]).resolve()
    junit_log = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else None
    problems = check_java(repo) + check_php(repo, junit_log)
    for problem in problems:
        print("NOT RUN: " + problem)
    if problems:
        print(f"{len(problems)} test class(es) exist that the run did not run")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
