#!/usr/bin/env python3
"""Writes the committed seed corpus of the merge and page_apply fuzz targets.

Valid push batches and pull pages (the wire format of crates/protocol/src/sync.rs, the columns of
crates/protocol/src/schema.rs), so libFuzzer starts from inputs that parse and reach the merge
engine and the laptop's page apply, instead of from bytes nearly always refused as bad JSON.
Run from anywhere: python3 fuzz/seeds/make.py
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def uid(n):
    return "00000000-0000-7000-8000-%012x" % n


DEVICE, AUTHOR = uid(0xD1), uid(0xA1)
COUNTY, TOWN, COMMUNITY, COMPOUND, BUILDING, UNIT = (uid(i) for i in range(1, 7))
HOUSEHOLD, VISIT, TASK, EVENT, LEDGER = uid(0x10), uid(0x20), uid(0x30), uid(0x40), uid(0x50)
MS = 1772000000000


def change(seq, table, row, fields, community=None, place=None, device=DEVICE, ms=None):
    return {
        "change_id": uid(0x1000 + seq + (0 if device == DEVICE else 0x100)),
        "device_id": device,
        "device_seq": seq,
        "hlc": {"ms": ms or MS + seq * 1000, "counter": seq % 3},
        "author": AUTHOR,
        "scope_community": community,
        "scope_grid": None,
        "scope_place": place,
        "table": table,
        "row_id": row,
        "fields": fields,
    }


def place(seq, row, kind, name, parent, community=None):
    return change(
        seq,
        "places",
        row,
        {"kind": kind, "name": name, "parent_id": parent},
        community=community,
        place=row,
    )


def tree():
    return [
        place(1, COUNTY, "county", "永泰县", None),
        place(2, TOWN, "town", "樟城镇", COUNTY),
        place(3, COMMUNITY, "community", "北门社区", TOWN, COMMUNITY),
        place(4, COMPOUND, "compound", "幸福小区", COMMUNITY, COMMUNITY),
        place(5, BUILDING, "building", "1栋", COMPOUND, COMMUNITY),
        place(6, UNIT, "unit", "2单元", BUILDING, COMMUNITY),
    ]


def field_work(start):
    s = start
    return [
        change(s, "households", HOUSEHOLD, {
            "community_id": COMMUNITY, "building_id": BUILDING, "unit_id": UNIT,
            "room": "101", "phone": "13800000000", "residence_status": "resident",
            "floating": 0, "tags": "[]", "notes": "独居老人", "moved_out": None, "deleted": 0,
        }, COMMUNITY, BUILDING),
        change(s + 1, "visits", VISIT, {
            "household_id": HOUSEHOLD, "community_id": COMMUNITY, "visitor_id": AUTHOR,
            "at": "2026-11-03 09:00", "kind": "routine", "outcome": "met",
            "findings": "身体良好", "member_updates": "[]", "needs_follow_up": 0,
            "corrects": None, "void": 0,
        }, COMMUNITY, BUILDING),
        change(s + 2, "tasks", TASK, {
            "community_id": COMMUNITY, "title": "101室漏水", "category": "household_matter",
            "subcategory": None, "description": "", "household_id": HOUSEHOLD,
            "place_id": None, "raised_by": AUTHOR, "visit_id": VISIT, "due_date": None,
            "raised_at": "2026-11-03 09:10",
        }, COMMUNITY, BUILDING),
        change(s + 3, "task_events", EVENT, {
            "task_id": TASK, "kind": "dispatched", "at": "2026-11-03 10:00", "by_id": AUTHOR,
            "assignee_id": None, "team": "党员先锋队", "due_date": "2026-11-10", "result": "",
            "photos": "[]", "rating": None, "comment": "",
        }, COMMUNITY, BUILDING),
    ]


FACTS = ["visits", "task_events"]


def pushes():
    first = tree() + field_work(7)
    edits = [
        change(11, "places", UNIT, {"name": "改2单元"}, COMMUNITY, UNIT),
        change(12, "households", HOUSEHOLD, {"room": "102", "floating": 1}, COMMUNITY, BUILDING),
        change(13, "places", UNIT, {"deleted": 1}, COMMUNITY, UNIT),
        # the same sequence again with another change: a seq_conflict
        change(13, "places", UNIT, {"name": "另一个"}, COMMUNITY, UNIT),
        # a value of the wrong type and a fact rewritten: refused
        change(14, "households", HOUSEHOLD, {"room": None}, COMMUNITY, BUILDING),
        change(15, "visits", VISIT, {"findings": "改写"}, COMMUNITY, BUILDING),
        # a place moved under a place nobody knows
        change(16, "places", COMPOUND, {"parent_id": uid(0xBAD)}, COMMUNITY, COMPOUND),
    ]
    return {
        "01_tree_and_field_work": {"changes": first, "fact_tables": FACTS},
        "02_edits_and_refusals": {"changes": first + edits, "fact_tables": FACTS},
        "03_facts_only": {
            "changes": [
                change(1, "test_ledger", LEDGER, {"account": "张三", "delta": -3}, COMMUNITY),
            ],
            "fact_tables": ["test_ledger"],
        },
    }


def pages():
    pulled = [
        {"server_seq": i + 1, "needs_review": i == 8, "read_only": i < 2, "change": c}
        for i, c in enumerate(tree() + field_work(7))
    ]
    server_time = {"ms": MS + 60000, "counter": 0}
    odd = [
        # a table this laptop does not know, and a value it cannot store: kept aside
        {"server_seq": 20, "change": change(20, "no_such_table", uid(0x60), {"x": 1})},
        {"server_seq": 21, "change": change(21, "households", HOUSEHOLD, {"floating": "很多"},
                                            COMMUNITY, BUILDING)},
        # its own device's change, and one already below the cursor
        {"server_seq": 22, "change": change(22, "places", UNIT, {"name": "三单元"}, COMMUNITY,
                                            UNIT, device=uid(0xD2))},
        {"server_seq": 3, "change": change(23, "places", UNIT, {"deleted": 1}, COMMUNITY, UNIT)},
    ]
    return {
        "01_tree_and_field_work": {"changes": pulled, "next": 11, "more": True,
                                   "server_time": server_time},
        "02_kept_aside": {"changes": pulled + odd, "next": 22, "more": False,
                          "server_time": server_time},
        "03_empty": {"changes": [], "next": 0, "more": False, "server_time": server_time},
    }


def write(target, items):
    d = os.path.join(HERE, target)
    os.makedirs(d, exist_ok=True)
    for name, body in items.items():
        with open(os.path.join(d, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(body, f, ensure_ascii=False, separators=(",", ":"))


write("merge", pushes())
write("page_apply", pages())
