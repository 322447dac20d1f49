"""API for the signed-in person."""

from rest_framework import generics, serializers

from people.models import Enterprise, ParticipantProfile, User
from people.roles import role_of


class ParticipantProfileSerializer(serializers.ModelSerializer):
    cluster = serializers.StringRelatedField()
    enterprise = serializers.StringRelatedField()

    class Meta:
        model = ParticipantProfile
        fields = [
            "gender",
            "birth_year",
            "district",
            "province",
            "country",
            "cluster",
            "enterprise",
            "has_disability",
        ]
        read_only_fields = fields


class EnterpriseSerializer(serializers.ModelSerializer):
    cluster = serializers.StringRelatedField()

    class Meta:
        model = Enterprise
        fields = ["id", "name", "cluster", "products", "employees", "year_started"]
        read_only_fields = fields


class MeSerializer(serializers.ModelSerializer):
    role = serializers.SerializerMethodField()
    profile = ParticipantProfileSerializer(source="participant_profile", read_only=True)
    enterprises = EnterpriseSerializer(many=True, read_only=True)

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "phone",
            "full_name",
            "short_name",
            "preferred_language",
            "role",
            "profile",
            "enterprises",
        ]
        # Email and phone identify the account; only staff change them, in the admin.
        read_only_fields = ["id", "email", "phone", "role", "profile", "enterprises"]

    def get_role(self, user) -> str | None:
        return role_of(user)


class MeView(generics.RetrieveUpdateAPIView):
    """The signed-in person: name, language, role, participant profile and enterprises.
    PATCH changes the name or the preferred language."""

    serializer_class = MeSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self):
        return (
            User.objects.select_related(
                "participant_profile__cluster", "participant_profile__enterprise"
            )
            .prefetch_related("enterprises__cluster", "groups")
            .get(pk=self.request.user.pk)
        )
