"""Every interface string of the templates and of the Python code has a French and an Arabic translation."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.translation.template import templatize

TEMPLATES = Path(settings.BASE_DIR) / "templates"
LOCALE = Path(settings.BASE_DIR) / "locale"
CALL = re.compile(r"\b(n?p?gettext)\(((?:u'(?:[^'\\]|\\.)*'(?:, )?)+)")
LITERAL = re.compile(r"u'((?:[^'\\]|\\.)*)'")


def template_messages():
    """{(context, msgid): template path} for every translatable string of our templates (public and admin)."""
    messages = {}
    for path in sorted(TEMPLATES.rglob("*.html")):
        for function, arguments in CALL.findall(templatize(path.read_text(), origin=str(path))):
            literals = [ast.literal_eval(f"'{literal}'") for literal in LITERAL.findall(arguments)]
            context = literals.pop(0) if function.startswith(("pgettext", "npgettext")) else ""
            messages.setdefault((context, literals[0]), str(path.relative_to(settings.BASE_DIR)))
    return messages


def _unquote(line):
    return ast.literal_eval(line.strip())


def translated_messages(po_path):
    """{(context, msgid)} of the entries of a .po file that are translated and not fuzzy."""
    translated = set()
    for block in po_path.read_text().split("\n\n"):
        fields, current, fuzzy = {}, None, False
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            elif line.startswith("#") or not line.strip():
                continue
            elif line.startswith('"') and current:
                fields[current] += _unquote(line)
            else:
                current, _, value = line.partition(" ")
                fields[current] = _unquote(value)
        msgstrs = [value for key, value in fields.items() if key.startswith("msgstr")]
        if "msgid" in fields and fields["msgid"] and msgstrs and all(msgstrs) and not fuzzy:
            translated.add((fields.get("msgctxt", ""), fields["msgid"]))
    return translated


def test_templates_hold_translatable_strings():
    messages = template_messages()

    assert ("", "Skip to main content") in messages
    assert ("", "Add to calendar") in messages


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_every_template_string_is_translated(language):
    po_path = LOCALE / language / "LC_MESSAGES" / "django.po"
    translated = translated_messages(po_path) if po_path.exists() else set()

    missing = {
        msgid: path for (context, msgid), path in template_messages().items() if (context, msgid) not in translated
    }

    assert missing == {}


GETTEXT_FUNCTIONS = {
    "_": 0,
    "gettext": 0,
    "gettext_lazy": 0,
    "ngettext": 0,
    "ngettext_lazy": 0,
    "pgettext": 1,
    "pgettext_lazy": 1,
    "npgettext": 1,
    "npgettext_lazy": 1,
}
PYTHON_SOURCES = (
    "config",
    "core",
    "meetings",
    "participants",
    "sessions",
    "agreements",
    "api",
    "portal",
    "secretariat",
    "demo",
)


def python_messages():
    """{(context, msgid): file} for every literal passed to a gettext function in the project's Python code."""
    messages = {}
    for folder in PYTHON_SOURCES:
        for path in sorted((Path(settings.BASE_DIR) / folder).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name not in GETTEXT_FUNCTIONS or len(node.args) <= GETTEXT_FUNCTIONS[name]:
                    continue
                literals = node.args[: GETTEXT_FUNCTIONS[name] + 1]
                if not all(isinstance(arg, ast.Constant) and isinstance(arg.value, str) for arg in literals):
                    continue
                context = literals[0].value if GETTEXT_FUNCTIONS[name] else ""
                messages.setdefault((context, literals[-1].value), str(path.relative_to(settings.BASE_DIR)))
    return messages


def test_python_code_holds_translatable_strings():
    messages = python_messages()

    assert ("", "The meeting cannot end before it starts.") in messages
    assert ("list separator", ", ") in messages


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_every_python_string_is_translated(language):
    translated = translated_messages(LOCALE / language / "LC_MESSAGES" / "django.po")

    missing = {
        msgid: path for (context, msgid), path in python_messages().items() if (context, msgid) not in translated
    }

    assert missing == {}
