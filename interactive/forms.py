"""The admin form for an H5P activity: upload a package (or replace it), its language, and
which activity it is a version of."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from interactive import services
from interactive.models import H5PContent
from interactive.packages import PackageRefused


class H5PContentForm(WagtailAdminModelForm):
    package = forms.FileField(
        label=_("H5P package"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".h5p"}),
        help_text=_(
            "An .h5p file exported from an H5P tool with its libraries, up to %(size)s."
        )
        % {"size": filesizeformat(settings.H5P_MAX_PACKAGE_BYTES)},
    )
    translation_of = forms.ModelChoiceField(
        label=_("Version of"),
        queryset=H5PContent.objects.none(),
        required=False,
        help_text=_(
            "The same activity in another language. Lessons then play the version in "
            "the reader's language."
        ),
    )

    class Meta:
        model = H5PContent
        fields = ["title", "language", "pass_mark"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.checked = None
        creating = self.instance.pk is None
        self.fields["package"].required = creating
        self.fields["title"].required = False
        # The model's own 1–100 check runs in install_package; say it on the form first.
        self.fields["pass_mark"].min_value = 1
        self.fields["pass_mark"].max_value = 100
        self.fields["pass_mark"].validators += [
            MinValueValidator(1),
            MaxValueValidator(100),
        ]
        self.fields["title"].help_text = _(
            "Leave empty to use the package's own title."
        )
        self.fields["language"].required = False
        self.fields["language"].choices = [
            ("", _("As the package says")),
            *settings.LANGUAGES,
        ]
        others = H5PContent.objects.order_by("title", "language")
        if not creating:
            self.fields["package"].label = _("Replace the package")
            self.fields["package"].help_text = _(
                "Upload a corrected export to replace this one. Results are kept."
            )
            others = others.exclude(translation_group=self.instance.translation_group)
        self.fields["translation_of"].queryset = others

    def clean_package(self):
        upload = self.cleaned_data.get("package")
        if not upload:
            return upload
        if upload.size > settings.H5P_MAX_PACKAGE_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; an H5P package may be at most %(limit)s.")
                % {
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(settings.H5P_MAX_PACKAGE_BYTES),
                }
            )
        try:
            self.checked = services.check(upload.read(), filename=upload.name)
        except PackageRefused as refused:
            raise forms.ValidationError(refused.reasons) from None
        return upload

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and not cleaned.get("language"):
            cleaned["language"] = self.instance.language
        translation_of = cleaned.get("translation_of")
        language = cleaned.get("language") or (
            self.checked and services.package_language(self.checked)
        )
        if translation_of and language:
            group = H5PContent.objects.filter(
                translation_group=translation_of.translation_group, language=language
            )
            if self.instance.pk:
                group = group.exclude(pk=self.instance.pk)
            if group.exists():
                self.add_error(
                    "translation_of",
                    _("That activity already has a version in this language."),
                )
        return cleaned

    def _post_clean(self):
        # The title and language may come from the package; the model is checked there.
        if not self.cleaned_data.get("title") and self.instance.pk:
            self.cleaned_data["title"] = self.instance.title
        if self.checked is None and self.instance.pk is None:
            return
        if self.checked is not None:
            return
        super()._post_clean()

    def save(self, commit=True):
        data = self.cleaned_data
        if self.checked is not None:
            try:
                self.instance = services.install_package(
                    self.checked,
                    title=data.get("title") or "",
                    language=data.get("language") or None,
                    translation_of=data.get("translation_of"),
                    replace=self.instance if self.instance.pk else None,
                    user=getattr(self, "for_user", None),
                    pass_mark=data.get("pass_mark"),
                )
            except PackageRefused as refused:  # a clash found at the last moment
                raise forms.ValidationError(refused.reasons) from None
            return self.instance
        instance = super().save(commit=commit)
        if data.get("translation_of"):
            services.link_translation(instance, data["translation_of"])
        return instance
