import pytest

from dateline.pipeline import REGISTRY, Pipeline, PipelineError, chunk_text, parse, stage
from dateline.record import Article, Record, Timex


@pytest.fixture
def toy_stages():
    @stage("toy_words", requires=("doc",), provides=("timexes",))
    def words(config):
        def run(analysis):
            for tok in analysis.doc:
                if tok.like_num:
                    analysis.record.timexes.append(Timex(tok.idx, tok.idx + len(tok), tok.text, "DATE", tok.text))
        return run

    @stage("toy_needs", requires=("nothing_provides_this",))
    def needs(config):
        return lambda analysis: None

    @stage("toy_broken", requires=("doc",))
    def broken(config):
        def run(analysis):
            if "boom" in analysis.text:
                raise RuntimeError("exploded")
        return run

    yield
    for name in ("toy_words", "toy_needs", "toy_broken"):
        REGISTRY.pop(name)


def test_requirements_are_checked_when_the_pipeline_is_built(toy_stages):
    with pytest.raises(PipelineError, match="names .nothing_provides_this., which no stage provides"):
        Pipeline(["toy_needs"])
    with pytest.raises(PipelineError, match="unknown stage"):
        Pipeline(["no_such_stage"])


def test_a_failing_stage_loses_its_own_output_only(toy_stages, nlp):
    p = Pipeline(["toy_words", "toy_broken"])
    p._nlp = nlp
    out = list(p.run([Article.make("In 1999 it was fine.", "2026-01-01"),
                      Article.make("In 2001 this goes boom.", "2026-01-01"),
                      Article.make("So was 2004.", "2026-01-01")]))
    assert all(isinstance(o, Record) for o in out)
    assert [(e.stage, e.message) for e in out[1].errors] == [("toy_broken", "RuntimeError: exploded")]
    assert [t.text for t in out[1].timexes] == ["2001"]  # the stage before it keeps its output
    assert out[0].errors == [] and [t.text for t in out[2].timexes] == ["2004"]
    assert p.timings["toy_words"] > 0


def test_a_failing_stage_leaves_no_half_written_output(nlp):
    @stage("_half", requires=("doc",), provides=("timexes",))
    def half(config):
        def run(analysis):
            analysis.record.timexes.append(Timex(0, 2, analysis.text[:2], "DATE", "2001"))
            raise ValueError("half way")
        return run

    p = Pipeline(["_half"])
    p._nlp = nlp
    rec = p.extract("In 2001 it rained.", "2026-01-01")
    REGISTRY.pop("_half")
    assert rec.timexes == [] and rec.errors[0].stage == "_half" and "half way" in rec.errors[0].message


def test_chunks_cover_the_text_exactly():
    text = ("Para one is here. " * 30 + "\n\n") * 20
    pieces = chunk_text(text, 500)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:], strict=False))
    assert all(e - s <= 500 for s, e in pieces)
    assert chunk_text("x" * 1200, 500) == [(0, 500), (500, 1000), (1000, 1200)]


def test_long_articles_are_parsed_in_pieces_with_exact_offsets(nlp):
    para = "The minister of Peru met officials in Lima on 3 March. They discussed water.\n\n"
    article = Article.make(para * 40, "2026-01-01")
    (_, whole), = parse(nlp, [article])
    (_, pieces), = parse(nlp, [article], max_chars=700)
    assert pieces.text == article.text
    assert [t.idx for t in pieces] == [t.idx for t in whole]
    assert len(list(pieces.sents)) >= 80
    for ent in pieces.ents:
        assert article.text[ent.start_char:ent.end_char] == ent.text


def test_python_api_returns_the_typed_record():
    import dateline

    rec = dateline.extract("Kenya and Uganda signed a trade deal in Nairobi on Friday.", date="2026-04-03")
    d = rec.to_dict()
    assert d["schema"] == "dateline.article/3" and d["article"]["date"] == "2026-04-03"
    assert rec.article.text == "Kenya and Uganda signed a trade deal in Nairobi on Friday."


def test_worker_processes_run_the_stages_and_give_the_same_records(nlp):
    from conftest import EXAMPLES

    from dateline.pipeline import available_stages
    from dateline.readers import Input, read_paths

    arts = [x.article for x in read_paths([str(EXAMPLES)]) if isinstance(x, Input)]
    one = Pipeline(available_stages())
    one._nlp = nlp
    two = Pipeline(available_stages(), n_process=2, batch_size=2)
    two._nlp = nlp
    assert [r.to_dict() for r in two.run(arts)] == [r.to_dict() for r in one.run(arts)]
    assert all(two.timings[s] > 0 for s in ("time", "actors"))  # the workers' stage time comes back


def test_a_stage_that_hangs_fails_its_article_and_the_run_goes_on():
    import threading
    import time as _time

    calls = []

    @stage("_spin_test", requires=("doc",), provides=("_spin",))
    def _spin(config):
        def run(analysis):
            calls.append(analysis.record.article.id)
            if "forever" in analysis.text:
                while True:  # a stage caught in a loop; its own except clause must not swallow the limit
                    try:
                        _time.sleep(0.01)
                    except Exception:  # noqa: BLE001
                        pass
        return run

    assert threading.current_thread() is threading.main_thread()
    pipe = Pipeline(["_spin_test"], timeout=0.3)
    arts = [Article.make("This one loops forever.", "2026-01-01"), Article.make("This one is fine.", "2026-01-01")]
    t0 = _time.perf_counter()
    out = list(pipe.run(arts))
    assert _time.perf_counter() - t0 < 5
    assert out[0].errors[0].stage == "_spin_test" and "0.3 s" in out[0].errors[0].message
    assert out[1].errors == [] and len(calls) == 2
    # the same in worker processes, where the limit is set from the parent's pipeline
    workers = Pipeline(["_spin_test"], timeout=0.3, n_process=2, batch_size=1)
    out = list(workers.run(arts))
    assert "0.3 s" in out[0].errors[0].message and out[1].errors == []
    REGISTRY.pop("_spin_test")


def test_stages_share_one_token_list_per_doc_and_it_is_dropped_after_the_article(nlp):
    from dateline.syntax import doc_text, entities, span_tokens, tokens

    seen = []

    @stage("_shared", requires=("doc",))
    def shared(config):
        def run(analysis):
            doc = analysis.doc
            toks = tokens(doc)
            assert [t.i for t in toks] == list(range(len(doc))) and [t.text for t in toks] == [t.text for t in doc]
            assert tokens(doc) is toks  # made once, read by every later stage
            sent = next(iter(doc.sents))
            assert [t.i for t in span_tokens(sent)] == [t.i for t in sent]
            assert doc_text(doc) == doc.text == analysis.text
            assert [(e.start, e.end, e.label_) for e in entities(doc)] == [(e.start, e.end, e.label_) for e in doc.ents]
            seen.append(doc)
        return run

    try:
        p = Pipeline(["_shared"])
        p._nlp = nlp
        rec = p.extract("Talks resumed in Geneva on Monday. Both sides said little.", "2026-01-01")
    finally:
        REGISTRY.pop("_shared")
    assert rec.errors == [] and len(seen) == 1
    assert not [k for k in seen[0].user_data if str(k).startswith("dateline.") and k != "dateline.segments"]
