"""URLs of the learning app, mounted inside i18n_patterns by cms/urls.py.

The course pages themselves are Wagtail pages (/learning/module-6/segment-1/); these are the
stable short routes that redirect to them in the current language, and the members-only video
and image views.
"""

from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("learning/<int:module>/", views.module_short_route, name="module_short"),
    path("learning/<int:module>/<int:segment>/", views.module_short_route, name="segment_short"),
    path("learning/exercises/<int:number>/", views.exercise_short_route, name="exercise_short"),
    path("learning/videos/<int:media_id>/", views.segment_video, name="segment_video"),
    path("learning/images/<int:image_id>/<slug:size>/", views.course_image, name="course_image"),
]
