"""The throttles' file cache without Redis (core/file_cache.py): values written in place under a lock, in Django's
FileBasedCache format, shared by every worker of a machine."""

from django.core.cache.backends.filebased import FileBasedCache

from core.file_cache import LockedFileCache


def test_a_value_is_kept_replaced_and_expires(tmp_path):
    cache = LockedFileCache(str(tmp_path), {})

    cache.set("history", [3.0, 2.0, 1.0], 60)
    kept = cache.get("history")
    cache.set("history", [4.0], 60)  # shorter: the rest of the file is cut off
    replaced = cache.get("history")
    cache.set("gone", 1, -1)

    assert kept == [3.0, 2.0, 1.0]
    assert replaced == [4.0]
    assert cache.get("gone", "missing") == "missing"
    assert cache.has_key("history") and not cache.has_key("gone")
    assert len(list(tmp_path.iterdir())) == 1  # written over, not beside: no temporary files left


def test_workers_on_the_same_folder_read_each_other_and_djangos_own_files(tmp_path):
    ours, other_worker, django_files = (
        LockedFileCache(str(tmp_path), {}),
        LockedFileCache(str(tmp_path), {}),
        FileBasedCache(str(tmp_path), {}),
    )

    ours.set("count", [1.0], 60)
    django_files.set("older", [2.0], 60)

    assert other_worker.get("count") == [1.0]
    assert django_files.get("count") == [1.0]
    assert ours.get("older") == [2.0]


def test_a_file_caught_before_its_first_write_is_a_miss_not_an_error(tmp_path):
    cache = LockedFileCache(str(tmp_path), {})
    cache.set("count", [1.0], 60)
    path = cache._key_to_file("count")
    with open(path, "wb") as file:
        file.write(b"\x80")  # cut short

    assert cache.get("count", "missing") == "missing"
    assert not cache.has_key("count")


def test_update_reads_and_writes_under_one_lock_and_can_leave_the_entry(tmp_path):
    cache, other_worker = LockedFileCache(str(tmp_path), {}), LockedFileCache(str(tmp_path), {})
    seen = []

    def add_one(value):
        seen.append(value)
        return (value or 0) + 1, 60, "added"

    results = [cache.update("count", add_one), other_worker.update("count", add_one)]
    left = other_worker.update("count", lambda value: (None, None, value))
    cache.set("old", 5, -1)  # expired: update sees no value

    assert results == ["added", "added"] and seen == [None, 1]
    assert left == 2 and cache.get("count") == 2
    assert cache.update("old", lambda value: (None, None, value)) is None
