"""A purge backend for tests: it keeps what it was asked to purge."""


class RecordingPurgeBackend:
    purged: list[list[str]] = []

    def purge(self, keys) -> None:
        RecordingPurgeBackend.purged.append(sorted(keys))

    @classmethod
    def purged_keys(cls) -> set[str]:
        return {key for batch in cls.purged for key in batch}
