"""The collector while forms are checked: off for the run, with a full collection now and then so
the few reference cycles a check makes never add up, and back as it was afterwards."""

from __future__ import annotations

import gc
import weakref

from auditrules import Engine
from auditrules._gc import COMMAND_LINE_THRESHOLD, Sparing, for_the_command_line


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def test_sparing_collects_every_so_many_forms_and_restores_the_collector():
    assert gc.isenabled()
    with Sparing(every=3) as collector:
        assert not gc.isenabled()
        cycle = Node()
        gone = weakref.ref(cycle)
        del cycle
        collector.tick()
        collector.tick()
        assert gone() is not None  # no collection yet: the cycle is still there
        collector.tick()
        assert gone() is None  # the third form's tick collected it
    assert gc.isenabled()
    gc.disable()
    try:
        with Sparing():
            pass
        assert not gc.isenabled()  # left off when it was off
    finally:
        gc.enable()


def test_sparing_lets_go_of_kept_things_just_before_each_collection_and_at_the_end():
    alive_when_told: list[bool] = []
    with Sparing(every=2, forget=lambda: alive_when_told.append(gone() is not None)) as collector:
        cycle = Node()
        gone = weakref.ref(cycle)
        del cycle
        collector.tick()
        assert alive_when_told == []
        collector.tick()  # told first, then the collection frees the cycle
        assert alive_when_told == [True]
        assert gone() is None
    assert alive_when_told == [True, False]  # and once more as the run ends


def test_a_check_lets_go_of_the_texts_it_read_when_it_ends():
    from auditrules.functions import judgements, text

    engine = Engine.load()
    forms = [{"audit": {"id": f"A-{n}"}, "overall_judgement": f"Visits were regular ({n}) and she is safer."}
             for n in range(3)]
    held = [text.read.cache_info().currsize for _item in engine.iter_check(forms)]
    assert max(held) > 0  # kept while the forms were checked
    assert text.read.cache_info().currsize == 0
    assert judgements.signals.cache_info().currsize == 0
    assert text.read("Visits were regular.").tokens == ("Visits", "were", "regular")  # read again as asked


def test_a_check_runs_with_the_collector_off_and_switches_it_back_on():
    engine = Engine.load()
    seen = []
    forms = [{"audit": {"id": f"A-{n}"}, "overall_judgement": "Good."} for n in range(3)]
    for _item in engine.iter_check(forms):
        seen.append(gc.isenabled())
    assert seen and not any(seen)
    assert gc.isenabled()


def test_the_command_line_looks_at_new_objects_less_often_and_still_frees_cycles():
    before = gc.get_threshold()
    try:
        for_the_command_line()
        assert gc.get_threshold() == (COMMAND_LINE_THRESHOLD, *before[1:])
        gc.collect()
        cycle = Node()
        gone = weakref.ref(cycle)
        del cycle
        kept = [[] for _ in range(COMMAND_LINE_THRESHOLD // 2)]
        assert gone() is not None  # fewer new objects than the threshold: not looked at yet
        kept += [[] for _ in range(COMMAND_LINE_THRESHOLD)]
        assert gone() is None  # past it: the collector ran by itself and freed the cycle
        del kept
    finally:
        gc.set_threshold(*before)
