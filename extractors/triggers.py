"""Deal triggers and cues, read from `data/deal_triggers.jsonl` and `data/deal_cues.json`.

A trigger row names a lemma and part of speech (`acquire` VERB, `stake` NOUN), the kind of
object it must have to apply (`company`, a class of `object_classes` such as `chips`, or
`any`), the deal type it states and which syntactic slot holds which role. Rows of one lemma
are tried in file order, so `buy` a company is an acquisition and `buy` chips a supply. A
`joint` row (`announce`, `build`) states a deal only among two or more companies acting as one
subject (`Deutsche Telekom and Nvidia have announced a data centre`); a `status` gives the status
where no cue says one (`shareholder`: completed).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.lookups import Lookups

from extractors.models import ROLES, STATUSES

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str  # VERB or NOUN
    object: str  # "any", "company", "modifier" (`BlackRock-owned X`) or a key of cues()["object_classes"]
    type: str
    slots: tuple[tuple[str, str], ...]  # (slot, role), in the file's order
    joint: bool = False  # a deal only where two or more companies act together (`A and B announced …`)
    status: str = "agreed"  # where no cue says otherwise (`X is Y's shareholder`: completed)


@cache
def cues() -> dict:
    """deal_cues.json with every list made a frozenset."""
    raw = json.loads((DATA / "deal_cues.json").read_text(encoding="utf-8"))

    def freeze(value):
        if isinstance(value, list):
            return frozenset(value)
        if isinstance(value, dict):
            return {k: freeze(v) for k, v in value.items() if k != "_doc"}
        return value
    out = freeze(raw)
    out["default_roles"] = {k: tuple(v) for k, v in raw["default_roles"].items() if k != "_doc"}
    out["status_order"] = [k for k in raw["status"] if k != "_doc"]
    return out


@cache
def triggers() -> dict[tuple[str, str], list[Trigger]]:
    """Trigger rows by (lemma, pos)."""
    table: dict[tuple[str, str], list[Trigger]] = {}
    with open(DATA / "deal_triggers.jsonl", encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            trigger = Trigger(row["lemma"], row["pos"], row["object"], row["type"], tuple(row["slots"].items()),
                              row.get("joint", False), row.get("status", "agreed"))
            if trigger.status not in STATUSES:
                raise ValueError(f"deal_triggers.jsonl:{n}: unknown status {trigger.status!r}")
            if trigger.type not in ROLES:
                raise ValueError(f"deal_triggers.jsonl:{n}: unknown deal type {trigger.type!r}")
            if trigger.object not in ("any", "company", "modifier") and trigger.object not in cues()["object_classes"]:
                raise ValueError(f"deal_triggers.jsonl:{n}: unknown object class {trigger.object!r}")
            allowed = ROLES[trigger.type] | {"adviser", "first", "second"}
            if bad := [role for _, role in trigger.slots if role not in allowed]:
                raise ValueError(f"deal_triggers.jsonl:{n}: a {trigger.type} has no role {bad[0]!r}")
            table.setdefault((trigger.lemma, trigger.pos), []).append(trigger)
    return table


def trigger_words(lookups: Lookups) -> frozenset[str]:
    """Every lower-case word the lemmatizer may turn into a trigger lemma: the lemma itself, the
    forms its suffix rules lead back to it from (`acquires`, `acquired`, `acquiring`), and the
    irregular forms of its exception table (`bought`, `sold`). A sentence with none of them
    needs no parse."""
    lemmas = {lemma for lemma, _ in triggers()}
    words = set(lemmas)
    for rules in lookups.get_table("lemma_rules").values():
        words |= {lemma[:len(lemma) - len(new)] + old for old, new in rules for lemma in lemmas if lemma.endswith(new)}
    for table in lookups.get_table("lemma_exc").values():
        words |= {form for form, bases in table.items() if lemmas.intersection(bases)}
    return frozenset(words)
