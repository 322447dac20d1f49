"""Lesson content. Activity blocks come from the apps above courses: the assessments quiz
block here, interactive's H5P block in its issue."""

from django.utils.translation import gettext_lazy as _

from assessments.blocks import QuizBlock
from cms.blocks import AudioBlock, BaseStreamBlock, VideoBlock, VideoEmbedBlock


class LessonStreamBlock(BaseStreamBlock):
    audio = AudioBlock()
    video = VideoBlock()
    video_embed = VideoEmbedBlock()
    quiz = QuizBlock()

    class Meta:
        label = _("Lesson content")
