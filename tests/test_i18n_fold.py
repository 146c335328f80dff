"""``scripts/i18n.py --fold``: pending translations into the ja catalog."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from babel.messages.catalog import Catalog

ROOT = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fold_moves_known_ids_into_the_catalog_and_keeps_unknown_ones(tmp_path):
    script = _script()
    template = Catalog(project="drill")
    template.add("drill: wrote {path}", None, [("drill/cli/__init__.py", 1)])
    template.add(("{count} problem found", "{count} problems found"), None, [("drill/x.py", 2)])
    (tmp_path / "room.json").write_text(json.dumps({
        "drill: wrote {path}": "drill: {path} に書き出しました",
        "{count} problem found\u0004{count} problems found": "{count}件の問題",
    }), encoding="utf-8")
    (tmp_path / "late.json").write_text(json.dumps({"not in the code yet": "まだ"}),
                                        encoding="utf-8")
    catalog = Catalog(locale="ja", project="drill")
    catalog.add("drill: wrote {path}", None)  # already there, untranslated
    left = script.fold(catalog, template, tmp_path)
    assert catalog.get("drill: wrote {path}").string == "drill: {path} に書き出しました"
    assert catalog.get("{count} problem found").string == ("{count}件の問題",)
    assert not (tmp_path / "room.json").exists()
    assert json.loads((tmp_path / "late.json").read_text(encoding="utf-8")) == {
        "not in the code yet": "まだ"}
    assert left == ["late.json: not in the code yet"]
