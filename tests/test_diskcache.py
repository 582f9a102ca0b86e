"""Compiled knowledge kept on disk: read back when its inputs are the same, rebuilt otherwise,
and never an error when the cache cannot be used."""

from __future__ import annotations

import os
import pickle

import pytest

from claimgraph.diskcache import compiled, compiled_path


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("CLAIMGRAPH_CACHE", str(folder))
    return folder


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "table.tsv"
    path.write_text("a\t1\nb\t2\n", encoding="utf-8")
    return path


class Builder:
    def __init__(self, source):
        self.source, self.calls = source, 0

    def __call__(self) -> dict[str, int]:
        self.calls += 1
        rows = (line.split("\t") for line in self.source.read_text(encoding="utf-8").splitlines())
        return {k: int(v) for k, v in rows}


def test_a_second_process_reads_what_the_first_built(cache, source):
    build = Builder(source)
    first = compiled("table", build, inputs=[source])
    second = compiled("table", build, inputs=[source])
    assert first == second == {"a": 1, "b": 2}
    assert build.calls == 1
    assert [p.name for p in (cache / "compiled").iterdir()] == [compiled_path("table", [source]).name]


def test_changed_inputs_or_salt_rebuild_and_drop_the_old_file(cache, source):
    build = Builder(source)
    compiled("table", build, inputs=[source])
    source.write_text("a\t1\nb\t3\n", encoding="utf-8")
    assert compiled("table", build, inputs=[source]) == {"a": 1, "b": 3}
    compiled("table", build, inputs=[source], salt="spacy 9")
    assert build.calls == 3
    assert len(list((cache / "compiled").iterdir())) == 1


def test_a_truncated_file_is_rebuilt(cache, source):
    build = Builder(source)
    compiled("table", build, inputs=[source])
    path = compiled_path("table", [source])
    path.write_bytes(pickle.dumps({"a": 1})[:5])
    assert compiled("table", build, inputs=[source]) == {"a": 1, "b": 2}
    assert build.calls == 2
    assert pickle.loads(path.read_bytes()) == {"a": 1, "b": 2}


def test_off_writes_nothing(tmp_path, monkeypatch, source):
    monkeypatch.setenv("CLAIMGRAPH_CACHE", "off")
    monkeypatch.chdir(tmp_path)
    build = Builder(source)
    compiled("table", build, inputs=[source])
    compiled("table", build, inputs=[source])
    assert build.calls == 2
    assert not (tmp_path / "off").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_cache_folder_is_no_error(cache, source):
    cache.mkdir()
    cache.chmod(0o500)
    try:
        build = Builder(source)
        assert compiled("table", build, inputs=[source]) == {"a": 1, "b": 2}
    finally:
        cache.chmod(0o700)


def test_a_cache_path_that_is_a_file_is_no_error(cache, source):
    cache.write_text("not a folder", encoding="utf-8")
    build = Builder(source)
    assert compiled("table", build, inputs=[source]) == {"a": 1, "b": 2}
    assert compiled("table", build, inputs=[source]) == {"a": 1, "b": 2}
    assert build.calls == 2


def test_the_actor_phrase_tables_read_back_equal_a_fresh_build(cache, nlp):
    from claimgraph.knowledge.actors import actor_knowledge
    from claimgraph.stages.actors.match import _Compiled

    kb = actor_knowledge()
    built = _Compiled(nlp.vocab, kb)  # builds and keeps
    assert list((cache / "compiled").glob("actor-phrases-*.pickle"))
    read = _Compiled(nlp.vocab, kb)  # reads
    assert read._trie == built._trie
    assert read.surfaces == built.surfaces
    assert read.roles == built.roles
    known = {id(s) for s in kb.surfaces}  # the knowledge's own surfaces, not copies
    assert all(id(s) in known for entries in read.surfaces.values() for _, s in entries)


def test_no_home_folder_is_no_error(monkeypatch, source):
    from pathlib import Path

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("CLAIMGRAPH_CACHE", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    build = Builder(source)
    assert compiled("table", build, inputs=[source]) == {"a": 1, "b": 2}
