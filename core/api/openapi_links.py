"""OpenAPI links between the API's operations, so that a client (or schemathesis's stateful
tests) can follow a record from the answer that named it: a record created (201) or changed
(200) to every operation on that record, and a list to the operations on its first record."""

import re

# A record's path: its collection, then one path parameter (`{id}` or `{slug}`), then perhaps
# an action (`approve/`).
RECORD_PATH = re.compile(r"^(?P<collection>.+/)\{(?P<key>\w+)\}/(?:[\w-]+/)?$")
METHODS = ("get", "put", "patch", "post", "delete")


def add_links(result, generator, request, public):
    """drf-spectacular postprocessing hook (`POSTPROCESSING_HOOKS`)."""
    paths = result.get("paths", {})
    # collection path -> (path parameter, [(operationId, method)] on its records)
    records: dict[str, tuple[str, list[str]]] = {}
    for path, item in paths.items():
        match = RECORD_PATH.match(path)
        if not match:
            continue
        key, targets = records.setdefault(match["collection"], (match["key"], []))
        targets.extend(item[method]["operationId"] for method in METHODS if method in item)
    for path, item in paths.items():
        match = RECORD_PATH.match(path)
        collection = match["collection"] if match else path
        if collection not in records:
            continue
        key, targets = records[collection]
        for method in METHODS:
            if method not in item:
                continue
            responses = item[method].get("responses", {})
            if match or method == "post":
                pointer = f"$response.body#/{key}"  # the record itself
                codes = ("200", "201")
            else:
                pointer = f"$response.body#/results/0/{key}"  # a list's first record
                codes = ("200",)
            for code in codes:
                if code in responses:
                    responses[code]["links"] = {
                        target: {"operationId": target, "parameters": {key: pointer}}
                        for target in targets
                    }
    return result
