"""The models, by family: the library (what patients read) and the clinic's own records."""

from articles.models.editorial import RenderJob, Revision, TranslationRevision
from articles.models.library import Article, ArticleCode, GlossaryTerm, Image, Passage, Reviewer, Topic
from articles.models.site import ClinicPolicy, ClinicSettings, Feedback, Redirect, normalise_path
from articles.models.translation import ArticleTranslation, GlossaryTranslation, PolicyTranslation, TopicTranslation

__all__ = [
    "Article",
    "ArticleCode",
    "ArticleTranslation",
    "GlossaryTranslation",
    "PolicyTranslation",
    "TopicTranslation",
    "ClinicPolicy",
    "ClinicSettings",
    "Feedback",
    "GlossaryTerm",
    "Image",
    "Passage",
    "Redirect",
    "RenderJob",
    "Reviewer",
    "Revision",
    "Topic",
    "TranslationRevision",
    "normalise_path",
]
