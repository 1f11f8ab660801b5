"""copier.yml: derived defaults, conditional questions, and bad answers refused with a reason."""

import importlib.util
import os
import re
import sys
import tomllib
import unicodedata
from pathlib import Path

import pexpect
import pytest
import yaml
from conftest import TEMPLATE, render
from markdown_it import MarkdownIt

BAD_ANSWERS = [
    ({"project_slug": "My App!"}, "is not a valid slug"),
    ({"project_slug": "-x"}, "is not a valid slug"),
    ({"project_slug": "a"}, "is not a valid slug"),
    ({"project_slug": "ends-with-"}, "is not a valid slug"),
    ({"project_slug": "double--dash"}, "dashes must not repeat"),
    ({"project_name": "   "}, "must not be empty"),
    ({"project_name": "Two\nLines"}, "must be one line"),
    ({"aws_region": "mars-north-1"}, "Invalid choice for 'aws_region'"),
    ({"login_id": "fax"}, "Invalid choice for 'login_id'"),
    ({"social_providers": ["facebook"]}, "Invalid choice for 'social_providers'"),
    ({"social_providers": ["google"], "auth_domain_prefix": "myaws"}, 'must not contain "aws"'),
    ({"social_providers": ["apple"], "auth_domain_prefix": "MyApp"}, "not a valid Cognito domain"),
    ({"social_providers": ["apple"], "auth_domain_prefix": "-app"}, "not a valid Cognito domain"),
    ({"warmer_minutes": -1}, "from 0 (no warm-up) to 1440"),
    ({"warmer_minutes": 10_000}, "from 0 (no warm-up) to 1440"),
    ({"warmer_minutes": "abc"}, "from 0 (no warm-up) to 1440"),
    ({"warmer_minutes": "2.5"}, "from 0 (no warm-up) to 1440"),
    ({"mfa": "sometimes"}, "Invalid choice for 'mfa'"),
    ({"web_app": False, "mobile_app": True}, "mobile_app needs web_app"),
]


@pytest.mark.parametrize(("answers", "message"), BAD_ANSWERS, ids=lambda value: str(value))
def test_bad_answers_are_refused_and_nothing_is_written(tmp_path, answers, message):
    destination = tmp_path / "project"
    with pytest.raises(ValueError, match=re.escape(message)) as refused:
        render(destination, **answers)
    assert "\n" not in str(refused.value).strip(), "one clear sentence"
    assert not destination.exists()


def answers_of(project):
    return yaml.safe_load((project / ".copier-answers.yml").read_text())


def test_defaults_render_a_sensible_project(tmp_path):
    answers = answers_of(render(tmp_path / "p"))
    assert answers["project_slug"] == "my-app"
    assert "package_name" not in answers  # the packages have fixed names: api, stacks
    assert answers["aws_region"] == "ap-northeast-2"
    assert answers["login_id"] == "email"
    assert answers["social_providers"] == []
    assert "auth_domain_prefix" not in answers, "asked only with social providers"
    assert answers["warmer_minutes"] == 30
    assert answers["web_app"] is True  # on for a new project; test_update: off for an old one
    assert answers["mfa"] == "optional"  # test_update: off for an old one
    assert answers["board"] is True  # on for a new project; test_update: off for an old one
    assert answers["waf"] is True  # prod's web ACL; test_update: off for an old one
    assert answers["mobile_app"] is False  # off unless chosen, on copy and update alike


# Every name gives a valid slug, so an interactive copier always reaches the slug
# question (it validates the derived default first). The rule is in docs/options.md.
DERIVED_NAMES = [
    ("Shop Front", "shop-front"),
    ("My Shop!", "my-shop"),
    ("  2nd   Brain_App ", "nd-brain-app"),
    ("Café Ünïcode App", "cafe-unicode-app"),
    ("Straße Ærø", "strasse-aero"),
    ("내 앱", "my-app"),
    ("日本アプリ", "my-app"),
    ("123 Go", "go-app"),
    ("AB", "ab-app"),
    ("A" * 60, "a" * 40),
]


