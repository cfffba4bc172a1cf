"""JSON Schema checks with errors in plain words, each at the line and column it is about.

The record schema (practice_examples/schema.json) is the single source of a record's shape.
Its vocabulary lists (sections, take-aways, standards, tag facets and values) are filled in
from the guide's data by macros.load.examples.record_schema(), so they are defined once, in the guide's files;
`make schema` writes them into the committed file for editors' autocompletion.
"""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError

from macros.base import linear
from macros.base.problems import Problem, ProblemsFound
from macros.base.text import HIDDEN, printable_ascii
from macros.load.yamlsafe import Located, YamlPath

VALUE_KEYWORDS = {"pattern", "format", "minLength", "maxLength", "type", "enum"}
YAML_BOOLEAN_WORDS = {"yes", "no", "on", "off", "true", "false", "y", "n"}


def read_schema(path: Path, display: str | None = None) -> dict[str, Any]:
    """A JSON schema file; raises ProblemsFound, at the line of the mistake, if it is missing or broken."""
    display = display or path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProblemsFound([Problem(display, 1, 1, "this schema file is missing: restore it with git checkout -- " + display)]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ProblemsFound([Problem(display, 1, 1, f"this schema file cannot be read ({error}): restore it with git checkout -- {display}")]) from None
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as error:
        raise ProblemsFound([Problem(display, error.lineno, error.colno, f"this is not valid JSON ({error.msg}): fix it here, or restore the file with git checkout -- {display}")]) from None
    if not isinstance(schema, dict) or not isinstance(schema.get("$defs"), dict):
        raise ProblemsFound([Problem(display, 1, 1, f"this is not the project's schema (it has no $defs): restore it with git checkout -- {display}")])
    return schema



def _pattern(validator, pattern: str, instance: Any, schema: dict) -> Any:
    """JSON Schema's pattern, with $ meaning the end of the text as in JavaScript and editors.

    Run in RE2, whose $ is the end of the text (Python's also matches before a final newline,
    which let "old-name\n" pass as an id) and which cannot backtrack on a contributor's text.
    """
    if not isinstance(instance, str):
        return
    if len(instance) > schema.get("maxLength", len(instance)):
        return  # maxLength reports it; a pattern over very long text is wasted work
    if not _strict(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@lru_cache(maxsize=256)
def _strict(pattern: str):
    return linear.compile(pattern)


_Validator = validators.extend(Draft202012Validator, {"pattern": _pattern})


_validators: dict[int, tuple[dict, Any, Any]] = {}


def _validator(schema: dict[str, Any]):
    """One validator per schema object: building one resolves every $ref again."""
    return _compiled(schema)[0]


def _compiled(schema: dict[str, Any]) -> tuple[Any, Any]:
    """The schema's validator, and its `_valid` test (None for a schema that uses what it cannot tell)."""
    cached = _validators.get(id(schema))
    if cached is None or cached[0] is not schema:
        if len(_validators) > 8:  # a rebuild brings new schema objects; keep only recent ones
            _validators.clear()
        inlined = _inlined(schema, schema.get("$defs", {}), ())
        validator = _Validator(inlined, format_checker=Draft202012Validator.FORMAT_CHECKER)
        try:
            valid = _valid(inlined)
        except _Unknown:
            valid = None
        cached = _validators[id(schema)] = (schema, validator, valid)
    return cached[1], cached[2]


def _inlined(value: Any, defs: dict, seen: tuple[str, ...]) -> Any:
    """value with each {"$ref": "#/$defs/name"} (and at most a description beside it) replaced by what
    it names, as the schema means it: looking references up took a third of a record's schema check."""
    if isinstance(value, list):
        return [_inlined(item, defs, seen) for item in value]
    if not isinstance(value, dict):
        return value
    target = value.get("$ref")
    name = target[len("#/$defs/"):] if isinstance(target, str) and target.startswith("#/$defs/") else None
    if name in defs and name not in seen and set(value) <= {"$ref", "description"}:
        return {**_inlined(defs[name], defs, seen + (name,)), **{key: item for key, item in value.items() if key != "$ref"}}
    return {key: _inlined(item, defs, seen) for key, item in value.items()}


class _Unknown(Exception):
    """A keyword, type or value `_valid` cannot judge exactly as the validator does."""


# Keywords that only describe (or that `_valid` reads with their neighbours): they never fail a value.
_NOTES = {"description", "errorMessage", "typeMessage", "title", "renamedFields", "reviewed", "$schema", "$id", "$defs",
          "then", "else"}
_TYPES = {"string": str, "object": dict, "array": list, "boolean": bool, "null": type(None)}


def _valid(schema: Any):
    """A test that tells, exactly as the validator does, whether a value breaks no rule of schema (the
    validator's own, with $refs inlined): most records break none, and this takes a tenth of its time.
    Raises _Unknown, when made, for a keyword it does not know, and, when run, for a value it cannot
    judge exactly (such as a list of other things than texts that must be unique): the validator judges those."""
    if schema is True or schema == {}:
        return lambda value: True
    if not isinstance(schema, dict):
        raise _Unknown(schema)
    tests = []
    for keyword, rule in schema.items():
        if keyword in _NOTES:
            continue
        tests.append(_keyword(keyword, rule, schema))
    if not tests:
        return lambda value: True
    if len(tests) == 1:
        return tests[0]
    return lambda value: all(test(value) for test in tests)


def _keyword(keyword: str, rule: Any, schema: dict):  # noqa: C901 - one branch per keyword
    if keyword == "type":
        if not isinstance(rule, str) or rule not in _TYPES:
            raise _Unknown(rule)  # integer and number: booleans and whole floats are not worth the care here
        kind = _TYPES[rule]
        if kind is bool or kind is type(None):
            return lambda value: type(value) is kind
        return lambda value: isinstance(value, kind) and not isinstance(value, bool)
    if keyword == "enum" or keyword == "const":
        allowed = rule if keyword == "enum" else [rule]
        if not (isinstance(allowed, list) and all(isinstance(item, str) for item in allowed)):
            raise _Unknown(rule)
        texts = frozenset(allowed)
        return lambda value: isinstance(value, str) and value in texts  # no other kind of value equals a text
    if keyword == "pattern":
        try:
            strict = _strict(rule)
        except Exception as error:  # noqa: BLE001 - a broken pattern is the validator's to report, when it is reached
            raise _Unknown(rule) from error
        longest = schema.get("maxLength")
        return lambda value: not isinstance(value, str) or (longest is not None and len(value) > longest) or strict.search(value) is not None
    if keyword == "format":
        if rule != "date":
            raise _Unknown(rule)
        conforms = Draft202012Validator.FORMAT_CHECKER.conforms
        return lambda value: conforms(value, "date")
    if keyword in ("minLength", "maxLength", "minItems", "maxItems", "minProperties"):
        if not isinstance(rule, int) or isinstance(rule, bool):
            raise _Unknown(rule)
        kind = str if keyword.endswith("Length") else dict if keyword == "minProperties" else list
        if keyword.startswith("max"):
            return lambda value: not isinstance(value, kind) or len(value) <= rule
        return lambda value: not isinstance(value, kind) or len(value) >= rule
    if keyword == "properties":
        if not isinstance(rule, dict):
            raise _Unknown(rule)
        tests = {name: _valid(subschema) for name, subschema in rule.items()}
        return lambda value: not isinstance(value, dict) or all(test(value[name]) for name, test in tests.items() if name in value)
    if keyword == "additionalProperties":
        if rule is not False or "patternProperties" in schema:
            raise _Unknown(rule)
        known = frozenset(schema.get("properties", {}))
        return lambda value: not isinstance(value, dict) or known.issuperset(value)
    if keyword == "required":
        if not (isinstance(rule, list) and all(isinstance(name, str) for name in rule)):
            raise _Unknown(rule)
        names = tuple(rule)
        return lambda value: not isinstance(value, dict) or all(name in value for name in names)
    if keyword == "items":
        test = _valid(rule)
        return lambda value: not isinstance(value, list) or all(test(item) for item in value)
    if keyword == "uniqueItems":
        if rule is not True:
            raise _Unknown(rule)
        return _unique
    if keyword == "if":
        condition, then, otherwise = _valid(rule), _valid(schema.get("then", True)), _valid(schema.get("else", True))
        return lambda value: then(value) if condition(value) else otherwise(value)
    raise _Unknown(keyword)


def _unique(value: Any) -> bool:
    if not isinstance(value, list):
        return True
    if not all(isinstance(item, str) for item in value):
        raise _Unknown(value)
    return len(set(value)) == len(value)


def check(data: Any, located: Located, schema: dict[str, Any], display: str) -> list[Problem]:
    """Every schema error in data, translated for a contributor."""
    validator, valid = _compiled(schema)
    if valid is not None:
        try:
            if valid(data):
                return []  # the validator would find nothing
        except _Unknown:
            pass
    found: dict[tuple, Problem] = {}
    for error in validator.iter_errors(data):
        for path, message, at_key in _translate(error, located):
            # A value that breaks several rules (say pattern and format) gets one message.
            key = (path, "value") if error.validator in VALUE_KEYWORDS else (path, message)
            found.setdefault(key, Problem(display, *located.position(path, key=at_key), message))
    return sorted(found.values())


def hidden_characters(data: Any, located: Located, display: str) -> list[Problem]:
    """A problem at each text in data, at any depth, that holds a character no reader can see or
    that reorders what they read (text.HIDDEN): YAML's escapes ("\\x01") get these past the file's own check."""
    problems = []
    for path, value in texts(data):
        if printable_ascii(value):
            continue
        found = HIDDEN.search(value)
        if found:
            problems.append(Problem(display, *located.position_in(path, found.start()),
                                    f"{name_of(path)} contains an invisible character (U+{ord(found.group()):04X}) here: "
                                    "delete it (soft hyphens, zero-width spaces and control characters often come with text pasted "
                                    "from Word, a web page or another program)"))
    return problems


def texts(value: Any, path: YamlPath = ()):
    """Every text in value, at any depth, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts(item, path + (index,))


def name_of(path: YamlPath) -> str:
    """A field's path as a contributor reads it in the YAML: tags.population, provenance.sources."""
    keys = [str(part) for part in path if not isinstance(part, int)]
    name = ".".join(keys) if keys else "the file"
    return f"{name} (item {path[-1] + 1})" if path and isinstance(path[-1], int) else name


def _suggest(value: Any, allowed: list[str]) -> str:
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""


def _allowed(allowed: list[str], where: str) -> str:
    if not allowed:
        return f" None is defined yet: add it to {where.split(' and ')[0]} first, or remove this value."
    if len(allowed) <= 10:
        return " Use one of: " + ", ".join(allowed) + "."
    return f" The allowed values are listed in {where}."


def _enum_subject(path: YamlPath) -> tuple[str, str]:
    keys = [part for part in path if not isinstance(part, int)]
    if keys == ["section"]:
        return "section", "practice_examples/guide/sections.yaml"
    if keys == ["takeaways"]:
        return "take-away", "practice_examples/guide/sections.yaml and on each section page"
    if keys == ["standards"]:
        return "inspection standard", "practice_examples/guide/standards.yaml"
    if len(keys) == 2 and keys[0] == "tags":
        return f"value for the tag facet '{keys[1]}'", "practice_examples/guide/tags.yaml"
    if keys == ["provenance", "kind"]:
        return "provenance kind", "the schema"
    if keys == ["evidence", "status"]:
        return "evidence status", "practice_examples/guide/evidence.yaml and on the About the evidence page"
    if keys == ["evidence", "approaches"]:
        return "approach", "practice_examples/guide/approaches.yaml"
    return f"value for {name_of(path)}", "the schema"


def _type_hint(instance: Any, expected: str, raw: str, field: str, properties: dict | None = None) -> str:
    if instance is None:
        return f"{field} is empty: give it a value"
    if expected == "string":
        if isinstance(instance, bool) and raw.lower() in YAML_BOOLEAN_WORDS:
            return f"{field} should be text, but YAML reads {raw} as true or false: put it in quotes ('{raw}')"
        if isinstance(instance, (int, float)) and not isinstance(instance, bool):
            return f"{field} should be text, but YAML reads {raw} as a number: put it in quotes ('{raw}')"
        if isinstance(instance, dict):
            return f"{field} should be text, but YAML reads it as a field because it contains ': ': put the whole text in quotes"
        if isinstance(instance, list):
            return f"{field} should be a single piece of text, not a list"
        return f"{field} should be text: put it in quotes"
    if expected == "array":
        if isinstance(instance, str):
            return f"{field} should be a list: write each item on its own line starting with '- '"
        return f"{field} should be a list, with each item on its own line starting with '- '"
    if expected == "object":
        first, _, rest = instance.partition(" ") if isinstance(instance, str) else ("", "", "")
        if rest.strip() and first in (properties or {}):  # `status written-for-guide` under a group: a field without its colon
            return f"{field} should be a group of fields, but '{first}' has no ':' after it: write '{first}: {rest.strip()}'"
        return f"{field} should be a group of fields (name: value), indented under it"
    return f"{field} should be of type {expected}"


def _translate(error: ValidationError, located: Located) -> list[tuple[YamlPath, str, bool]]:
    path: YamlPath = tuple(error.absolute_path)
    field = name_of(path)
    instance = error.instance
    kind = error.validator
    custom = error.schema.get("errorMessage") if isinstance(error.schema, dict) else None

    if kind == "required":
        missing = [name for name in error.validator_value if name not in instance]
        results = []
        for name in missing:
            if name == "sources" and path[-1:] == ("provenance",):
                message = (
                    "a 'reported' example must cite its source under provenance.sources "
                    "(title, publisher, date and url); if no published source describes this practice, "
                    "set kind: illustrative"
                )
            else:
                message = f"{name_of(path + (name,))} is missing: add it" + _description_hint(error, name)
            results.append((path, message, True))
        return results
    if kind == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        results = []
        renamed = error.schema.get("renamedFields", {})
        for name in instance:
            if name in known:
                continue
            if name in renamed:
                message = f"the field '{name}' is now called '{renamed[name]}': rename it"
            elif path == ("tags",):
                message = f"unknown tag facet '{name}'.{_suggest(name, known)}{_allowed(known, 'practice_examples/guide/tags.yaml')}"
            else:
                where = f" in {field}" if path else ""
                message = f"unknown field '{name}'{where}.{_suggest(name, known)} Allowed fields are: {', '.join(known)}."
            results.append((path + (name,), message, True))
        return results
    if kind == "enum":
        if not isinstance(instance, str) and all(isinstance(value, str) for value in error.validator_value):
            return [(path, _type_hint(instance, "string", located.scalars.get(path, ""), field), False)]
        subject, where = _enum_subject(path)
        allowed = [str(value) for value in error.validator_value]
        shown = instance if isinstance(instance, str) else json.dumps(instance)
        return [(path, f"unknown {subject} '{shown}'.{_suggest(instance, allowed)}{_allowed(allowed, where)}", False)]
    if kind == "type":
        if error.schema.get("typeMessage") and instance is not None:
            return [(path, f"{field} {error.schema['typeMessage']}", False)]
        return [(path, _type_hint(instance, error.validator_value, located.scalars.get(path, ""), field, error.schema.get("properties", {})), False)]
    if kind == "minLength":
        if not instance.strip():
            return [(path, f"{field} is empty: write {error.validator_value} characters or more", False)]
        return [(path, f"{field} is too short ({len(instance)} characters): write at least {error.validator_value}", False)]
    if kind == "maxLength":
        return [(path, f"{field} is {len(instance)} characters long: keep it to {error.validator_value} or fewer", False)]
    if kind == "minItems":
        if not instance:
            return [(path, f"{field} is an empty list: add at least {error.validator_value}", False)]
        return [(path, f"{field} needs at least {error.validator_value} items", False)]
    if kind == "maxItems":
        return [(path, f"{field} has {len(instance)} items: keep it to {error.validator_value} or fewer", False)]
    if kind == "minProperties":
        return [(path, f"{field} is empty: add at least one{' facet' if path == ('tags',) else ' field'}", False)]
    if kind == "uniqueItems":
        first: dict[str, int] = {}
        results = []
        for index, item in enumerate(instance):
            key = json.dumps(item, sort_keys=True)
            if key in first:
                shown = item if isinstance(item, str) else key
                line = located.position(path + (first[key],))[0]
                results.append((path + (index,), f"{name_of(path + (index,))} lists '{shown}' more than once (first on line {line}): keep one", False))
            else:
                first[key] = index
        return results
    if kind in ("pattern", "format"):
        advice = custom or ("write a real date as YYYY-MM-DD" if error.validator_value == "date" else "check the format")
        problem = "is not a real date" if kind == "format" and error.validator_value == "date" else "is not in the right form"
        return [(path, f"{field} '{instance}' {problem}: {advice}", False)]
    return [(path, f"{field}: {error.message}", False)]


def _description_hint(error: ValidationError, name: str) -> str:
    properties = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    description = properties.get(name, {}).get("description")
    return f" ({description})" if description else ""
