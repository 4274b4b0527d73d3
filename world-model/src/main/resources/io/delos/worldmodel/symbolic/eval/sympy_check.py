"""Symbolic equivalence up to constants, for the ScaleSR benchmark (SRBench's rule).

Reads JSON lines {"id", "names", "positive", "truth", "found"} on stdin and writes JSON lines
{"id", "verdict"} with verdict "equal", "differ", "timeout" or "error". Floats in the found
expression are first replaced by simple numbers (integers, fractions, multiples of pi) within a
relative tolerance of 1e-6; the pair is equal when truth - found or found / truth simplifies to a
constant.
"""
import json
import signal
import sys

import sympy as sp

TIMEOUT_SECONDS = 20


class Timeout(Exception):
    pass


def on_alarm(signum, frame):
    raise Timeout()


def constant(e):
    return e == 0 or (len(e.free_symbols) == 0 and e.is_finite is not False)


def verdict(item):
    syms = {}
    for n, pos in zip(item["names"], item["positive"]):
        syms[n] = sp.Symbol(n, positive=True) if pos else sp.Symbol(n, real=True)
    truth = sp.sympify(item["truth"], locals=syms)
    found = sp.sympify(item["found"], locals=syms)
    found = sp.nsimplify(found, [sp.pi], tolerance=1e-6, rational=False)
    if constant(sp.simplify(truth - found)):
        return "equal"
    ratio = sp.simplify(found / truth)
    if constant(ratio) and ratio != 0:
        return "equal"
    return "differ"


def main():
    signal.signal(signal.SIGALRM, on_alarm)
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        item = json.loads(line)
        signal.alarm(TIMEOUT_SECONDS)
        try:
            v = verdict(item)
        except Timeout:
            v = "timeout"
        except Exception:
            v = "error"
        finally:
            signal.alarm(0)
        print(json.dumps({"id": item["id"], "verdict": v}), flush=True)


if __name__ == "__main__":
    main()
