"""Imports point one way, from the ground up (README, Layout):

    cms  <-  members  <-  home, learning, blog, comments, safety, meetings  <-  translation_workflow  <-  demo

An app may import its own modules and those of the layers below it, never above; apps of the
content layer do not import each other, except for the edges in ALLOWED, each with its reason.
Where an app must take part in another's work it registers from its own `AppConfig.ready()`.

Every module of every app is parsed with `ast` (imports inside functions count too: a lazy import
is still a dependency). Migrations are history and left out. The demo content is the `demo` app,
which sits above all of them: it may import anything, and no app imports it.

The checker is tested on made-up modules below (a back-arrow from cms to members, a lazy one inside
a function, one between content apps), so a back-arrow added to the real code fails this file too.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

LAYERS = {
    "cms": 0,
    "members": 1,
    "home": 2,
    "learning": 2,
    "blog": 2,
    "comments": 2,
    "safety": 2,
    "meetings": 2,
    "translation_workflow": 3,
    "demo": 4,
}

ALLOWED = {
    ("blog", "comments"): "Q&A posts and podcast episodes are commentable: their pages mix in comments' "
    "CommentablePageMixin, and comments knows no content app.",
    ("learning", "comments"): "segments let editors switch comments on: they mix in comments' "
    "OptInCommentablePageMixin.",
    ("meetings", "home"): "the meetings index adds itself to HomePage.subpage_types from MeetingsConfig.ready(), "
    "so home never names meetings.",
}


def imported_apps(source):
    """(line, top-level package) of every absolute import in `source`, at any depth."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.split(".")[0]


def wrong_way(app, source):
    """The imports in a module of `app` that point up, or across the content layer without a reason."""
    found = []
    for line, target in imported_apps(source):
        if target == app or target not in LAYERS or (app, target) in ALLOWED:
            continue
        if LAYERS[target] >= LAYERS[app]:
            found.append((line, target))
    return found


def app_modules():
    for app in LAYERS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            yield app, path


def test_no_import_points_the_wrong_way():
    problems = [
        f"{path.relative_to(ROOT)}:{line} imports {target}"
        for app, path in app_modules()
        for line, target in wrong_way(app, path.read_text())
    ]
    assert problems == []


def test_every_allowed_edge_is_still_used():
    used = {(app, target) for app, path in app_modules() for _line, target in imported_apps(path.read_text())}
    assert set(ALLOWED) <= used, "remove the edges nobody uses any more"


@pytest.mark.parametrize(
    ("app", "source", "expected"),
    [
        ("cms", "from members.services import is_member\n", [(1, "members")]),
        ("cms", "def f():\n    import learning.references\n", [(2, "learning")]),
        ("members", "from comments.services import remove\n", [(1, "comments")]),
        ("home", "from learning.blocks import X\n", [(1, "learning")]),
        ("blog", "from translation_workflow import views\n", [(1, "translation_workflow")]),
        ("blog", "from comments.models import CommentablePageMixin\n", []),
        ("translation_workflow", "from blog.models import QAPostPage\nfrom cms import mail\n", []),
        ("learning", "from .models import SegmentPage\nimport django\n", []),
    ],
)
def test_the_checker_catches_a_back_arrow_in_a_made_up_module(app, source, expected):
    assert wrong_way(app, source) == expected
