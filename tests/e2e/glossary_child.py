"""A second Duet process for the data-safety tests: imports or adds terms on command.

``python glossary_child.py import DB CSV`` reads CSV, prints "started", then imports it in one
transaction, printing "row N" after every 500 rows written (so the test can kill it mid-write).
``python glossary_child.py add DB PREFIX N`` prints "ready", waits for a line on stdin, then adds N
terms one by one, each its own transaction, as the window does. Errors go to stderr, exit 1.
"""

from __future__ import annotations

import sys

from glossary.exchange import apply_import, read_csv
from glossary.model import Term
from glossary.store import open_store_safely


def main(argv: list[str]) -> int:
    command, db = argv[0], argv[1]
    store, notice = open_store_safely(db)
    if notice:
        print(notice, file=sys.stderr)
    with store:
        if command == "import":
            preview = read_csv(argv[2], store)
            insert, written = store._insert, [0]

            def counting_insert(*args, **kwargs):
                term = insert(*args, **kwargs)
                written[0] += 1
                if written[0] % 500 == 0:
                    print(f"row {written[0]}", flush=True)
                return term

            store._insert = counting_insert
            print("started", flush=True)
            report = apply_import(store, preview)
            print(f"done {report.added}", flush=True)
        elif command == "add":
            prefix, n = argv[2], int(argv[3])
            print("ready", flush=True)
            sys.stdin.readline()
            for k in range(n):
                store.add(Term(f"{prefix} term {k}", f"thuật ngữ {prefix} {k}"))
            print("done", flush=True)
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main(sys.argv[1:]))
    except Exception as exc:  # the test reads this; a traceback would hide the message
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
