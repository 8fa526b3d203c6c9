"""A small shape check of schema.org JSON-LD: for each `@type` we publish, the properties it
must have, and for each property we use, what its value must be. Stricter than "it parses":
an unknown type or property, a relative URL, a malformed date or a misplaced node type fails.

Written from schema.org's definitions and Google's structured-data requirements for the types
the site uses (NewsArticle, Quotation, BreadcrumbList, Organization and its logo, ...).
"""

import re
from datetime import date, datetime

ABSOLUTE_URL = re.compile(r"^https?://[^\s/]+(/\S*)?$")

CREATIVE_WORKS = {"CreativeWork", "NewsArticle", "Quotation"}
AGENTS = {"Person", "Organization"}

# @type -> properties it must have.
REQUIRED = {
    "WebSite": {"name", "url"},
    "NewsArticle": {"headline", "url", "datePublished", "author", "publisher", "mainEntityOfPage"},
    "Quotation": {"text", "url"},
    "CreativeWork": {"name", "url"},
    "Person": {"name", "url"},
    "Organization": {"name"},
    "Movie": {"name", "url"},
    "ImageObject": {"url"},
    "CorrectionComment": {"text", "datePublished"},
    "BreadcrumbList": {"itemListElement"},
    "ListItem": {"position", "name", "item"},
    "SearchAction": {"target", "query-input"},
}

# property -> what its value must be: "text", "url", "date", "datetime", "int", a set of node
# types (a node, or a list of nodes, of one of them), or ("urls",) for a URL or a list of URLs.
PROPERTIES = {
    "name": "text",
    "headline": "text",
    "description": "text",
    "text": "text",
    "articleSection": "text",
    "jobTitle": "text",
    "query-input": "text",
    "target": "text",
    "keywords": "texts",
    "alternateName": "texts",
    "url": "url",
    "item": "url",
    "@id": "url",
    "mainEntityOfPage": "url",
    "sameAs": "urls",
    "image": "urls",  # the URLs of its renditions (images.presentation.image_ld)
    "datePublished": "date",
    "dateModified": "datetime",
    "dateCreated": "date",
    "position": "int",
    "width": "int",
    "height": "int",
    "author": AGENTS,
    "creator": AGENTS,
    "publisher": {"Organization"},
    "productionCompany": {"Organization"},
    "director": {"Person"},
    "actor": {"Person"},
    "mentions": {"Person"},
    "spokenByCharacter": {"Person"},
    "logo": {"ImageObject"},
    "about": {"Movie"},
    "isBasedOn": CREATIVE_WORKS,
    "isPartOf": {"Quotation"},
    "correction": {"CorrectionComment"},
    "itemListElement": {"ListItem"},
    "potentialAction": {"SearchAction"},
}


def check_document(data: dict) -> list[str]:
    """Problems with one JSON-LD document (a script block's JSON): empty when well shaped."""
    if data.get("@context") != "https://schema.org":
        return ["@context is not https://schema.org"]
    problems = check_node(data, "$")
    if data["@type"] == "BreadcrumbList":
        positions = [item.get("position") for item in data.get("itemListElement", [])]
        if positions != list(range(1, len(positions) + 1)):
            problems.append(f"$: breadcrumb positions {positions} do not run 1, 2, 3, …")
    return problems


def check_node(node, path: str) -> list[str]:
    if not isinstance(node, dict):
        return [f"{path}: a node must be an object"]
    kind = node.get("@type")
    if kind not in REQUIRED:
        return [f"{path}: unknown @type {kind!r}"]
    problems = [f"{path} ({kind}): missing {name}" for name in sorted(REQUIRED[kind] - set(node))]
    if kind == "Quotation" and path == "$":
        # A page's quote (not a parent it points to) says who said it and where.
        if not ({"creator", "spokenByCharacter"} & set(node)):
            problems.append(f"{path} (Quotation): names no speaker")
        if "isBasedOn" not in node:
            problems.append(f"{path} (Quotation): missing isBasedOn")
    for name, value in node.items():
        if name in ("@context", "@type"):
            continue
        rule = PROPERTIES.get(name)
        where = f"{path}.{name}"
        if rule is None:
            problems.append(f"{where}: property not expected on {kind}")
        elif isinstance(rule, set):
            for index, child in enumerate(value if isinstance(value, list) else [value]):
                problems.extend(check_child(child, rule, f"{where}[{index}]"))
        else:
            problems.extend(check_value(value, rule, where))
    return problems


def check_child(child, types: set[str], path: str) -> list[str]:
    if not isinstance(child, dict) or child.get("@type") not in types:
        kind = child.get("@type") if isinstance(child, dict) else type(child).__name__
        return [f"{path}: expected one of {sorted(types)}, got {kind!r}"]
    return check_node(child, path)


def check_value(value, rule: str, path: str) -> list[str]:
    if rule in ("texts", "urls"):
        values = value if isinstance(value, list) else [value]
        return [p for v in values for p in check_value(v, rule[:-1], path)]
    ok = {
        "text": lambda v: isinstance(v, str) and v.strip() != "",
        "url": lambda v: isinstance(v, str) and ABSOLUTE_URL.match(v) is not None,
        "int": lambda v: isinstance(v, int) and not isinstance(v, bool) and v > 0,
        "date": lambda v: isinstance(v, str) and parses(v, date.fromisoformat),
        "datetime": lambda v: isinstance(v, str) and parses(v, datetime.fromisoformat),
    }[rule](value)
    return [] if ok else [f"{path}: {value!r} is not a valid {rule}"]


def parses(value: str, parse) -> bool:
    try:
        parse(value)
    except ValueError:
        return datetime_or_date(value)
    return True


def datetime_or_date(value: str) -> bool:
    """A schema.org Date may be a date-time too (an article's datePublished is one)."""
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True
