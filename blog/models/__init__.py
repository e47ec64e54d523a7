from .podcasts import EpisodeGuest, EpisodeTopic, Guest, PodcastEpisodePage, PodcastIndexPage
from .qa import BlogIndexPage, QAPostPage, QAPostTopic, QARelatedPost
from .questions import QuestionSubmission
from .topics import Topic

__all__ = [
    "BlogIndexPage",
    "EpisodeGuest",
    "EpisodeTopic",
    "Guest",
    "PodcastEpisodePage",
    "PodcastIndexPage",
    "QAPostPage",
    "QAPostTopic",
    "QARelatedPost",
    "QuestionSubmission",
    "Topic",
]
