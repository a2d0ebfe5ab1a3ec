"""The `.pyi` stubs match the package: every public function and class is stubbed with the same
parameters (names, kinds and defaults), and the extension module's too."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import deterrence_lab as dl
from deterrence_lab import _native, ema

PKG = Path(dl.__file__).parent


def _stub_functions(stub: Path):
    tree = ast.parse(stub.read_text(encoding="utf-8"))
    out = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            out[node.name] = node
        elif isinstance(node, ast.ClassDef):
            out[node.name] = node
    return out


def _params(node: ast.FunctionDef):
    a = node.args
    positional = [p.arg for p in a.posonlyargs + a.args]
    defaults = [None] * (len(positional) - len(a.defaults)) + [ast.unparse(d) for d in a.defaults]
    kwonly = [p.arg for p in a.kwonlyargs]
    kwdefaults = [None if d is None else ast.unparse(d) for d in a.kw_defaults]
    return list(zip(positional, defaults)), list(zip(kwonly, kwdefaults))


def _runtime(f):
    positional, kwonly = [], []
    for p in inspect.signature(f).parameters.values():
        default = None if p.default is inspect.Parameter.empty else repr(p.default)
        if p.kind is inspect.Parameter.KEYWORD_ONLY:
            kwonly.append((p.name, default))
        else:
            positional.append((p.name, default))
    return positional, kwonly


def _same_defaults(stub, runtime):
    # A stub default of `...` stands for a default the stub does not spell out.
    assert [n for n, _ in stub] == [n for n, _ in runtime]
    for (n, s), (_, r) in zip(stub, runtime):
        assert (s is None) == (r is None), n
        if s not in (None, "...") and not (s.startswith("'") or s.startswith('"')):
            assert s == r, n
        elif s not in (None, "..."):
            assert ast.literal_eval(s) == ast.literal_eval(r), n


@pytest.mark.parametrize("module,stub", [(dl, "__init__.pyi"), (ema, "ema.pyi")])
def test_python_functions_match_their_stubs(module, stub):
    stubs = _stub_functions(PKG / stub)
    for name in module.__all__:
        obj = getattr(module, name)
        if module is dl and name in ("InputError", "Scenario"):
            continue
        assert name in stubs, f"{name} has no stub in {stub}"
        if inspect.isfunction(obj):
            sp, sk = _params(stubs[name])
            rp, rk = _runtime(obj)
            _same_defaults(sp, rp)
            _same_defaults(sk, rk)
        assert obj.__doc__, f"{name} has no docstring"


def test_native_functions_match_their_stub():
    stubs = _stub_functions(PKG / "_native.pyi")
    public = [n for n in dir(_native) if not n.startswith("_")]
    for name in public:
        assert name in stubs, f"_native.{name} has no stub"
        obj = getattr(_native, name)
        assert obj.__doc__, f"_native.{name} has no docstring"
        if callable(obj) and not isinstance(obj, type):
            sp, _ = _params(stubs[name])
            rp, _ = _runtime(obj)
            _same_defaults(sp, rp)
    scenario_stub = {n.name for n in stubs["Scenario"].body if isinstance(n, ast.FunctionDef)}
    runtime = {n for n in dir(_native.Scenario) if not n.startswith("_")}
    assert scenario_stub == runtime
