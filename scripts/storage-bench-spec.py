#!/usr/bin/env python3
"""Writes a raw chain spec for `benchmark storage`: the dev genesis plus ACCOUNTS random
`System.Account` entries, so that the database's reads and writes are timed on a trie of a
realistic size rather than on the 91 keys of the dev genesis (which would fit in any cache).

    scripts/storage-bench-spec.py <dev-raw.json> <out.json> [ACCOUNTS]
"""
import hashlib
import json
import random
import sys

# twox128("System") ++ twox128("Account").
PREFIX = "0x26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9"

src, out = sys.argv[1], sys.argv[2]
accounts = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
spec = json.load(open(src))
top = spec["genesis"]["raw"]["top"]
# Every new account gets the encoding of an existing one (same size as a real account).
value = next(v for k, v in top.items() if k.startswith(PREFIX))
rng = random.Random(17)
for _ in range(accounts):
    who = rng.randbytes(32)
    top[PREFIX + hashlib.blake2b(who, digest_size=16).hexdigest() + who.hex()] = value
spec["id"] = "usdai_storage_bench"
json.dump(spec, open(out, "w"))
