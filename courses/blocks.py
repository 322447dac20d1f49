"""Lesson content. Activity blocks come from the apps below courses: the assessments quiz
block and interactive's H5P block."""

from django.utils.translation import gettext_lazy as _

from assessments.blocks import QuizBlock
from cms.blocks import AudioBlock, BaseStreamBlock, VideoBlock, VideoEmbedBlock
from interactive.blocks import H5PBlock


class LessonStreamBlock(BaseStreamBlock):
    audio = AudioBlock()
    video = VideoBlock()
    video_embed = VideoEmbedBlock()
    quiz = QuizBlock()
    h5p = H5PBlock()

    class Meta:
        label = _("Lesson content")
