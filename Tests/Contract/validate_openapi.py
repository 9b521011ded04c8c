#!/usr/bin/env python3
"""Validate recorded sandbox exchanges against the official GitHub and Vercel OpenAPI subsets.

Usage: validate_openapi.py EXCHANGES.jsonl [--specs DIR]

The specs folder defaults to Tests/Contract/specs (next to this script): the subsets pruned by
scripts/prune-provider-specs.

Each line of EXCHANGES.jsonl is one provider exchange recorded by ProviderSandbox(recordExchangesTo:):
{"provider", "method", "path", "route", "query", "requestBody", "status", "responseBody", "injectedFailure"}.

For every exchange: find the operation whose path template matches, check the status is one the operation
lists, validate the response body against that status's application/json schema and the request body against
the operation's requestBody schema. Statuses the subsets omit but the real APIs send (see UNDOCUMENTED: each
needs a reason, for every operation or for one) and injected 429/5xx failures are reported as "allowed
undocumented" and checked against a generic error shape; any other unlisted status fails.
Prints one line per operation and ends with "N passed, M failed"; exits 1 when anything failed.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

try:
    from jsonschema import validators
    from jsonschema.exceptions import ValidationError, best_match
    from openapi_schema_validator import OAS30Validator, OAS31Validator, oas30_format_checker, oas31_format_checker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4
except ImportError as error:  # pragma: no cover - environment problem, not a contract failure
    sys.exit(f"missing dependency ({error}); run: pip install openapi-schema-validator")

SPEC_FILES = {"github": "github-openapi-subset.json", "vercel": "vercel-openapi-subset.json"}
METHODS = ("get", "post", "put", "patch", "delete")

GENERATE = "POST /repos/{template_owner}/{template_repo}/generate"

# Statuses the real providers send although the subsets do not list them (../providers.md), each with its reason:
# keyed (provider, status) when any operation may send it, or (provider, status, "METHOD /template") when only
# that operation does. The spec lists no error at all for generate (providers.md 1.7).
UNDOCUMENTED = {
    ("github", 400): "unknown X-GitHub-Api-Version or unparsable body (providers.md 1.1, 1.2)",
    ("github", 401): "bad or missing credentials (providers.md 1.2)",
    ("github", 404): "missing or invisible resource, on every operation (providers.md 1.2, 1.7)",
    ("github", 403, GENERATE): "secondary rate limit on content creation, or a token without administration=write"
                               " on the owner (providers.md 6.1, 6.2)",
    ("github", 422, GENERATE): "Could not clone: the name exists in the owner, or the source is not a template"
                               " repository (providers.md 1.7, 6.3)",
    ("vercel", 404): "not_found for an unknown project, deployment or domain (providers.md 2.2, 2.10)",
}


def undocumented_reason(provider: str, status: int, method: str, template: str) -> str | None:
    """Why an unlisted status is allowed for this operation, or None when it is not."""
    specific = UNDOCUMENTED.get((provider, status, f"{method.upper()} {template}"))
    return specific or UNDOCUMENTED.get((provider, status))
GENERIC_ERRORS = {
    "github": {"type": "object", "required": ["message"], "properties": {
        "message": {"type": "string"}, "documentation_url": {"type": "string"}, "status": {"type": "string"}}},
    "vercel": {"type": "object", "required": ["error"], "properties": {"error": {
        "type": "object", "required": ["code", "message"],
        "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}}},
}


def lenient_one_of(validator, one_of, instance, schema):
    """oneOf as anyOf: the published Vercel schemas have overlapping branches (a full deployment also matches the
    public-only branch), so "exactly one" would reject every real response. Discriminators keep strict handling."""
    if "discriminator" in schema:
        yield from OAS30Validator.VALIDATORS["oneOf"](validator, one_of, instance, schema)
        return
    if instance is None and schema.get("nullable"):
        return
    errors = []
    for index, branch in enumerate(one_of):
        branch_errors = list(validator.descend(instance, branch, schema_path=index))
        if not branch_errors:
            return
        errors.extend(branch_errors)
    closest = best_match(errors)
    yield ValidationError(f"matches no oneOf branch, e.g. {closest.message[:200]}", context=errors)


def nullable_enum(validator, enum, instance, schema):
    """enum that lets null through when the schema is nullable: Vercel documents `configuredBy` as a nullable
    enum whose null ("not configured") is a normal answer, though OAS 3.0 strictly needs null listed in enum."""
    if instance is None and schema.get("nullable"):
        return
    yield from validators.Draft4Validator.VALIDATORS["enum"](validator, enum, instance, schema)


class Spec:
    """One OpenAPI document: its operations by path template, and a validator resolving its $refs."""

    def __init__(self, provider: str, path: Path):
        self.provider = provider
        self.document = json.loads(path.read_text())
        self.uri = f"urn:baton:{provider}-openapi"
        is_31 = self.document.get("openapi", "3.0").startswith("3.1")
        base, self.format_checker = (OAS31Validator, oas31_format_checker) if is_31 else (OAS30Validator, oas30_format_checker)
        self.validator_class = validators.extend(base, {"oneOf": lenient_one_of, "enum": nullable_enum})
        self.registry = Registry().with_resource(self.uri, Resource(self.document, DRAFT4))
        self.templates = []
        for template, item in self.document["paths"].items():
            pattern = re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$")
            literals = sum(1 for part in template.split("/") if part and not part.startswith("{"))
            self.templates.append((literals, template, pattern, item))
        self.templates.sort(key=lambda entry: -entry[0])

    def operation(self, method: str, path: str):
        """(template, operation) for a concrete path, or (None, None)."""
        for _, template, pattern, item in self.templates:
            if pattern.match(path) and method.lower() in item:
                return template, item[method.lower()]
        return None, None

    def errors(self, instance, schema=None, pointer=None) -> list[str]:
        """Validation errors of instance against an inline schema or a JSON pointer into the document."""
        if pointer is not None:
            schema = {"$ref": f"{self.uri}#{pointer}"}
        validator = self.validator_class(schema, registry=self.registry, format_checker=self.format_checker)
        found = list(validator.iter_errors(instance))
        if not found:
            return []
        best = best_match(found)
        where = "/".join(str(part) for part in best.absolute_path) or "(root)"
        more = f" (+{len(found) - 1} more)" if len(found) > 1 else ""
        return [f"{where}: {best.message[:300]}{more}"]


def pointer(*parts: str) -> str:
    return "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in parts)


def response_entry(operation: dict, status: int):
    responses = operation.get("responses", {})
    for key in (str(status), f"{str(status)[0]}XX", f"{str(status)[0]}xx", "default"):
        if key in responses:
            return key, responses[key]
    return None, None


def check(spec: Spec, exchange: dict, template: str, operation: dict) -> tuple[list[str], list[str]]:
    """(failures, notes) for one exchange of a known operation."""
    failures, notes = [], []
    method, status, provider = exchange["method"].lower(), exchange["status"], exchange["provider"]
    if exchange.get("route") and exchange["route"] != template:
        failures.append(f"sandbox routed to {exchange['route']!r}, spec path is {template!r}")
    key, entry = response_entry(operation, status)
    body = exchange.get("responseBody")
    if entry is None:
        injected = exchange.get("injectedFailure") and (status == 429 or status >= 500)
        reason = "injected failure" if injected else undocumented_reason(provider, status, method, template)
        if reason is None:
            failures.append(f"status {status} is not listed for this operation")
        else:
            notes.append(f"allowed undocumented: {provider} {status} {method.upper()} {template} ({reason})")
            failures += [f"error body {e}" for e in spec.errors(body, schema=GENERIC_ERRORS[provider])]
    else:
        media = entry.get("content", {}).get("application/json")
        if media and "schema" in media:
            if body is None:
                failures.append(f"status {status} needs a JSON body")
            else:
                where = pointer("paths", template, method, "responses", key, "content", "application/json", "schema")
                failures += [f"response {e}" for e in spec.errors(body, pointer=where)]
    request_body = operation.get("requestBody", {})
    request_schema = request_body.get("content", {}).get("application/json", {}).get("schema")
    sent = exchange.get("requestBody")
    if request_schema is not None and sent is not None:
        where = pointer("paths", template, method, "requestBody", "content", "application/json", "schema")
        problems = spec.errors(sent, pointer=where)
        if problems and 200 <= status < 300:
            failures += [f"accepted an invalid request: {p}" for p in problems]
        elif problems:
            notes.append(f"invalid request correctly refused with {status}: {problems[0]}")
    elif request_body.get("required") and sent is None and 200 <= status < 300:
        failures.append("accepted a request without its required body")
    return failures, notes


def main() -> int:
    default_specs = Path(__file__).resolve().parent / "specs"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("exchanges", type=Path, help="JSON-lines file recorded by the sandbox")
    parser.add_argument("--specs", type=Path, default=default_specs, help=f"specs folder (default {default_specs})")
    parser.add_argument("--verbose", action="store_true", help="print every allowed-undocumented and refused request")
    arguments = parser.parse_args()

    specs = {provider: Spec(provider, arguments.specs / name) for provider, name in SPEC_FILES.items()}
    per_operation = defaultdict(lambda: {"passed": 0, "failed": 0, "statuses": defaultdict(int)})
    passed = failed = 0
    printed_notes = set()
    for number, line in enumerate(arguments.exchanges.read_text().splitlines(), start=1):
        if not line.strip():
            continue
        exchange = json.loads(line)
        spec = specs[exchange["provider"]]
        template, operation = spec.operation(exchange["method"], exchange["path"])
        if operation is None:
            print(f"not in spec subset: {exchange['provider']} {exchange['method']} {exchange['path']} (skipped)")
            continue
        failures, notes = check(spec, exchange, template, operation)
        label = f"{exchange['method']} {template} [{exchange['provider']}]"
        stats = per_operation[label]
        stats["statuses"][exchange["status"]] += 1
        for note in notes:
            if arguments.verbose or note not in printed_notes:
                print(f"  {note}")
                printed_notes.add(note)
        if failures:
            failed += 1
            stats["failed"] += 1
            for failure in failures:
                print(f"FAIL line {number}: {label} -> {exchange['status']}: {failure}")
        else:
            passed += 1
            stats["passed"] += 1
    for label, stats in sorted(per_operation.items()):
        statuses = ", ".join(f"{status}x{count}" for status, count in sorted(stats["statuses"].items()))
        print(f"{label}: {stats['passed']} passed, {stats['failed']} failed (statuses {statuses})")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
