"""Extraction commands: ``extract``, ``events`` and ``eval`` (``entities`` is in cli/entities.py)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import BadParameter, ProlifwatchError
from ..formats import DEFAULT_MAX_BYTES, ReadError
from ..terminal import labelled
from .app import app
from .options import DbOption, JsonOption, MaxBytesOption, NerScope, NerScopeOption, open_store
from .output import emit_json, err, out

NerOption = Annotated[
    bool,
    typer.Option("--ner/--no-ner", help="Run statistical NER (spaCy) where the cheap pass finds something of interest."),
]


def _extractor(ner: bool, *, restore_case: bool = True, ner_scope: NerScope = NerScope.worth):
    from ..extract import CHEAP, FULL, Extractor

    return Extractor(FULL if ner else CHEAP, config={"ner": {"restore_caps": restore_case}},
                     ner_scope=ner_scope.value)


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="Files, folders or - for stdin.")],
    as_json: JsonOption = False,
    ner: NerOption = True,
    ner_scope: NerScopeOption = NerScope.worth,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Find mentions (entities, items, resolutions ...) and events (transfers,
    diplomatic actions) in documents without storing them."""
    from ..pipeline import parse_paths
    from .render.extraction import print_extraction

    extractor = _extractor(ner, ner_scope=ner_scope)
    failed = 0
    for item in parse_paths(files, max_bytes=max_bytes):
        if isinstance(item, ReadError):
            failed += 1
            err.print(labelled("failed", str(item)))
            continue
        result = extractor(item)
        if as_json:
            emit_json(_with_mention_numbers(result.to_json(), item))
        else:
            print_extraction(out, item, result)
    if failed:
        raise typer.Exit(1)


def _with_mention_numbers(extraction: dict, doc) -> dict:
    """Each mention with its paragraph's number as printed beside the index, as events' evidence has it."""
    from ..citations import with_paragraph_number

    printed = {p.index: p.number for p in doc.paragraphs}
    extraction["mentions"] = [with_paragraph_number(m, printed.get(m["paragraph"])) for m in extraction["mentions"]]
    return extraction


@app.command()
def events(
    type: Annotated[Optional[str], typer.Option("--type", help="transfer or diplomatic_action.")] = None,
    supplier: Annotated[Optional[str], typer.Option(help="Supplier name or key, e.g. LIMMT.")] = None,
    recipient: Annotated[Optional[str], typer.Option(help="Recipient name or key, e.g. Iran.")] = None,
    actor: Annotated[Optional[str], typer.Option(help="Actor of a diplomatic action, e.g. China.")] = None,
    counterpart: Annotated[Optional[str], typer.Option(help="Counterpart of a diplomatic action.")] = None,
    item_code: Annotated[Optional[str], typer.Option(help="Control-list code, e.g. 3.B.3 or 'MTCR 2.A.1'.")] = None,
    status: Annotated[
        Optional[str], typer.Option(help="planned, impending, completed, interdicted, alleged or denied.")
    ] = None,
    since: Annotated[Optional[str], typer.Option(help="Event (or document) date on or after YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Event (or document) date on or before YYYY-MM-DD.")] = None,
    min_confidence: Annotated[
        Optional[float], typer.Option(min=0.0, max=1.0, help="Only events at least this confident (0..1; an "
                                      "event an analyst accepted counts as 1.0).")
    ] = None,
    sort: Annotated[str, typer.Option(help="confidence (most confident first) or date (newest document first).")
                    ] = "confidence",
    limit: Annotated[int, typer.Option(help="Number of events to show.")] = 50,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Transfers and diplomatic actions found in the stored documents, with their evidence and
    id (ev-…, what 'review' takes); events an analyst rejected are left out, corrected ones
    show the correction and the original.  Party options take a name, alias, entity id or
    country code (DPRK, KP and North Korea are one), resolved to entities, never substrings."""
    from ..query.extraction import EVENT_SORTS, find_events
    from .render.extraction import no_events_line, print_events, unresolved_party_lines

    if sort not in EVENT_SORTS:
        raise BadParameter("--sort", f"--sort {sort!r}: use one of {', '.join(EVENT_SORTS)}")
    with open_store(db) as store:
        answer = find_events(store, type=type, supplier=supplier, recipient=recipient, actor=actor,
                             counterpart=counterpart, item_code=item_code, status=status, since=since,
                             until=until, min_confidence=min_confidence, sort=sort, limit=limit)
    if answer.unresolved:  # a party name that is no entity: an answer of "nothing" would mislead
        first, *more = unresolved_party_lines(answer.unresolved)
        raise ProlifwatchError(first, hint="\n".join(more) or None)
    if as_json:
        for event in answer.events:
            emit_json(event)
    elif not answer.events:
        err.print(no_events_line(type, answer.parties), markup=False, highlight=False)
    else:
        print_events(out, answer.events)


@app.command("eval")
def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold annotation files (*.json).", exists=True)],
    documents: Annotated[
        Path, typer.Option(help="Folder holding the documents the gold files name.", exists=True)
    ] = Path("../shared/seeds"),
    ner: NerOption = True,
    ner_scope: NerScopeOption = NerScope.worth,
    upper: Annotated[
        bool, typer.Option("--upper", help="Score on ALL-CAPS copies of the documents (as pre-2005 cables are).")
    ] = False,
    restore_case: Annotated[
        bool, typer.Option("--restore-case/--no-restore-case", help="Re-case ALL-CAPS paragraphs before NER.")
    ] = True,
    as_json: JsonOption = False,
) -> None:
    """Precision, recall and F1 of mentions by type and of transfer arguments against gold annotations."""
    from ..extract.evaluate import GoldError, evaluate as run_evaluate, load_gold
    from .render.extraction import print_evaluation

    extractor = _extractor(ner, restore_case=restore_case, ner_scope=ner_scope)
    pairs = []
    try:
        for path in sorted(gold_dir.glob("*.json")):
            gold = load_gold(path)
            doc = _read_one(documents / gold["document"], upper=upper)
            if upper:
                gold["mentions"] = [{**m, "text": m["text"].upper()} for m in gold.get("mentions", [])]
            pairs.append((gold, doc, extractor(doc)))
        report = run_evaluate(pairs)
    except (GoldError, KeyError, OSError) as exc:
        raise BadParameter("GOLD_DIR", str(exc)) from exc
    if as_json:
        emit_json(report.to_json())
    else:
        print_evaluation(out, report)


def _read_one(path: Path, *, upper: bool = False):
    from ..formats import read_bytes
    from ..pipeline import parse_raw

    data = path.read_bytes()
    raws = [r for r in read_bytes(data, str(path)) if not isinstance(r, ReadError)]
    if not raws:
        raise OSError(f"{path}: no document could be read")
    doc = parse_raw(raws[0])
    if isinstance(doc, ReadError):
        raise OSError(str(doc))
    if upper:  # after parsing, so paragraphs and offsets stay those the gold was written on
        doc.text = doc.text.upper()
        for paragraph in doc.paragraphs:
            paragraph.text = paragraph.text.upper()
    return doc
