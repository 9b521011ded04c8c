#!/usr/bin/env python3
"""Validate recorded HTTP exchanges against OpenAPI descriptions: the sandbox's provider traffic against the official
GitHub and Vercel subsets, or a Baton server's traffic against Baton's own description.

Usage: validate_openapi.py EXCHANGES.jsonl [--specs DIR | --spec FILE]

--specs DIR (the default, Tests/Contract/specs next to this script): the provider subsets pruned by
scripts/prune-provider-specs; each exchange's "provider" picks the subset. Operations a subset leaves out are skipped.
--spec FILE: one complete description (Baton's Sources/BatonServer/OpenAPI/openapi.json) for every exchange: a
request no operation serves must be answered as the document's `x-baton-unmatched-requests` says, or it fails.

Each line of EXCHANGES.jsonl is one exchange: {"method", "path", "query", "requestBody", "status", "responseBody"},
with "provider", "route" and "injectedFailure" from ProviderSandbox(recordExchangesTo:), and "requestContentType",
"responseContentType" and "responseHeaders" (lower-cased names) from Baton's recorder. A JSON body is recorded as its
JSON value, any other body as its text.

For every exchange: find the operation whose path template matches, check the status is one the operation
lists, validate the response body against that status's schema for the response's media type (any header the
status marks required must be there and match its schema, when headers were recorded; a body where the status
describes none fails, when the media type was recorded) and the request body against the operation's requestBody
schema. Provider statuses the subsets omit but the real APIs send (see UNDOCUMENTED: each needs a reason, for every
operation or for one) and injected 429/5xx failures are reported as "allowed undocumented" and checked against a
generic error shape; any other unlisted status fails.
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

    def resolve(self, obj: dict, where: str) -> tuple[dict, str]:
        """A response, header or parameter object and its JSON pointer, following local `$ref`s."""
        while isinstance(obj, dict) and isinstance(obj.get("$ref"), str) and obj["$ref"].startswith("#/"):
            where = obj["$ref"][1:]
            obj = self.document
            for part in where.split("/")[1:]:
                obj = obj[part.replace("~1", "/").replace("~0", "~")]
        return obj, where

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


def response_entry(spec: Spec, responses: dict, where: str, status: int):
    """(the response object for status, its JSON pointer), following `$ref`s; (None, None) when none is listed."""
    for key in (str(status), f"{str(status)[0]}XX", f"{str(status)[0]}xx", "default"):
        if key in responses:
            return spec.resolve(responses[key], where + pointer(key))
    return None, None


def media_type(content_type: str | None) -> str | None:
    """`text/plain; version=0.0.4` as `text/plain`; None stays None."""
    return content_type.split(";")[0].strip().lower() if content_type else None


def listed_media(content: dict, sent: str | None):
    """The key of `content` describing the media type sent (application/json when none was recorded), or None."""
    wanted = media_type(sent) or "application/json"
    return next((key for key in content if media_type(key) == wanted), None)


def header_failures(spec: Spec, entry: dict, where: str, headers: dict) -> list[str]:
    """Headers the response object marks required that are missing or do not match their schema."""
    failures = []
    for name, header in entry.get("headers", {}).items():
        header, header_where = spec.resolve(header, where + pointer("headers", name))
        value = headers.get(name.lower())
        if value is None:
            if header.get("required"):
                failures.append(f"header {name} is required")
            continue
        schema = header.get("schema", {})
        if schema.get("type") == "integer":
            value = int(value) if value.strip().lstrip("-").isdigit() else value
        failures += [f"header {name} {e}" for e in spec.errors(value, pointer=header_where + "/schema")]
    return failures


def response_failures(spec: Spec, exchange: dict, entry: dict, where: str) -> list[str]:
    """What is wrong with the response of an exchange whose status the operation lists as `entry`."""
    failures = []
    status, body, sent_type = exchange["status"], exchange.get("responseBody"), exchange.get("responseContentType")
    content = entry.get("content", {})
    if "responseHeaders" in exchange:
        failures += header_failures(spec, entry, where, exchange["responseHeaders"])
    if not content:
        if "responseContentType" in exchange and body not in (None, ""):
            failures.append(f"status {status} has no body in the description, but one was sent ({sent_type})")
        return failures
    key = listed_media(content, sent_type)
    if key is None:
        if "responseContentType" in exchange:
            failures.append(f"status {status} answers {', '.join(content)}, not {sent_type}")
        return failures
    if "schema" in content[key]:
        if body is None:
            failures.append(f"status {status} needs a body")
        else:
            failures += [f"response {e}" for e in spec.errors(body, pointer=where + pointer("content", key, "schema"))]
    return failures


def check(spec: Spec, exchange: dict, template: str, operation: dict, where: str,
          undocumented=lambda exchange, template: None) -> tuple[list[str], list[str]]:
    """(failures, notes) for one exchange of a known operation at JSON pointer `where`; `undocumented(exchange,
    template)` gives (reason, error schema) for a status the operation does not list but may be answered."""
    failures, notes = [], []
    method, status = exchange["method"].lower(), exchange["status"]
    if exchange.get("route") and exchange["route"] != template:
        failures.append(f"sandbox routed to {exchange['route']!r}, spec path is {template!r}")
    entry, entry_where = response_entry(spec, operation.get("responses", {}), where + pointer("responses"), status)
    if entry is None:
        allowance = undocumented(exchange, template)
        if allowance is None:
            failures.append(f"status {status} is not listed for this operation")
        else:
            reason, error_schema = allowance
            notes.append(f"allowed undocumented: {exchange.get('provider')} {status} {method.upper()} {template} ({reason})")
            failures += [f"error body {e}" for e in spec.errors(exchange.get("responseBody"), schema=error_schema)]
    else:
        failures += response_failures(spec, exchange, entry, entry_where)
    failures += request_failures(spec, exchange, operation, where, notes)
    return failures, notes


def request_failures(spec: Spec, exchange: dict, operation: dict, where: str, notes: list[str]) -> list[str]:
    """A 2xx answer to a request the operation does not accept; a refused invalid request is only noted."""
    status, sent = exchange["status"], exchange.get("requestBody")
    request_body = operation.get("requestBody", {})
    content = request_body.get("content", {})
    if "requestContentType" in exchange and sent is not None and content:
        key = listed_media(content, exchange["requestContentType"])
        if key is None:
            if 200 <= status < 300:
                return [f"accepted a request sent as {exchange['requestContentType']}"]
            notes.append(f"request sent as {exchange['requestContentType']} correctly refused with {status}")
            return []
    request_schema = content.get("application/json", {}).get("schema")
    if request_schema is not None and sent is not None:
        problems = spec.errors(sent, pointer=where + pointer("requestBody", "content", "application/json", "schema"))
        if problems and 200 <= status < 300:
            return [f"accepted an invalid request: {p}" for p in problems]
        if problems:
            notes.append(f"invalid request correctly refused with {status}: {problems[0]}")
    elif request_body.get("required") and sent is None and 200 <= status < 300:
        return ["accepted a request without its required body"]
    return []


def provider_undocumented(exchange: dict, template: str):
    """Why a provider may answer a status its subset does not list, and the error shape it answers with."""
    status, provider = exchange["status"], exchange["provider"]
    injected = exchange.get("injectedFailure") and (status == 429 or status >= 500)
    reason = "injected failure" if injected else undocumented_reason(provider, status, exchange["method"], template)
    return None if reason is None else (reason, GENERIC_ERRORS[provider])


def described_as(spec: Spec, exchange: dict, operation: dict | None) -> str:
    """The exchange, for a failure line: its path and, for a body with a discriminator (Baton's `mode`), its value."""
    text = exchange["path"]
    schema = (operation or {}).get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
    schema, _ = spec.resolve(schema, "") if "$ref" in schema else (schema, "")
    name = schema.get("discriminator", {}).get("propertyName")
    body = exchange.get("requestBody")
    if name and isinstance(body, dict) and isinstance(body.get(name), str):
        text += f" {name}={body[name][:40]}"
    return text


class Validation:
    """Counts per operation, notes printed once, failures printed as they come."""

    def __init__(self, verbose: bool):
        self.verbose = verbose
        self.per_operation = defaultdict(lambda: {"passed": 0, "failed": 0, "statuses": defaultdict(int)})
        self.passed = self.failed = 0
        self.printed_notes = set()

    def record(self, number: int, label: str, exchange: dict, failures: list[str], notes: list[str], what: str):
        stats = self.per_operation[label]
        stats["statuses"][exchange["status"]] += 1
        for note in notes:
            if self.verbose or note not in self.printed_notes:
                print(f"  {note}")
                self.printed_notes.add(note)
        if failures:
            self.failed += 1
            stats["failed"] += 1
            for failure in failures:
                print(f"FAIL line {number}: {label} -> {exchange['status']}: {failure} ({what})")
        else:
            self.passed += 1
            stats["passed"] += 1

    def report(self) -> int:
        for label, stats in sorted(self.per_operation.items()):
            statuses = ", ".join(f"{status}x{count}" for status, count in sorted(stats["statuses"].items()))
            print(f"{label}: {stats['passed']} passed, {stats['failed']} failed (statuses {statuses})")
        print(f"{self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0


def validate_providers(exchanges: list[tuple[int, dict]], folder: Path, validation: Validation):
    """Provider traffic against the subsets: operations a subset leaves out are skipped."""
    specs = {provider: Spec(provider, folder / name) for provider, name in SPEC_FILES.items()}
    for number, exchange in exchanges:
        spec = specs[exchange["provider"]]
        template, operation = spec.operation(exchange["method"], exchange["path"])
        if operation is None:
            print(f"not in spec subset: {exchange['provider']} {exchange['method']} {exchange['path']} (skipped)")
            continue
        where = pointer("paths", template, exchange["method"].lower())
        failures, notes = check(spec, exchange, template, operation, where, provider_undocumented)
        label = f"{exchange['method']} {template} [{exchange['provider']}]"
        validation.record(number, label, exchange, failures, notes, described_as(spec, exchange, operation))


def validate_one(exchanges: list[tuple[int, dict]], path: Path, validation: Validation):
    """Every exchange against one complete description: a request no operation serves must be answered as its
    `x-baton-unmatched-requests` says."""
    spec = Spec(path.stem, path)
    name = spec.document.get("info", {}).get("title", path.stem).lower()
    unmatched = spec.document.get("x-baton-unmatched-requests", {})
    for number, exchange in exchanges:
        template, operation = spec.operation(exchange["method"], exchange["path"])
        if operation is None:
            label = f"{exchange['method']} (no operation) [{name}]"
            where = pointer("x-baton-unmatched-requests", "responses")
            entry, entry_where = response_entry(spec, unmatched.get("responses", {}), where, exchange["status"])
            failures = (
                [f"no operation serves this request, and status {exchange['status']} is not what such requests get"]
                if entry is None else response_failures(spec, exchange, entry, entry_where)
            )
            validation.record(number, label, exchange, failures, [], described_as(spec, exchange, None))
            continue
        where = pointer("paths", template, exchange["method"].lower())
        failures, notes = check(spec, exchange, template, operation, where)
        label = f"{exchange['method']} {template} [{name}]"
        validation.record(number, label, exchange, failures, notes, described_as(spec, exchange, operation))


def main() -> int:
    default_specs = Path(__file__).resolve().parent / "specs"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("exchanges", type=Path, help="JSON-lines file of recorded exchanges")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--specs", type=Path, default=default_specs, help=f"provider specs folder (default {default_specs})")
    which.add_argument("--spec", type=Path, help="one complete OpenAPI description for every exchange (Baton's own)")
    parser.add_argument("--verbose", action="store_true", help="print every allowed-undocumented and refused request")
    arguments = parser.parse_args()

    exchanges = [
        (number, json.loads(line))
        for number, line in enumerate(arguments.exchanges.read_text().splitlines(), start=1)
        if line.strip()
    ]
    validation = Validation(arguments.verbose)
    if arguments.spec:
        validate_one(exchanges, arguments.spec, validation)
    else:
        validate_providers(exchanges, arguments.specs, validation)
    return validation.report()


if __name__ == "__main__":
    sys.exit(main())
