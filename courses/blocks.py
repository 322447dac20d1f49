"""Lesson content. Quiz and H5P activity blocks join `LessonStreamBlock` in their own issues
(assessments and interactive sit above courses, so courses may import their blocks)."""

from django.utils.translation import gettext_lazy as _

from cms.blocks import AudioBlock, BaseStreamBlock, VideoBlock, VideoEmbedBlock


class LessonStreamBlock(BaseStreamBlock):
    audio = AudioBlock()
    video = VideoBlock()
    video_embed = VideoEmbedBlock()

    class Meta:
        label = _("Lesson content")
