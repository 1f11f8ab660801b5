"""copier.yml: derived defaults, conditional questions, and bad answers refused with a reason."""

import re

import pytest
import yaml
from conftest import render

BAD_ANSWERS = [
    ({"project_slug": "My App!"}, "is not a valid slug"),
    ({"project_slug": "-x"}, "is not a valid slug"),
    ({"project_slug": "a"}, "is not a valid slug"),
    ({"project_slug": "ends-with-"}, "is not a valid slug"),
    ({"project_slug": "double--dash"}, "dashes must not repeat"),
    ({"project_name": "   "}, "must not be empty"),
    ({"package_name": "My-App"}, "is not a valid package name"),
    ({"package_name": "fastapi"}, "clashes with a module"),
    ({"aws_region": "mars-north-1"}, "Invalid choice for 'aws_region'"),
    ({"login_id": "fax"}, "Invalid choice for 'login_id'"),
    ({"social_providers": ["facebook"]}, "Invalid choice for 'social_providers'"),
    ({"social_providers": ["google"], "auth_domain_prefix": "myaws"}, 'must not contain "aws"'),
    ({"social_providers": ["apple"], "auth_domain_prefix": "MyApp"}, "not a valid Cognito domain"),
    ({"social_providers": ["apple"], "auth_domain_prefix": "-app"}, "not a valid Cognito domain"),
    ({"warmer_minutes": -1}, "from 0 (no warm-up) to 1440"),
    ({"warmer_minutes": 10_000}, "from 0 (no warm-up) to 1440"),
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
    assert answers["package_name"] == "my_app"
    assert answers["aws_region"] == "ap-northeast-2"
    assert answers["login_id"] == "email"
    assert answers["social_providers"] == []
    assert "auth_domain_prefix" not in answers, "asked only with social providers"
    assert answers["warmer_minutes"] == 30


@pytest.mark.parametrize(
    ("name", "slug", "package"),
    [
        ("Shop Front", "shop-front", "shop_front"),
        ("My Shop!", "my-shop", "my_shop"),
        ("  2nd   Brain_App ", "nd-brain-app", "nd_brain_app"),
    ],
)
def test_slug_and_package_derive_from_the_name(tmp_path, name, slug, package):
    answers = answers_of(render(tmp_path / "p", project_name=name))
    assert (answers["project_slug"], answers["package_name"]) == (slug, package)


def test_domain_prefix_defaults_to_the_slug_with_social_login(tmp_path):
    answers = answers_of(render(tmp_path / "p", social_providers=["google"]))
    assert answers["auth_domain_prefix"] == "my-app"


def test_no_secrets_in_answers(tmp_path):
    text = render(tmp_path / "p", social_providers=["google", "apple"]) / ".copier-answers.yml"
    assert "secret" not in text.read_text().lower()
