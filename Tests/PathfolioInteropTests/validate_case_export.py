#!/usr/bin/env python3
"""Validate CASE 1.1 exports against the 1EdTech 1.1 JSON Schemas (draft 2019-09).

usage: validate_case_export.py [--schema-dir DIR] [--kind package|document|documents|item|association] [--formats] FILE...

Exit status 0 when every file is valid. `--formats` also asserts `format` (uuid, date-time, ...),
which the 2019-09 draft treats as annotations by default.
Requires `jsonschema` (pip install jsonschema).
"""
import argparse
import os
import json
import pathlib
import sys

import jsonschema

SCHEMAS = {
    "package": "case_v1p1_cfpackage-jsonschema1.json",
    "document": "case_v1p1_cfdocument-jsonschema1.json",
    "documents": "case_v1p1_cfdocumentset-jsonschema1.json",
    "item": "case_v1p1_cfitem-jsonschema1.json",
    "association": "case_v1p1_cfassociation-jsonschema1.json",
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--schema-dir", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../shared/standards/case/schema"))
    parser.add_argument("--kind", default="package", choices=sorted(SCHEMAS))
    parser.add_argument("--formats", action="store_true")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    schema = json.loads((pathlib.Path(args.schema_dir) / SCHEMAS[args.kind]).read_text())
    checker = jsonschema.Draft201909Validator.FORMAT_CHECKER if args.formats else None
    validator = jsonschema.Draft201909Validator(schema, format_checker=checker)
    failed = 0
    for name in args.files:
        document = json.loads(pathlib.Path(name).read_text())
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        if errors:
            failed += 1
            print(f"INVALID {name}: {len(errors)} error(s)")
            for error in errors[:20]:
                pointer = "/" + "/".join(str(p) for p in error.absolute_path)
                print(f"  {pointer}: {error.message[:300]}")
        else:
            print(f"valid   {name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
