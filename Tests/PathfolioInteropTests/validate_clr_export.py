#!/usr/bin/env python3
"""Validate CLR 2.0 credentials against the official JSON Schemas (draft 2019-09): each file
against the ClrCredential schema, and each nested AchievementCredential against both the CLR 2.0
and the Open Badges 3.0 AchievementCredential schemas, with `format` asserted.

usage: validate_clr_export.py [--standards-dir DIR] FILE...
Requires `jsonschema`.
"""
import argparse
import json
import os
import sys

import jsonschema


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--standards-dir", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../shared/standards"))
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()

    def load(path):
        with open(os.path.join(args.standards_dir, path)) as f:
            return json.load(f)

    checker = jsonschema.Draft201909Validator.FORMAT_CHECKER
    clr = jsonschema.Draft201909Validator(load("clr/schema/clr_v2p0_clrcredential_schema.json"), format_checker=checker)
    nested = [
        jsonschema.Draft201909Validator(load("clr/schema/clr_v2p0_achievementcredential_schema.json"), format_checker=checker),
        jsonschema.Draft201909Validator(load("ob3/schema/ob_v3p0_achievementcredential_schema.json"), format_checker=checker),
    ]
    failures = 0
    checked = 0
    for path in args.files:
        with open(path) as f:
            credential = json.load(f)
        for error in clr.iter_errors(credential):
            failures += 1
            print(f"{path}: ClrCredential {list(error.absolute_path)}: {error.message}")
        for index, inner in enumerate(credential.get("credentialSubject", {}).get("verifiableCredential", [])):
            if "AchievementCredential" not in inner.get("type", []):
                continue
            for validator in nested:
                checked += 1
                for error in validator.iter_errors(inner):
                    failures += 1
                    print(f"{path}: verifiableCredential[{index}] {list(error.absolute_path)}: {error.message}")
    print(f"{len(args.files)} CLR credential(s), {checked} nested validation(s): {'OK' if failures == 0 else str(failures) + ' error(s)'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
