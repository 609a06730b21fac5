"""The [gpu] extra's loader: finding the nvidia-*-cu12 wheels' libraries (tested on CPU only)."""

from __future__ import annotations

from aligntext.translate import cuda_libs


def fake_wheels(root):
    for package, name in cuda_libs.CUDA12_LIBRARIES:
        folder = root / "nvidia" / package / "lib"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"not a shared library")
    return root / "nvidia"


def test_libraries_are_found_in_dependency_order(tmp_path):
    found = cuda_libs.find_cuda12_libraries([fake_wheels(tmp_path)])
    assert [p.name for p in found] == [n for _, n in cuda_libs.CUDA12_LIBRARIES]
    assert found.index(tmp_path / "nvidia/cublas/lib/libcublasLt.so.12") < found.index(
        tmp_path / "nvidia/cublas/lib/libcublas.so.12"
    )


def test_nothing_is_loaded_without_the_wheels(tmp_path):
    assert cuda_libs.find_cuda12_libraries([tmp_path]) == []
    assert cuda_libs.preload_cuda12([tmp_path]) == []


def test_a_file_that_does_not_load_is_skipped_not_raised(tmp_path):
    # CTranslate2 then reports the library as missing, as it would have without the extra.
    assert cuda_libs.preload_cuda12([fake_wheels(tmp_path)]) == []


def test_the_ct2_backend_preloads_before_importing_ctranslate2(monkeypatch):
    from aligntext.translate import ct2

    calls = []
    monkeypatch.setattr(cuda_libs, "preload_cuda12", lambda: calls.append(1) or [])
    ct2._ctranslate2()
    assert calls == [1]