@pytest.mark.parametrize(("name", "slug"), DERIVED_NAMES)
def test_slug_derives_from_the_name(tmp_path, name, slug):
    answers = answers_of(render(tmp_path / "p", project_name=name))
    assert answers["project_slug"] == slug


def ask(child: pexpect.spawn, question: str, keys: str = "\r") -> None:
    child.expect_exact(question)
    child.send(keys)


@pytest.mark.parametrize("name", ["내 앱"])
def test_the_interactive_prompt_asks_for_the_slug_whatever_the_name(tmp_path, name):
    """Copier's own prompt in a terminal, every later question answered with its default."""
    destination = tmp_path / "project"
    copier = Path(sys.executable).with_name("copier")
    child = pexpect.spawn(
        str(copier),
        ["copy", "--trust", "--vcs-ref", "HEAD", str(TEMPLATE), str(destination)],
        env=os.environ | {"PROMPT_TOOLKIT_NO_CPR": "1"},
        encoding="utf-8",
        timeout=60,
        dimensions=(50, 200),
    )
    ask(child, "Human name of the product", "\x15" + name + "\r")  # Ctrl-U clears "My App"
    slug = next(s for n, s in DERIVED_NAMES if n == name)
    ask(child, "Short name for stacks")
    while child.expect_exact(["🎤", pexpect.EOF]) == 0:  # each later question: its default
        child.send("\r")
    child.close()
    assert child.exitstatus == 0, child.before
    answers = answers_of(destination)
    assert (answers["project_name"], answers["project_slug"]) == (name, slug)


def test_derived_domain_prefix_leaves_out_the_words_cognito_refuses(tmp_path):
    project = render(tmp_path / "p", project_name="Aws Shop", social_providers=["apple"])
    answers = answers_of(project)
    assert answers["auth_domain_prefix"] == "shop"


def test_name_tables_hold_this_python():
    """hooks/names_data.jinja is generated; it must cover the Python running the tests."""
    data = (TEMPLATE / "hooks" / "names_data.jinja").read_text()
    for char in "éÜñçåÅ":
        folded = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        assert f'{ord(char)}: "{folded}"' in data


def test_domain_prefix_defaults_to_the_slug_with_social_login(tmp_path):
    answers = answers_of(render(tmp_path / "p", social_providers=["google"]))
    assert answers["auth_domain_prefix"] == "my-app"


def test_no_secrets_in_answers(tmp_path):
    text = render(tmp_path / "p", social_providers=["google", "apple"]) / ".copier-answers.yml"
    assert "secret" not in text.read_text().lower()


def load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_from(root: Path, name: str):
    """Module `name` as its package imports it (relative imports and all), from `root`, fresh:
    every render names its package alike."""
    package = name.partition(".")[0]
    for cached in [module for module in sys.modules if module.partition(".")[0] == package]:
        del sys.modules[cached]
    sys.path.insert(0, str(root))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(root))


def markdown_text(source: str) -> str:
    """The text a CommonMark reader shows for one line of Markdown."""
    inline = next(token for token in MarkdownIt().parse(source) if token.type == "inline")
    return "".join(child.content for child in inline.children if child.type == "text")


@pytest.mark.parametrize(
    "name",
    ['Ana "Quote" App', "Ana's", "Back\\slash", 'It\'s "a" "b"', "내 앱", "<b>*Hi*</b> & [x](y)"],
)
def test_free_text_answers_are_escaped_in_every_file(tmp_path, name):
    """The name reaches Python, TOML and Markdown as itself, never as code or markup."""
    project = render(tmp_path / "p", project_name=name)
    config = load_from(project / "infra", "stacks.config")
    settings = load(project / "backend/src/api/settings.py")
    assert config.PROJECT.name == settings.Settings().project_name == name
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    assert pyproject["project"]["description"].startswith(f"{name}: ")
    title = (project / "README.md").read_text().splitlines()[0]
    assert markdown_text(title) == name
