from .podcasts import EpisodeGuest, EpisodeTopic, Guest, PodcastEpisodePage, PodcastFeedState, PodcastIndexPage
from .qa import BlogIndexPage, QAPostPage, QAPostTopic, QARelatedPost
from .questions import QuestionSubmission
from .topics import Topic

__all__ = [
    "BlogIndexPage",
    "EpisodeGuest",
    "EpisodeTopic",
    "Guest",
    "PodcastEpisodePage",
    "PodcastFeedState",
    "PodcastIndexPage",
    "QAPostPage",
    "QAPostTopic",
    "QARelatedPost",
    "QuestionSubmission",
    "Topic",
]
