using Microsoft.Win32.SafeHandles;

namespace Lode.IO;

/// <summary>Hints to the kernel's page cache through <c>posix_fadvise(2)</c>. Hints are advisory: failures are
/// ignored, and off Linux every call is a no-op. Thread-safe.</summary>
public static class PageCache
{
    private const int WillNeedAdvice = 3; // POSIX_FADV_WILLNEED
    private const int DontNeedAdvice = 4; // POSIX_FADV_DONTNEED

    /// <summary>Asks the kernel to start reading <paramref name="length"/> bytes at <paramref name="offset"/> of the file
    /// into the page cache (<c>POSIX_FADV_WILLNEED</c>). Returns at once; the kernel may trim the range to about one
    /// read-ahead window.</summary>
    public static void WillNeed(SafeFileHandle handle, long offset, long length) => Advise(handle, offset, length, WillNeedAdvice);

    /// <summary>Asks the kernel to drop the file's clean cached pages (<c>POSIX_FADV_DONTNEED</c>), so the next read
    /// comes from the device: how benchmarks measure a cold file. Dirty pages are not dropped; call after an fsync.</summary>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static void Evict(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Advise(handle, 0, 0, DontNeedAdvice);
    }

    private static void Advise(SafeFileHandle handle, long offset, long length, int advice)
    {
        if (!OperatingSystem.IsLinux() || handle.IsInvalid || handle.IsClosed || offset < 0 || length < 0)
        {
            return;
        }
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            _ = NativeMethods.PosixFadvise((int)handle.DangerousGetHandle(), offset, length, advice);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }
}
